/**
 * "Sign in this tab as …" on each bound Cognito account of the "This tab" panel (./this-tab.ts):
 * opens the sign-in view for that account and tab (./sign-in-flow.ts sends `sign-in-tab`), with
 * the same progress and prompts as the extension's own sign-in; the background writes the session
 * into the page and reloads it (src/background/page-session/tab-sessions.ts), or the view shows
 * why the page could not take it (its storage is cookies, the site is not bound, …).
 */
import type { AccountSummary } from '../../shared/views';
import { h } from '../../ui/dom';
import { t } from '../../ui/i18n';
import type { ThisTab } from './this-tab';

export function signInThisTabAction(tab: ThisTab, account: AccountSummary): HTMLElement | null {
  if (account.kind !== 'cognito') return null;
  const button = h('button', { type: 'button', 'data-testid': 'sign-in-this-tab', text: t('signInThisTabAs', account.label) });
  button.addEventListener('click', () => tab.popup.show({ name: 'flow', accountId: account.id, label: account.label, tabId: tab.tabId }));
  return button;
}
