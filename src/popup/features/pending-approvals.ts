/**
 * Sign-ins waiting for the person (from `status.pendingApprovals`): a flow keeps waiting in the
 * background when the popup closes, and this list brings it back. Opening one sends `flow-status`.
 */
import type { PendingApproval } from '../../shared/views';
import { h } from '../../ui/dom';
import { t } from '../../ui/i18n';
import type { PopupContext } from '../popup-context';

export function pendingApprovalsSection(ctx: PopupContext, pending: readonly PendingApproval[]): HTMLElement | null {
  if (pending.length === 0) return null;
  return h('section', { class: 'pending card', 'aria-labelledby': 'pending-title', 'data-testid': 'pending-approvals' },
    h('h2', { id: 'pending-title', text: t('pendingTitle', pending.length) }),
    h('ul', {}, ...pending.map((item) => h('li', { 'data-testid': 'pending-approval', 'data-flow-id': item.flowId },
      h('span', { class: 'grow', text: `${item.label} · ${t(`promptKind_${item.promptKind.replace(/-/g, '_')}`)}` }),
      h('button', {
        type: 'button', class: 'primary', 'data-testid': 'pending-open', text: t('review'),
        'aria-label': t('reviewSignIn', item.label),
        on: { click: () => ctx.show({ name: 'flow', accountId: item.accountId, label: item.label, flowId: item.flowId }) },
      })))));
}
