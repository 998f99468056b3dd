// "Ask me first" for pages (issue 9 item 5): a bound site seen signing in as an account whose
// policy asks before answering gets no code until the person approves, in the popup, that this
// origin signs in as this account. One entry per tab and account in storage.session (the worker
// may stop while the person decides); dropped with the tab's observed sign-in, and after
// APPROVAL_TTL_MS, a Cognito sign-in session's longest life. Approve lets code fill go ahead for
// that sign-in; Deny fills nothing for it.
import * as v from 'valibot';
import type { StorageArea } from '../storage';

const KEY = 'page-approvals';
export const APPROVAL_TTL_MS = 15 * 60_000;

const PageApprovalSchema = v.object({
  id: v.string(),
  tabId: v.number(),
  origin: v.string(),
  accountId: v.string(),
  accountLabel: v.string(),
  raisedAt: v.number(),
  decision: v.picklist(['pending', 'approved', 'denied']),
});
export type PageApproval = v.InferOutput<typeof PageApprovalSchema>;
export type PageDecision = PageApproval['decision'];

/** How the person hears of a pending approval (service-worker.ts: notifications and the badge). */
export interface ApprovalSignals {
  raised(approval: PageApproval): Promise<void>;
  settled(approval: PageApproval): Promise<void>;
  pendingCount(count: number): Promise<void>;
}

export class PageApprovals {
  /** Read-modify-write of the one key, one at a time (webRequest events arrive together). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: StorageArea,
    private readonly signals: ApprovalSignals,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** Asks the person once per tab and account; an entry already there (pending or decided) stands. */
  raise(tabId: number, origin: string, account: { id: string; label: string }): Promise<PageApproval> {
    return this.change(async (all) => {
      const existing = all.find((a) => a.tabId === tabId && a.accountId === account.id && a.origin === origin);
      if (existing) return { all, result: existing };
      const approval: PageApproval = { id: this.newId(), tabId, origin, accountId: account.id, accountLabel: account.label, raisedAt: this.now(), decision: 'pending' };
      return { all: [...all, approval], result: approval, raised: approval };
    });
  }

  /** The person's answer; an approval gone (tab closed, expired) is `undefined`. */
  decide(id: string, approve: boolean): Promise<PageApproval | undefined> {
    return this.change(async (all) => {
      const found = all.find((a) => a.id === id);
      if (!found || found.decision !== 'pending') return { all, result: found };
      const decided: PageApproval = { ...found, decision: approve ? 'approved' : 'denied' };
      return { all: all.map((a) => (a.id === id ? decided : a)), result: decided, settled: decided };
    });
  }

  /** What the code fill of `accountId` on this tab may do: undefined when nothing was asked. */
  async decisionFor(tabId: number, origin: string, accountId: string): Promise<PageDecision | undefined> {
    return (await this.read()).find((a) => a.tabId === tabId && a.origin === origin && a.accountId === accountId)?.decision;
  }

  async pending(): Promise<PageApproval[]> {
    return (await this.read()).filter((a) => a.decision === 'pending');
  }

  dropTab(tabId: number): Promise<void> {
    return this.change(async (all) => {
      const gone = all.filter((a) => a.tabId === tabId && a.decision === 'pending');
      return { all: all.filter((a) => a.tabId !== tabId), result: undefined, goneMany: gone };
    });
  }

  /** Locking the vault forgets every question and answer: a new unlock asks again. */
  clear(): Promise<void> {
    return this.change(async (all) => ({ all: [], result: undefined, goneMany: all.filter((a) => a.decision === 'pending') }));
  }

  private async read(): Promise<PageApproval[]> {
    const parsed = v.safeParse(v.array(PageApprovalSchema), (await this.session.get(KEY))[KEY]);
    const cutoff = this.now() - APPROVAL_TTL_MS;
    return parsed.success ? parsed.output.filter((a) => a.raisedAt >= cutoff) : [];
  }

  private change<R>(step: (all: PageApproval[]) => Promise<{ all: PageApproval[]; result: R; raised?: PageApproval; settled?: PageApproval; goneMany?: PageApproval[] }>): Promise<R> {
    const run = this.queue.then(async () => {
      const before = await this.read();
      const out = await step(before);
      await this.session.set({ [KEY]: out.all });
      // Signals never undo what was stored: a notification that cannot show changes no decision.
      const quiet = (p: Promise<void>) => p.catch(() => undefined);
      if (out.raised) await quiet(this.signals.raised(out.raised));
      for (const gone of [...(out.settled ? [out.settled] : []), ...(out.goneMany ?? [])]) await quiet(this.signals.settled(gone));
      await quiet(this.signals.pendingCount(out.all.filter((a) => a.decision === 'pending').length));
      return out.result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}
