/**
 * Pages of bound sites signing in as an "ask me first" account (`status.pageApprovals`, issue 9
 * item 5): "<origin> is signing in as <account>" with Deny and Approve. A security confirmation:
 * Deny comes first and takes the focus, so Enter or a stray click never approves; Approve needs
 * its own deliberate press. The origin is shown as the browser reported it (text, never markup).
 */
import type { PageApprovalView } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { announce } from '../../ui/components/announcer';
import { showErrorIn } from '../../ui/components/error-text';
import { h } from '../../ui/dom';
import { t } from '../../ui/i18n';
import { notificationsGranted, requestNotifications } from '../../ui/observation-permission';
import type { PopupContext } from '../popup-context';

export function pageApprovalsSection(ctx: PopupContext, approvals: readonly PageApprovalView[]): HTMLElement | null {
  if (approvals.length === 0) return null;
  const notify = h('button', { type: 'button', 'data-testid': 'page-approval-notify', text: t('pageApprovalNotifyMe'), hidden: true });
  // `notifications` is optional: offered here, where the person sees what it is for.
  void notificationsGranted().then((granted) => { notify.hidden = granted; });
  notify.addEventListener('click', () => {
    void requestNotifications().then((granted) => { notify.hidden = granted; });
  });
  return h('section', { class: 'pending card', 'aria-labelledby': 'page-approvals-title', 'data-testid': 'page-approvals' },
    h('h2', { id: 'page-approvals-title', text: t('pageApprovalsTitle') }),
    h('ul', {}, ...approvals.map((item) => approvalItem(ctx, item))), notify);
}

function approvalItem(ctx: PopupContext, item: PageApprovalView): HTMLElement {
  const errorLine = h('p', { class: 'error', role: 'alert', hidden: true });
  const answer = async (approve: boolean, buttons: HTMLButtonElement[]) => {
    for (const b of buttons) b.disabled = true;
    try {
      await ask({ type: 'answer-page-approval', id: item.id, answer: approve ? 'approve' : 'deny' });
      announce(t(approve ? 'pageApprovalApproved' : 'pageApprovalDenied', item.label));
      await ctx.refresh();
    } catch (error) {
      showErrorIn(errorLine, error);
      errorLine.hidden = false;
      for (const b of buttons) b.disabled = false;
    }
  };
  const deny = h('button', {
    type: 'button', 'data-testid': 'page-approval-deny', text: t('pageApprovalDeny'),
    'aria-label': t('pageApprovalDenyLabel', item.label, item.origin),
  });
  const approve = h('button', {
    type: 'button', class: 'primary', 'data-testid': 'page-approval-approve', text: t('pageApprovalApprove'),
    'aria-label': t('pageApprovalApproveLabel', item.label, item.origin),
  });
  deny.addEventListener('click', () => void answer(false, [deny, approve]));
  approve.addEventListener('click', () => void answer(true, [deny, approve]));
  return h('li', { 'data-testid': 'page-approval', 'data-approval-id': item.id },
    h('span', { class: 'grow', text: t('pageApprovalSigningIn', item.origin, item.label) }),
    deny, approve, errorLine);
}
