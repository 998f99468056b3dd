/** The header's buttons: Settings (opens the options page) and Lock (sends `lock`). */
import browser from 'webextension-polyfill';
import { ask } from '../../ui/ask-background';
import { byId } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import type { PopupContext } from '../popup-context';

export async function openOptions(): Promise<void> {
  await browser.runtime.openOptionsPage();
  // The options page opens in a tab; the popup would otherwise stay over it.
  window.close();
}

export function setupHeaderActions(ctx: PopupContext): void {
  byId('open-options').addEventListener('click', () => void openOptions());
  byId('lock').addEventListener('click', async () => {
    try {
      await ask({ type: 'lock' });
      announce(t('lockedAnnouncement'));
      await ctx.refresh();
    } catch (error) {
      announce(errorText(error));
    }
  });
}

/** The lock button only makes sense while the vault is open. */
export function showLockButton(visible: boolean): void {
  byId('lock').hidden = !visible;
}
