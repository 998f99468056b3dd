// Finished sign-in flows (signed-in, failed, cancelled) are kept for the popup to show their
// result, then deleted: their records hold the tokens (encrypted, but nothing needs them there).
import type { FlowStatus } from '../../shared/views';
import type { AgentDeps } from './account-session';
import type { FlowRecord } from './flow-store';

/** How long a finished flow is kept for the popup to show its result. */
export const FINISHED_FLOW_TTL_MS = 5 * 60_000;
/** Deletes finished flows once they are FINISHED_FLOW_TTL_MS old (also done on every access). */
export const PRUNE_FLOWS_ALARM = 'prune-flows';
export const FINISHED: ReadonlySet<FlowStatus> = new Set(['signed-in', 'failed', 'cancelled']);

export class FlowPruner {
  private readonly now: () => number;

  constructor(private readonly d: Pick<AgentDeps, 'flows' | 'alarms' | 'now'>) {
    this.now = d.now ?? Date.now;
  }

  /** A finished flow past its time to be shown (the alarm may not have fired yet, or was lost). */
  isExpired(record: FlowRecord): boolean {
    return FINISHED.has(record.status) && record.updatedAt + FINISHED_FLOW_TTL_MS <= this.now();
  }

  /**
   * Deletes finished flows older than FINISHED_FLOW_TTL_MS and re-arms the alarm for the next
   * one to expire. Returns the flows kept, oldest first.
   */
  async pruneFinished(): Promise<FlowRecord[]> {
    const kept: FlowRecord[] = [];
    let nextExpiry: number | undefined;
    for (const flow of await this.d.flows.list()) {
      if (!FINISHED.has(flow.status)) {
        kept.push(flow);
        continue;
      }
      const expiresAt = flow.updatedAt + FINISHED_FLOW_TTL_MS;
      if (expiresAt <= this.now()) {
        await this.d.flows.remove(flow.flowId);
        continue;
      }
      kept.push(flow);
      nextExpiry = Math.min(nextExpiry ?? expiresAt, expiresAt);
    }
    if (nextExpiry !== undefined) await this.d.alarms.create(PRUNE_FLOWS_ALARM, { when: nextExpiry });
    return kept;
  }

  /** A flow just finished: make sure it is deleted once it has been shown long enough. */
  async armPrune(record: FlowRecord): Promise<void> {
    if (!FINISHED.has(record.status)) return;
    // One alarm for all, replaced by each finish: when it fires it deletes every expired flow, so an
    // earlier flow goes at most FINISHED_FLOW_TTL_MS late (or sooner, on the next access).
    await this.d.alarms.create(PRUNE_FLOWS_ALARM, { when: record.updatedAt + FINISHED_FLOW_TTL_MS });
  }

  /** The account signed out: its finished flows hold its tokens. */
  async removeFinishedOf(accountId: string): Promise<void> {
    for (const flow of await this.d.flows.list()) {
      if (flow.accountId === accountId && FINISHED.has(flow.status)) await this.d.flows.remove(flow.flowId);
    }
  }
}
