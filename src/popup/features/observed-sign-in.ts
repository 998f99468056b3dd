/**
 * The sign-in this extension saw the tab make (issue 9 item 5: observation, opt-in per site), a
 * block of the "This tab" panel (./this-tab.ts): "<origin> is signing in as <username>", and which
 * bound account's code it is (the one code fill picks, src/background/fill/candidates.ts), or that
 * none here is that user's (then "Use this extension as the authenticator" or "Use on this site").
 *
 * "Is signing in", never "signed in": the extension sees the page's requests, not Cognito's
 * answers (webRequest gives no response body), so it cannot tell the last step from one that
 * gets another challenge back. Sends `tab-sign-in`; shows nothing when no sign-in was seen.
 */
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { t } from '../../ui/i18n';
import type { ThisTab } from './this-tab';

export function observedSignIn(tab: ThisTab): HTMLElement {
  const block = h('div', { class: 'this-tab-sign-in', 'data-testid': 'this-tab-sign-in', hidden: true });
  void ask({ type: 'tab-sign-in', tab: { id: tab.tabId } }).then(({ signIn, accountIds }) => {
    // Dropped by the background when the tab leaves the origin; checked here too, as the popup names this origin.
    if (signIn?.username === undefined || signIn.origin !== tab.origin) return;
    const accounts = tab.bound.filter((a) => accountIds.includes(a.id));
    replaceChildren(block,
      h('p', { 'data-testid': 'this-tab-sign-in-user', text: t('thisTabSigningIn', tab.origin, signIn.username) }),
      h('p', { class: 'muted', 'data-testid': 'this-tab-sign-in-account', 'data-account-ids': accounts.map((a) => a.id).join(' '),
        text: accounts.length > 0 ? t('thisTabSigningInAccount', accounts.map((a) => a.label).join(', ')) : t('thisTabSigningInNoAccount') }));
    block.hidden = false;
  }, () => undefined); // a locked vault or a closed tab: the panel simply shows no sign-in
  return block;
}
