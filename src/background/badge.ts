// The toolbar badge: the one place that decides what the extension's icon says when something
// waits for the person while the popup is closed. Each reason keeps the ids it is raised for
// (a flow, an account) in storage.session, so a worker stopped and restarted still clears what it
// raised, and a browser restart (which also resets the badge) starts clean. The badge shows how
// many things wait; its title (tooltip) says what, in the browser's language.
// Besides that global count, code fill marks a single tab ("?": pick the account to fill, "…":
// the fill waits for the next time step). Which of them a tab shows is BADGE_PRIORITY, the one
// rule for both. Reasons, one per line, most urgent first (the first global one held picks the
// colour); a new one needs its colour in COLORS and its sentence in titleLine (the compiler asks).
import type { StorageArea } from './storage';

export const BADGE_REASONS = [
  /** Renewing an account's tokens failed; cleared by the next successful refresh or sign-in (id: the account). */
  'refresh-failed',
  /** A sign-in with the account's "ask me first" policy waits for Approve or Deny (id: the flow). */
  'approval',
  /** A page's own sign-in waits for approval (page-watch reports a count: setCount). */
  'page-approval',
] as const;
export type BadgeReason = (typeof BADGE_REASONS)[number];

/** What code fill says on one tab's badge (src/background/fill/code-fill.ts), and the mark drawn for it. */
export const TAB_MARKS = { 'fill-choose': '?', 'fill-waiting': '…' } as const;
export type TabMark = keyof typeof TAB_MARKS;

/**
 * The priority rule, most urgent first, for what a tab's badge says ('count': the global count of
 * BADGE_REASONS). A fill on this tab that waits for the person to pick an account comes first: it
 * is about the page in front of them, and it lasts only until the fill or the next page load.
 * Then what waits anywhere (an approval, a failed refresh). Last, a fill that waits for the next
 * time step: it happens by itself within a period, so it must not hide anything.
 */
export const BADGE_PRIORITY = ['fill-choose', 'count', 'fill-waiting'] as const satisfies readonly (TabMark | 'count')[];

/**
 * A tab's badge text by BADGE_PRIORITY: its mark, or null for the global text (the browsers'
 * "no value for this tab", which follows every later change of the global badge).
 */
export function tabBadgeText(globalCount: number, mark: TabMark | undefined): string | null {
  for (const held of BADGE_PRIORITY) {
    if (held === 'count') { if (globalCount > 0) return null; }
    else if (held === mark) return TAB_MARKS[held];
  }
  return null;
}

/** The browser's action API, as far as the badge uses it (browser.action; a recorder in node tests). */
export interface BadgeApi {
  /** With tabId: that tab only; text null there means "show the global text". */
  setBadgeText(details: { text: string | null; tabId?: number }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle?(details: { title: string }): Promise<void>;
}
/** browser.i18n.getMessage. */
export type Translate = (key: string, substitutions?: string | string[]) => string;

/** What code fill may do to the badge: mark its tab, or take the mark away (undefined). */
export interface TabBadge { markTab(tabId: number, mark: TabMark | undefined): Promise<void> }

type BadgeState = Partial<Record<BadgeReason, string[]>> & { tabs?: Record<string, TabMark> };
const STATE_KEY = 'badge';
/**
 * Red for a failure (src/ui/styles.css --danger), the accent blue for something to approve, dark
 * amber for a page's sign-in; with none of them held, the accent blue, for a tab's own mark.
 * Tabs draw no colour of their own: a browser cannot hand a tab's colour back to the global one.
 */
const COLORS: Record<BadgeReason, string> = { 'refresh-failed': '#b42318', 'approval': '#0a58ca', 'page-approval': '#8a4b00' };
const TAB_MARK_COLOR = '#0a58ca';

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

  /** Makes `reason` count `count` where its source keeps a number, not ids (page-watch's waiting approvals). */
  setCount(reason: BadgeReason, count: number): Promise<void> {
    return this.set(reason, Array.from({ length: count }, (_, i) => String(i)));
  }

  /** Sets or (undefined) removes code fill's mark on one tab; the tab shows what BADGE_PRIORITY says. */
  markTab(tabId: number, mark: TabMark | undefined): Promise<void> {
    return this.change((state) => {
      const tabs = { ...state.tabs };
      if (mark) tabs[String(tabId)] = mark;
      else delete tabs[String(tabId)];
      state.tabs = tabs;
    }, [tabId]);
  }

  /**
   * A tab closed or loaded another page: its mark is gone (the browsers reset a tab's own values on
   * a page load; it is drawn back to the global text anyway, for a load they did not count).
   */
  forgetTab(tabId: number): Promise<void> {
    return this.markTab(tabId, undefined);
  }

  /** The ids each reason holds now, and the tabs' marks. */
  async held(): Promise<BadgeState> {
    return this.read();
  }

  /** `unmarked`: tabs whose mark this change may take away, drawn back to the global text. */
  private change(edit: (state: BadgeState) => void, unmarked: number[] = []): Promise<void> {
    const next = this.queue.then(async () => {
      const state = await this.read();
      const before = JSON.stringify(state);
      edit(state);
      for (const reason of BADGE_REASONS) if (state[reason]?.length === 0) delete state[reason];
      if (state.tabs && Object.keys(state.tabs).length === 0) delete state.tabs;
      if (JSON.stringify(state) === before) return;
      await this.session.set({ [STATE_KEY]: state });
      await this.show(state, unmarked);
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
    const tabs = (raw as { tabs?: unknown }).tabs;
    if (typeof tabs === 'object' && tabs !== null) {
      const marks = Object.entries(tabs).filter((entry): entry is [string, TabMark] => Object.hasOwn(TAB_MARKS, entry[1]));
      if (marks.length > 0) state.tabs = Object.fromEntries(marks);
    }
    return state;
  }

  private async show(state: BadgeState, unmarked: number[]): Promise<void> {
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
    await this.api.setBadgeBackgroundColor({ color: counts[0] ? COLORS[counts[0][0]] : TAB_MARK_COLOR });
    await this.api.setBadgeText({ text: total > 0 ? String(total) : '' });
    await this.api.setTitle?.({ title: [t('extName'), ...lines].join('\n') });
    // Every marked tab again (the global count may now outrank its mark), and the ones just unmarked.
    const tabs = state.tabs ?? {};
    for (const tabId of new Set([...Object.keys(tabs).map(Number), ...unmarked])) {
      // A tab closed meanwhile: nothing to draw on.
      await this.api.setBadgeText({ tabId, text: tabBadgeText(total, tabs[String(tabId)]) }).catch(() => undefined);
    }
  }
}
