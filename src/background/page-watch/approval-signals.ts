// How the person hears that a page waits for approval: a notification (optional permission
// `notifications`, asked for by the popup's "Notify me"; without it the badge alone says so) and
// the toolbar badge's count. Texts come from _locales.
import type { Badge } from '../badge';
import type { ApprovalSignals, PageApproval } from './page-approvals';

export interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string; requireInteraction?: boolean }): Promise<string>;
  clear(id: string): Promise<boolean>;
}

export interface SignalPorts {
  /** The one toolbar badge (src/background/badge.ts), as 'page-approval' beside its other reasons. */
  badge: () => Pick<Badge, 'setCount'>;
  /** Absent while the optional permission is not granted. */
  notifications(): NotificationsApi | undefined;
  message(key: string, substitutions?: string[]): string;
  iconUrl: string;
}

const notificationId = (a: PageApproval) => `page-approval.${a.id}`;

export function approvalSignals(ports: SignalPorts): ApprovalSignals {
  return {
    async raised(approval) {
      await ports.notifications()?.create(notificationId(approval), {
        type: 'basic', iconUrl: ports.iconUrl,
        title: ports.message('pageApprovalNotifyTitle'),
        message: ports.message('pageApprovalSigningIn', [approval.origin, approval.accountLabel]),
      });
    },
    async settled(approval) {
      await ports.notifications()?.clear(notificationId(approval));
    },
    pendingCount: (count) => ports.badge().setCount('page-approval', count),
  };
}
