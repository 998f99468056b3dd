// The background's agent: one entry point for the router over the jobs that act on accounts'
// Cognito sessions, each in its own module over the shared AccountSession (account-session.ts):
// sign-in flows (sign-in-flows.ts), token refresh and its alarms (refresh-scheduler.ts), pruning
// of finished flows (flow-pruner.ts), devices (devices.ts), sign-out (sign-out.ts); secret
// scrubbing is secret-scrub.ts. This file only wires them and routes alarms.
import type { ErrorInfo } from '../../shared/error-codes';
import type { PromptAnswerInput } from '../../shared/requests';
import type { DeviceView, FlowView, PendingApproval } from '../../shared/views';
import type { StoredTokens } from '../accounts/model';
import { AccountSessions, type AgentDeps } from './account-session';
import { DeviceManager } from './devices';
import { FlowPruner, PRUNE_FLOWS_ALARM } from './flow-pruner';
import type { FlowRecord } from './flow-store';
import { RefreshScheduler } from './refresh-scheduler';
import { SignInFlows } from './sign-in-flows';
import { SignOut } from './sign-out';
import { TabSessions } from '../page-session/tab-sessions';

export type { AgentDeps } from './account-session';

export class Agent {
  private readonly flows: SignInFlows;
  private readonly refresher: RefreshScheduler;
  private readonly pruner: FlowPruner;
  private readonly devices: DeviceManager;
  private readonly signOuts: SignOut;

  constructor(d: AgentDeps) {
    const sessions = new AccountSessions(d);
    const tabs = new TabSessions({ pages: d.pages, session: d.session });
    this.pruner = new FlowPruner(d);
    this.refresher = new RefreshScheduler(d, sessions, tabs);
    this.flows = new SignInFlows(d, sessions, this.refresher, this.pruner, tabs);
    this.devices = new DeviceManager(d, sessions, this.refresher);
    this.signOuts = new SignOut(d, sessions, this.refresher, this.pruner);
  }

  signIn(accountId: string, flowId?: string): Promise<FlowView> {
    return this.flows.signIn(accountId, flowId);
  }

  /** "Sign in this tab": the sign-in, then its session written into the tab (page-session/tab-sessions.ts). */
  signInTab(accountId: string, tabId: number, flowId?: string): Promise<FlowView> {
    return this.flows.signInTab(accountId, tabId, flowId);
  }

  answer(flowId: string, answer: PromptAnswerInput): Promise<FlowView> {
    return this.flows.answer(flowId, answer);
  }

  status(flowId: string): Promise<FlowView> {
    return this.flows.status(flowId);
  }

  cancel(flowId: string): Promise<FlowView> {
    return this.flows.cancel(flowId);
  }

  /** Flows waiting for the person, oldest first (the popup shows them on open). */
  pending(): Promise<PendingApproval[]> {
    return this.flows.pending();
  }

  /** Deletes finished flows past their time; returns the flows kept, oldest first. */
  pruneFinished(): Promise<FlowRecord[]> {
    return this.pruner.pruneFinished();
  }

  /** Handles the agent's alarms (refresh, prune); false for an alarm that is not its own. */
  async onAlarm(name: string): Promise<boolean> {
    if (name === PRUNE_FLOWS_ALARM) {
      await this.pruner.pruneFinished();
      return true;
    }
    const accountId = RefreshScheduler.accountOfAlarm(name);
    if (accountId === undefined) return false;
    await this.refresher.refresh(accountId);
    return true;
  }

  refresh(accountId: string): Promise<StoredTokens> {
    return this.refresher.refresh(accountId);
  }

  /** Re-creates every refresh alarm (vault unlocked, unlocked worker started). */
  scheduleAllRefreshes(): Promise<void> {
    return this.refresher.scheduleAll();
  }

  /** The account is gone: its refresh alarm must not keep firing. */
  forgetAccount(accountId: string): Promise<void> {
    return this.refresher.cancel(accountId);
  }

  listDevices(accountId: string): Promise<DeviceView[]> {
    return this.devices.list(accountId);
  }

  forgetDevice(accountId: string, deviceKey: string): Promise<void> {
    return this.devices.forget(accountId, deviceKey);
  }

  signOut(accountId: string, everywhere: boolean): Promise<{ serverSignedOut: boolean; error?: ErrorInfo }> {
    return this.signOuts.signOut(accountId, everywhere);
  }
}
