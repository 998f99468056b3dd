// Sign-in flows in flight, kept in storage.session encrypted with the vault key, so a flow
// survives the worker being stopped between a prompt and its answer, and so the engine state
// (Session tokens, enrolled TOTP secret) is never in storage in clear. Locking deletes them.
import * as v from 'valibot';
import type { ProgressEvent } from '../../shared/flow-progress';
import type { FlowStatus, FlowView, PromptView } from '../../shared/views';
import { storedErrorInfo } from '../../shared/error-codes';
import type { FlowState } from '../../cognito/engine/types';
import { VaultCorruptError } from '../vault/format';
import type { Vault } from '../vault/vault';
import type { TabTarget } from '../page-session/tab-sessions';

export interface FlowRecord {
  flowId: string;
  accountId: string;
  status: FlowStatus;
  progress: ProgressEvent[];
  prompt?: PromptView;
  /** The engine state while waiting for input (JSON; see FlowState). */
  state?: FlowState;
  result?: NonNullable<FlowView['result']>;
  error?: { code: string; message: string; exception?: string };
  /** "Sign in this tab": the tab the session goes into once signed in (checked before the sign-in started). */
  tab?: TabTarget;
  updatedAt: number;
}

// The record was written by this code and authenticated by GCM; the schema guards the fields
// the agent branches on and keeps the engine state opaque.
const FlowRecordSchema = v.object({
  flowId: v.string(),
  accountId: v.string(),
  status: v.picklist(['running', 'needs-input', 'signed-in', 'failed', 'cancelled']),
  progress: v.array(v.custom<ProgressEvent>((e) => typeof e === 'object' && e !== null && typeof (e as { kind?: unknown }).kind === 'string')),
  prompt: v.optional(v.custom<PromptView>((p) => typeof p === 'object' && p !== null && typeof (p as { kind?: unknown }).kind === 'string')),
  state: v.optional(v.custom<FlowState>((s) => typeof s === 'object' && s !== null)),
  result: v.optional(v.object({ expiresAt: v.number(), idToken: v.string(), accessToken: v.string(), refreshTokenPresent: v.boolean(), enrolledTotpUri: v.optional(v.string()) })),
  error: v.optional(v.object({ code: v.string(), message: v.string(), exception: v.optional(v.string()) })),
  tab: v.optional(v.object({ tabId: v.number(), origin: v.string(), library: v.optional(v.picklist(['amplify-v6', 'identity-js'])) })),
  updatedAt: v.number(),
});

export class FlowStore {
  constructor(private readonly vault: Vault) {}

  async get(flowId: string): Promise<FlowRecord | undefined> {
    return this.vault.readFlow(flowId, FlowRecordSchema) as Promise<FlowRecord | undefined>;
  }

  async put(record: FlowRecord): Promise<void> {
    await this.vault.writeFlow(record.flowId, record);
  }

  async remove(flowId: string): Promise<void> {
    await this.vault.removeFlow(flowId);
  }

  async list(): Promise<FlowRecord[]> {
    const records: FlowRecord[] = [];
    for (const flowId of await this.vault.listFlows()) {
      try {
        const record = await this.get(flowId);
        if (record) records.push(record);
      } catch (error) {
        if (!(error instanceof VaultCorruptError)) throw error;
        // A flow that cannot be read cannot be resumed; it only lives in this session anyway.
        // Dropping it keeps `status` (pending approvals) working; flow-status on its id says not-found.
        await this.remove(flowId);
      }
    }
    return records.sort((a, b) => a.updatedAt - b.updatedAt);
  }
}

export function toView(record: FlowRecord): FlowView {
  const view: FlowView = { flowId: record.flowId, accountId: record.accountId, status: record.status, progress: record.progress };
  if (record.prompt) view.prompt = record.prompt;
  if (record.result) view.result = record.result;
  if (record.error) view.error = storedErrorInfo(record.error);
  return view;
}
