// The toolbar badge: the one place that decides what the extension's icon says when something
// waits for the person while the popup is closed. Each reason keeps the ids it is raised for
// (a flow, an account) in storage.session, so a worker stopped and restarted still clears what it
// raised, and a browser restart (which also resets the badge) starts clean. The badge shows how
// many things wait; its title (tooltip) says what, in the browser's language.
// Reasons, one per line of BADGE_REASONS, most urgent first (the first one held picks the
// colour); a new one needs its colour in COLORS and its sentence in titleLine (the compiler asks).
import type { StorageArea } from './storage';

export const BADGE_REASONS = [
  /** Renewing an account's tokens failed; cleared by the next successful refresh or sign-in (id: the account). */
  'refresh-failed',
  /** A sign-in with the account's "ask me first" policy waits for Approve or Deny (id: the flow). */
  'approval',
  /** A page's own sign-in waits for approval (page-watch; ids stand for its count, see pageApprovalBadge). */
  'page-approval',
] as const;
export type BadgeReason = (typeof BADGE_REASONS)[number];

/** The browser's action API, as far as the badge uses it (browser.action; a recorder in node tests). */
export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  /** Optional so page-watch's recorders (which draw the count only) fit. */
  setTitle?(details: { title: string }): Promise<void>;
}
/** browser.i18n.getMessage. */
export type Translate = (key: string, substitutions?: string | string[]) => string;

type BadgeState = Partial<Record<BadgeReason, string[]>>;
const STATE_KEY = 'badge';
/** Red for a failure (src/ui/styles.css --danger), the accent blue for something to approve. */
const COLORS: Record<BadgeReason, string> = { 'refresh-failed': '#b42318', 'approval': '#0a58ca', 'page-approval': '#8a4b00' };

export class Badge {
  /** Updates run one after another, so two read-modify-writes of the state never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly session: StorageArea, private readonly api: BadgeApi | undefined, private readonly translate: Translate) {}

  raise(reason: BadgeReason, id: string): Promise<void> {
    return this.change((state) => { state[reason] = [...new Set([...(state[reason] ?? []), id])]; });
  }

  clear(reason: BadgeReason, id: string): Promise<void> {
    return this.change((state) => { state[reason] = (state[reason] ?? []).filter((held) => held !== id); });
  }

  /** Makes `reason` hold exactly `ids` (what is true now, e.g. the flows still waiting). */
  set(reason: BadgeReason, ids: readonly string[]): Promise<void> {
    return this.change((state) => { state[reason] = [...new Set(ids)]; });
  }

  /** The ids each reason holds now. */
  async held(): Promise<BadgeState> {
    return this.read();
  }

  private change(edit: (state: BadgeState) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const state = await this.read();
      const before = JSON.stringify(state);
      edit(state);
      for (const reason of BADGE_REASONS) if (state[reason]?.length === 0) delete state[reason];
      if (JSON.stringify(state) === before) return;
      await this.session.set({ [STATE_KEY]: state });
      await this.show(state);
    });
    // The badge is a hint: failing to store or draw it must not fail the sign-in or refresh that
    // raised it, nor block the updates after it.
    this.queue = next.catch(() => undefined);
    return this.queue as Promise<void>;
  }

  private async read(): Promise<BadgeState> {
    const raw = (await this.session.get(STATE_KEY))[STATE_KEY];
    const state: BadgeState = {};
    if (typeof raw !== 'object' || raw === null) return state;
    for (const reason of BADGE_REASONS) {
      const ids = (raw as Record<string, unknown>)[reason];
      if (Array.isArray(ids)) state[reason] = ids.filter((id): id is string => typeof id === 'string');
    }
    return state;
  }

  private async show(state: BadgeState): Promise<void> {
    if (!this.api) return;
    const t = this.translate;
    const counts = BADGE_REASONS.map((reason) => [reason, state[reason]?.length ?? 0] as const).filter(([, n]) => n > 0);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    const titleLine = (reason: BadgeReason, n: number): string => {
      switch (reason) {
        case 'refresh-failed': return t('badgeRefreshFailed', String(n));
        case 'approval': return t('badgeApprovalWaiting', String(n));
        case 'page-approval': return `${t('pageApprovalNotifyTitle')} (${n})`;
      }
    };
    const lines = counts.map(([reason, n]) => titleLine(reason, n));
    if (counts[0]) await this.api.setBadgeBackgroundColor({ color: COLORS[counts[0][0]] });
    await this.api.setBadgeText({ text: total > 0 ? String(total) : '' });
    await this.api.setTitle?.({ title: [t('extName'), ...lines].join('\n') });
  }
}

/**
 * Page-watch's count of waiting page approvals as a BadgeApi (what approvalSignals draws into),
 * kept as the 'page-approval' reason, so it adds to the other reasons instead of overwriting the
 * badge text. page-watch reports a count, not ids: the ids stand for it.
 */
export function pageApprovalBadge(badge: () => Badge): BadgeApi {
  return {
    async setBadgeText({ text }) {
      const count = Number(text) || 0;
      await badge().set('page-approval', Array.from({ length: count }, (_, i) => String(i)));
    },
    async setBadgeBackgroundColor() { /* the Badge picks the colour */ },
  };
}

// page-watch's own drawing (approval-signals.ts); service-worker.ts hands it pageApprovalBadge.

/** Dark amber: readable under the white badge text (contrast above 4.5:1) in light and dark toolbars. */
const WAITING_COLOR = '#8a4b00';

export async function showWaitingCount(badge: BadgeApi, count: number): Promise<void> {
  if (count > 0) await badge.setBadgeBackgroundColor({ color: WAITING_COLOR });
  await badge.setBadgeText({ text: count > 0 ? String(Math.min(count, 99)) : '' });
}
