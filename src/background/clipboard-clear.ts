// Empties the clipboard a while after the popup copied a code or token into it, when the person
// chose a delay in options (settings.clipboardClearSeconds; 0: never). The popup copies (a page
// with a user gesture may), then sends `clipboard-copied`; an alarm then fires in the background
// even when the popup is long closed (it closes as soon as the person clicks into the page to
// paste) and the worker asleep. How the background reaches the clipboard differs per browser:
// - Chromium: an MV3 service worker has no clipboard. An offscreen document (permission
//   `offscreen`, reason CLIPBOARD: no install warning, no access to sites or data) is opened for
//   the moment of clearing and closed again; public/offscreen-clipboard.html does the writing.
// - Firefox: the event page is a document; with the optional permission `clipboardWrite`
//   (requested in options when a delay is chosen) it may write the clipboard without a gesture.
// Neither browser lets the extension read the clipboard without `clipboardRead` (which would
// read everything the person copies, anywhere), so the clipboard is emptied without checking
// that it still holds what was copied: a text copied since is emptied too. README: "Clipboard".
import type { AlarmsApi } from './lock/auto-lock';
import type { SettingsStore } from './settings';

export const CLIPBOARD_CLEAR_ALARM = 'clipboard-clear';

/** Writes an empty text into the clipboard; throws when the browser refused. */
export interface ClipboardClearer {
  clear(): Promise<void>;
}

export class ClipboardClearSchedule {
  constructor(private readonly alarms: AlarmsApi, private readonly settings: SettingsStore, private readonly now: () => number = Date.now) {}

  /** The popup copied something: arm the alarm (a later copy moves it), or nothing when the setting is off. */
  async copied(): Promise<{ clearAt?: number }> {
    const seconds = (await this.settings.get()).clipboardClearSeconds;
    if (seconds === 0) return {};
    const clearAt = this.now() + seconds * 1000;
    await this.alarms.create(CLIPBOARD_CLEAR_ALARM, { when: clearAt });
    return { clearAt };
  }

  /** Returns true when the alarm was ours (the clipboard is then emptied). */
  async onAlarm(name: string, clearer: ClipboardClearer | undefined): Promise<boolean> {
    if (name !== CLIPBOARD_CLEAR_ALARM) return false;
    await clearer?.clear();
    return true;
  }
}

/** Chromium: through an offscreen document opened for the moment (public/offscreen-clipboard.html). */
export function offscreenClipboardClearer(api: {
  offscreen: { createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>; closeDocument(): Promise<void> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}): ClipboardClearer {
  return {
    async clear() {
      // One offscreen document per extension: one left open by a worker stopped mid-clear is reused.
      await api.offscreen.createDocument({ url: OFFSCREEN_CLIPBOARD_PAGE, reasons: ['CLIPBOARD'], justification: 'Empty the clipboard after a copied one-time code or token.' })
        .catch((error: unknown) => { if (!/single offscreen|only a single/i.test(String(error))) throw error; });
      try {
        const answer = await api.runtime.sendMessage({ target: OFFSCREEN_CLIPBOARD_TARGET, type: 'clear' }) as { cleared?: boolean } | undefined;
        if (!answer?.cleared) throw new Error('the offscreen document could not write the clipboard');
      } finally {
        await api.offscreen.closeDocument().catch(() => undefined);
      }
    },
  };
}

/** Firefox: the event page writes the clipboard itself (needs the clipboardWrite permission). */
export function documentClipboardClearer(clipboard: { writeText(text: string): Promise<void> }): ClipboardClearer {
  return { clear: () => clipboard.writeText('') };
}

export const OFFSCREEN_CLIPBOARD_PAGE = 'offscreen-clipboard.html';
/** Messages for the offscreen document carry this target; every other page ignores them. */
export const OFFSCREEN_CLIPBOARD_TARGET = 'offscreen-clipboard';
