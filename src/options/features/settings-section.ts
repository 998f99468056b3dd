/**
 * Settings: auto-lock minutes, the default confirmation policy for new accounts, the theme
 * (applied at once, src/ui/theme.ts), the clipboard clearing delay, and the clock
 * offset of each Cognito endpoint (read-only: learnt from that endpoint's Date header, applied to
 * its accounts only; an offset it claimed beyond the bound is shown as not applied). Sends
 * `set-settings` and `list-server-clocks`.
 */
import browser from 'webextension-polyfill';
import { MAX_CLOCK_OFFSET_MS } from '../../cognito/clock';
import type { ServerClockView } from '../../shared/views';
import { CLIPBOARD_CLEAR_SECONDS, THEMES, type ClipboardClearSeconds, type Settings, type Theme } from '../../shared/requests';
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { checkboxField, inputField, selectField } from '../../ui/components/form-field';
import { statusLine } from '../../ui/components/status-line';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';

export function settingsSection(initial: Settings, onSaved: (settings: Settings) => void): HTMLElement {
  const autoLock = inputField({ id: 'auto-lock-minutes', label: t('autoLockLabel'), type: 'number', value: String(initial.autoLockMinutes), inputmode: 'numeric', hint: t('autoLockHint') });
  autoLock.input.min = '0';
  autoLock.input.max = String(24 * 60);
  const policy = selectField({ id: 'default-policy', label: t('defaultPolicyLabel'), value: initial.defaultPolicy.autoAnswer ? 'auto' : 'ask',
    choices: [{ value: 'auto', label: t('policyAuto') }, { value: 'ask', label: t('policyAsk') }], hint: t('defaultPolicyHint') });
  const remember = checkboxField({ id: 'default-remember-device', label: t('rememberDeviceLabel'), checked: initial.defaultPolicy.rememberDevice });
  const themeLabels: Record<Theme, string> = { system: t('themeSystem'), light: t('themeLight'), dark: t('themeDark') };
  const theme = selectField({ id: 'theme', label: t('themeLabel'), value: initial.theme,
    choices: THEMES.map((value) => ({ value, label: themeLabels[value] })) });
  const clipboardClear = selectField({ id: 'clipboard-clear-seconds', label: t('clipboardClearLabel'), value: String(initial.clipboardClearSeconds),
    choices: CLIPBOARD_CLEAR_SECONDS.map((seconds) => ({ value: String(seconds), label: seconds === 0 ? t('clipboardClearOff') : t('clipboardClearAfter', String(seconds)) })),
    hint: t('clipboardClearHint') });
  const clocks = h('div', { id: 'clock-offsets', 'data-testid': 'clock-offsets', 'aria-labelledby': 'clock-offsets-label', 'aria-live': 'polite' });
  void showClocks(clocks);
  const submit = h('button', { type: 'submit', class: 'primary', id: 'settings-save', text: t('saveSettings') });
  const status = statusLine('settings-result');
  const form = h('form', { id: 'settings-form', novalidate: true },
    autoLock.wrapper, policy.wrapper, remember.wrapper, theme.wrapper, clipboardClear.wrapper,
    h('div', { class: 'field' }, h('span', { id: 'clock-offsets-label', class: 'label', text: t('clockOffsetLabel') }), clocks, h('p', { class: 'hint', text: t('clockOffsetHint') })),
    h('div', { class: 'actions' }, submit), status.element);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    autoLock.setError(undefined);
    const minutes = Number(autoLock.input.value);
    if (!/^\d+$/.test(autoLock.input.value.trim()) || minutes > 24 * 60) {
      autoLock.setError(t('errorAutoLock'));
      return autoLock.input.focus();
    }
    const clearSeconds = Number(clipboardClear.input.value) as ClipboardClearSeconds;
    // Firefox asks for clipboardWrite here, in the click that chose a delay (a permission request
    // needs the gesture, so before any other await). Refused: the setting is saved, nothing is cleared.
    const permission = clearSeconds > 0 ? requestClipboardWrite() : Promise.resolve(true);
    submit.disabled = true;
    try {
      await permission;
      const { settings } = await ask({ type: 'set-settings', settings: {
        autoLockMinutes: minutes,
        defaultPolicy: { autoAnswer: policy.input.value === 'auto', rememberDevice: remember.input.checked },
        theme: theme.input.value as Theme,
        clipboardClearSeconds: clearSeconds,
      } });
      void showClocks(clocks);
      status.show(t('settingsSaved'), 'success');
      onSaved(settings);
    } catch (error) {
      status.show(errorText(error), 'error');
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { id: 'settings-section', 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title', text: t('settingsTitle') }), form, fillShortcutLine());
}

/** The keyboard shortcut of "Fill code" (manifest `commands`), as the browser has it now: the person may have changed it. */
function fillShortcutLine(): HTMLElement {
  const line = h('p', { class: 'hint', id: 'fill-shortcut', 'data-testid': 'fill-shortcut' });
  void browser.commands.getAll().then((commands) => {
    const shortcut = commands.find((c) => c.name === 'fill-code')?.shortcut;
    line.textContent = shortcut ? t('fillShortcut', shortcut) : t('fillShortcutNone');
  }, () => { line.hidden = true; });
  return line;
}

/**
 * Firefox only: the optional clipboardWrite permission its event page needs to empty the
 * clipboard (manifest.config.ts). Chromium has no such optional permission (it uses offscreen).
 */
function requestClipboardWrite(): Promise<boolean> {
  const optional = browser.runtime.getManifest().optional_permissions ?? [];
  if (!optional.includes('clipboardWrite')) return Promise.resolve(true);
  return browser.permissions.request({ permissions: ['clipboardWrite'] }).catch(() => false);
}

/** One row per endpoint heard from: `[data-testid=clock-offset][data-endpoint][data-offset-ms]`, plus `data-ignored-offset-ms`. */
async function showClocks(into: HTMLElement): Promise<void> {
  let views: ServerClockView[];
  try {
    views = (await ask({ type: 'list-server-clocks' })).clocks;
  } catch (error) {
    into.replaceChildren(h('p', { class: 'error', text: errorText(error) }));
    return;
  }
  if (views.length === 0) {
    into.replaceChildren(h('p', { 'data-testid': 'clock-offsets-none', text: t('clockOffsetNone') }));
    return;
  }
  into.replaceChildren(h('ul', { class: 'clock-offsets' }, ...views.map((view) => h('li', {
    'data-testid': 'clock-offset', 'data-endpoint': view.endpoint, 'data-offset-ms': view.offsetMs ?? 0,
    ...(view.ignored ? { 'data-ignored-offset-ms': view.ignored.offsetMs } : {}),
  }, h('strong', { text: `${hostOf(view.endpoint)}:` }), ' ', clockOffsetText(view.offsetMs ?? 0),
  view.ignored ? h('span', { class: 'warning', text: ` ${t('clockOffsetIgnored', minutes(view.ignored.offsetMs), minutes(MAX_CLOCK_OFFSET_MS))}` }) : null))));
}

function clockOffsetText(offsetMs: number): string {
  if (Math.abs(offsetMs) < 500) return t('clockInSync');
  const seconds = (Math.abs(offsetMs) / 1000).toFixed(1);
  return offsetMs > 0 ? t('clockBehind', seconds) : t('clockAhead', seconds);
}

function minutes(offsetMs: number): string {
  return String(Math.round(Math.abs(offsetMs) / 60_000));
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
