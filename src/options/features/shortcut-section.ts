/**
 * The keyboard shortcut that opens the popup (the manifest's `_execute_action` command, with a
 * suggested key). Shows the binding the browser actually has (`commands.getAll()`: the person
 * may have changed or removed it, or another extension may hold the suggested key) and where to
 * change it: Firefox opens its shortcut settings itself (`commands.openShortcutSettings`); in
 * Chromium the page chrome://extensions/shortcuts is opened in a tab (a link to it would not open).
 */
import browser from 'webextension-polyfill';
import { h } from '../../ui/dom';
import { t } from '../../ui/i18n';

/** The manifest's command that opens the action's popup (MV3, in Chrome and Firefox). */
export const OPEN_POPUP_COMMAND = '_execute_action';
const CHROMIUM_SHORTCUTS_PAGE = 'chrome://extensions/shortcuts';

type ShortcutSettingsOpener = { openShortcutSettings?: () => Promise<void> };

export function shortcutSection(): HTMLElement {
  const current = h('p', { id: 'open-popup-shortcut', 'data-testid': 'open-popup-shortcut', 'aria-live': 'polite' });
  const commands = browser.commands as unknown as ShortcutSettingsOpener;
  const firefox = typeof commands.openShortcutSettings === 'function';
  const change = h('button', { type: 'button', id: 'change-shortcut', text: t('shortcutChange'), on: { click: () => {
    if (firefox) void commands.openShortcutSettings!();
    else void browser.tabs.create({ url: CHROMIUM_SHORTCUTS_PAGE });
  } } });
  void showBinding(current);
  return h('section', { id: 'shortcut-section', 'aria-labelledby': 'shortcut-title' },
    h('h2', { id: 'shortcut-title', text: t('shortcutTitle') }),
    current,
    h('p', { class: 'hint', text: firefox ? t('shortcutHowToChangeFirefox') : t('shortcutHowToChangeChromium') }),
    h('div', { class: 'actions' }, change));
}

/** `[data-shortcut]` holds the browser's own text of the binding, empty when none is set. */
async function showBinding(into: HTMLElement): Promise<void> {
  const command = (await browser.commands.getAll()).find((c) => c.name === OPEN_POPUP_COMMAND);
  const shortcut = command?.shortcut ?? '';
  into.dataset.shortcut = shortcut;
  into.replaceChildren(shortcut
    ? h('span', {}, t('shortcutOpensPopup'), ' ', h('kbd', { class: 'mono', translate: 'no', text: shortcut }))
    : h('span', { text: t('shortcutNone') }));
}
