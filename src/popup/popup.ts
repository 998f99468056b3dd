/**
 * The toolbar popup. It holds no state of its own: it asks the background (`status`) which view
 * to show and redraws from the answers. Views are registered in `views` below, one file each in
 * ./features.
 *
 * Stable hooks for end-to-end tests (ids are unique in the page; data-testid may repeat per row):
 *   header       #open-options, #lock
 *   setup        #setup-form, #setup-password, #setup-confirm, #setup-submit, #setup-error,
 *                [data-testid=setup-strength]
 *   unlock       #unlock-form, #unlock-password, #unlock-submit, #unlock-password-error (wrong password text)
 *   accounts     #search (`/` focuses it), #accounts, [data-testid=account-row][data-account-id][data-kind],
 *                [data-testid=account-label], [data-testid=code] (click/Enter copies; data-code holds the digits),
 *                [data-testid=copied], [data-testid=countdown], [data-testid=countdown-seconds],
 *                [data-testid=account-sub], [data-testid=account-site], [data-testid=letter-mark],
 *                [data-testid=session-status][data-session=active|expired|none],
 *                [data-testid=sign-in], [data-testid=hotp-next], [data-testid=accounts-empty],
 *                [data-testid=next-code] (last seconds of a TOTP code), [data-testid=next-code-value][data-code],
 *                [data-testid=row-menu] (aria-expanded) with [role=menu] [data-testid=sign-out|show-devices|edit-account],
 *                #scan-tab, #scan-tab-result,
 *                #popup-add-account (toggles #add-account-panel), #add-otp-form, #add-otp-link, #add-otp-secret,
 *                #add-otp-account, #add-otp-issuer, #add-otp-submit, #add-otp-cancel, #add-otp-result, #add-cognito-in-options,
 *                [data-testid=pending-approvals], [data-testid=pending-approval][data-flow-id], [data-testid=pending-open],
 *                [data-testid=page-approvals], [data-testid=page-approval][data-approval-id],
 *                [data-testid=page-approval-deny] (focused), [data-testid=page-approval-approve]
 *   sign-in flow #flow-back, #flow-status / [data-testid=flow-status][data-status=running|needs-input|signed-in|failed|cancelled|error],
 *                [data-testid=flow-plain] (li[data-step][data-state]), #flow-details-toggle (aria-expanded)
 *                showing #flow-steps / [data-testid=flow-progress] (one li per event), #flow-cancel, #flow-retry,
 *                #prompt-form[data-prompt-kind], [data-testid=prompt-error], #prompt-submit,
 *                #approve, #deny (approve), #approve-email, #prompt-mfa-email (mfa-setup by e-mail),
 *                [data-testid=mfa-setup-decline-hint], #prompt-description (focused first by approve and mfa-setup),
 *                #prompt-password, #prompt-password-error (a refused password), #prompt-code, #prompt-answer,
 *                #prompt-new-password, #prompt-confirm-password, #prompt-attr-<name> / [data-testid=required-attribute],
 *                input[name=choice] / [data-testid=choice] (select-challenge, select-mfa-type)
 *   result       [data-testid=flow-result], [data-testid=token-expiry][data-expires-at], #copy-id-token,
 *                #copy-access-token, #enrolled-qr (canvas inside), #enrolled-secret, #copy-enrolled-secret
 *   everywhere   [data-testid=announcer] (polite live region)
 *
 * Messages sent: status, setup-vault, unlock, lock, list-accounts, get-codes, totp-next-period, hotp-next, sign-in,
 * flow-status, flow-answer, flow-cancel, import (QR codes scanned on the current tab),
 * answer-page-approval.
 */
import '../ui/styles.css';
import './popup.css';
import { ask } from '../ui/ask-background';
import { h, replaceChildren } from '../ui/dom';
import { errorContent } from '../ui/components/error-text';
import { followTheme } from '../ui/theme';
import { localizeTree, t } from '../ui/i18n';
import { watchLock, wipe } from '../ui/lock-watch';
import { accountsView } from './features/accounts';
import { setupHeaderActions, showLockButton } from './features/header-actions';
import { signInFlowView } from './features/sign-in-flow';
import { setupVaultView } from './features/setup-vault';
import { unlockView } from './features/unlock';
import type { PopupContext, View, ViewRenderer } from './popup-context';

const views: { [N in View['name']]: ViewRenderer<Extract<View, { name: N }>> } = {
  setup: setupVaultView,
  unlock: unlockView,
  accounts: accountsView,
  flow: signInFlowView,
};

function createPopup(main: HTMLElement): PopupContext {
  let leaveCurrent: (() => void) | void;
  const ctx: PopupContext = {
    main,
    show(view) {
      // The lock is told twice (the lock button's own refresh, the background's broadcast): a
      // second unlock view would replace the form under a password being typed.
      if (view.name === 'unlock' && main.dataset.view === 'unlock' && main.querySelector('#unlock-form')) return;
      leaveCurrent?.();
      replaceChildren(main);
      main.dataset.view = view.name;
      showLockButton(view.name === 'accounts' || view.name === 'flow');
      const render = views[view.name] as ViewRenderer<View>;
      leaveCurrent = render(ctx, view);
    },
    async refresh() {
      try {
        const status = await ask({ type: 'status' });
        followTheme(status.settings.theme);
        if (!status.initialized) ctx.show({ name: 'setup' });
        else if (status.locked) ctx.show({ name: 'unlock' });
        else ctx.show({ name: 'accounts', status });
      } catch (error) {
        leaveCurrent?.();
        leaveCurrent = undefined;
        replaceChildren(main, h('p', { class: 'error', role: 'alert', 'data-testid': 'popup-error' }, ...errorContent(error)),
          h('button', { type: 'button', id: 'popup-retry', text: t('tryAgain'), on: { click: () => void ctx.refresh() } }));
      }
    },
  };
  return ctx;
}

localizeTree(document);
const main = document.getElementById('view')!;
const popup = createPopup(main);
setupHeaderActions(popup);
// Follows the lock live (ui/lock-watch.ts): a lock from anywhere (auto-lock, idle, another page)
// drops the codes, labels, prompts and anything typed, and shows the unlock form. (Unlocking
// elsewhere is not followed: the popup closes when it loses focus, and its own form unlocks it.)
watchLock({
  locked() {
    if (main.dataset.view === 'unlock' || main.dataset.view === 'setup') return;
    wipe(main);
    popup.show({ name: 'unlock' });
  },
});
void popup.refresh();
