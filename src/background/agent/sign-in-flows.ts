// Runs the sign-in flows the pages start: lends the account's secrets from the vault to the
// engine for one call, keeps the flow (encrypted) in storage.session between prompt and answer,
// and stores what a successful sign-in produced (enrolled TOTP secret, remembered device,
// tokens). Designed for a worker that may be stopped at any await: a flow found 'running' that
// this worker instance is not running was cut off and is reported as interrupted.
import { continueSignIn, startSignIn } from '../../cognito/engine';
import type { PromptAnswer } from '../../cognito/engine/prompts';
import type { FlowEvent, FlowOutcome, SignInRequest, SignInSecrets } from '../../cognito/engine/types';
import { agentEvent, type AgentEventBody } from '../../shared/flow-progress';
import { appErrorInfo } from '../../shared/error-codes';
import type { PromptAnswerInput } from '../../shared/requests';
import type { FlowView, PendingApproval } from '../../shared/views';
import type { CognitoAccount, StoredTokens } from '../accounts/model';
import type { TabSessions } from '../page-session/tab-sessions';
import { errorInfo } from '../error-info';
import { AppError, notFound } from '../errors';
import { base64urlId } from '../vault/vault';
import { clientOf, signInSecretsOf, storedTokensOf, type AccountSessions, type AgentDeps, type EngineCallDeps } from './account-session';
import type { FlowPruner } from './flow-pruner';
import { toView, type FlowRecord } from './flow-store';
import type { TimeStep } from '../fill/used-steps';
import type { RefreshScheduler } from './refresh-scheduler';
import { outcomeSecrets, scrubRecord, secretValuesOf, typedSecretsOf } from './secret-scrub';

const INTERRUPTED_MESSAGE = 'interrupted: the browser stopped the background worker, start again';
const DEVICE_NAME = 'Cognito Authenticator extension';

export class SignInFlows {
  /** Flows whose engine call is awaited by this worker instance (lost, on purpose, with it). */
  private readonly active = new Set<string>();
  private readonly now: () => number;

  constructor(
    private readonly d: Pick<AgentDeps, 'accounts' | 'flows' | 'badge' | 'now' | 'usedSteps'>,
    private readonly sessions: AccountSessions,
    private readonly refresher: RefreshScheduler,
    private readonly pruner: FlowPruner,
    private readonly tabs: TabSessions,
  ) {
    this.now = d.now ?? Date.now;
  }

  /**
   * `flowId`: the page's own id for the new flow (see the sign-in message), else a random one. A
   * flow of that id already there is this same request, sent again (Firefox reports a background
   * stopped mid-request as "Receiving end does not exist", so the pages resend it): it is answered
   * with that flow as it stands (interrupted, if its worker was stopped), never started twice.
   */
  async signIn(accountId: string, flowId?: string): Promise<FlowView> {
    return this.start(accountId, flowId);
  }

  /**
   * "Sign in this tab": the same sign-in, for a tab checked first (the account bound to its
   * origin, its storage writable: TabSessions.prepare, so a page that cannot take a session is
   * refused before anything is sent to Cognito); once signed in, the session goes into the tab.
   */
  async signInTab(accountId: string, tabId: number, flowId?: string): Promise<FlowView> {
    return this.start(accountId, flowId, tabId);
  }

  private async start(accountId: string, flowId: string | undefined, tabId?: number): Promise<FlowView> {
    const account = await this.d.accounts.getCognito(accountId);
    const existing = flowId === undefined ? undefined : await this.d.flows.get(flowId).catch(() => null);
    if (existing !== undefined) {
      if (existing === null || existing.accountId !== accountId || existing.tab?.tabId !== tabId) {
        throw new AppError('invalid-request', 'A sign-in with this id exists already.');
      }
      return this.status(existing.flowId);
    }
    const tab = tabId === undefined ? undefined : await this.tabs.prepare(account, tabId);
    await this.sessions.ensurePermission(account);
    const request: SignInRequest = {
      client: clientOf(account),
      username: account.username,
      policy: { ...account.policy, deviceName: DEVICE_NAME },
    };
    const record: FlowRecord = {
      flowId: flowId ?? base64urlId(), accountId, status: 'running', progress: [agentEvent({ kind: 'signing-in', username: account.username }, this.now())], updatedAt: this.now(),
      ...(tab ? { tab } : {}),
    };
    return this.step(record, account, (deps, secrets) => startSignIn(deps, request, secrets));
  }

  async answer(flowId: string, answer: PromptAnswerInput): Promise<FlowView> {
    const record = await this.load(flowId);
    if (record.status !== 'needs-input' || !record.state) {
      throw new AppError('flow-not-waiting', `This sign-in is ${record.status}, not waiting for an answer.`);
    }
    if (answer.kind !== record.prompt?.kind) {
      throw new AppError('invalid-request', `The answer is for "${answer.kind}" but the sign-in asks for "${record.prompt?.kind}".`);
    }
    const state = record.state;
    const account = await this.d.accounts.getCognito(record.accountId);
    await this.sessions.ensurePermission(account);
    // The engine checks the fields of the answer against its prompt (checkAnswer).
    const typed = typedSecretsOf(answer);
    return this.step(record, account, (deps, secrets) => continueSignIn(deps, state, answer as PromptAnswer, secrets), typed);
  }

  async status(flowId: string): Promise<FlowView> {
    return toView(await this.load(flowId));
  }

  async cancel(flowId: string): Promise<FlowView> {
    const record = await this.load(flowId);
    if (record.status === 'needs-input' || record.status === 'running') {
      record.status = 'cancelled';
      delete record.state;
      delete record.prompt;
      record.progress.push(agentEvent({ kind: 'cancelled' }, this.now()));
      record.updatedAt = this.now();
      await this.d.flows.put(record);
      await this.pruner.armPrune(record);
      await this.showOnBadge(record);
    }
    return toView(record);
  }

  /** Flows waiting for the person, oldest first (the popup shows them on open). */
  async pending(): Promise<PendingApproval[]> {
    const flows = await this.pruner.pruneFinished();
    const out: PendingApproval[] = [];
    for (const flow of flows) {
      if (flow.status !== 'needs-input' || !flow.prompt) continue;
      let label = flow.accountId;
      try {
        label = (await this.d.accounts.get(flow.accountId)).label;
      } catch {
        // account deleted meanwhile: still list the flow so it can be cancelled
      }
      out.push({ flowId: flow.flowId, accountId: flow.accountId, label, promptKind: flow.prompt.kind });
    }
    // What waits now, whatever happened meanwhile (flows pruned, a worker stopped mid-update).
    await this.d.badge.set('approval', out.filter((p) => p.promptKind === 'approve').map((p) => p.flowId));
    return out;
  }

  private async load(flowId: string): Promise<FlowRecord> {
    const record = await this.d.flows.get(flowId);
    if (!record) throw notFound('sign-in flow', flowId);
    if (this.pruner.isExpired(record)) {
      await this.d.flows.remove(flowId);
      throw notFound('sign-in flow', flowId);
    }
    if (record.status === 'running' && !this.active.has(flowId)) {
      // Persisted as running, but no engine call of this worker instance is behind it: the
      // worker was stopped mid-request. The server-side session cannot be trusted to resume.
      record.status = 'failed';
      delete record.state;
      delete record.prompt;
      record.error = appErrorInfo('interrupted', INTERRUPTED_MESSAGE);
      record.updatedAt = this.now();
      await this.d.flows.put(record);
      await this.pruner.armPrune(record);
      await this.showOnBadge(record);
    }
    return record;
  }

  /** Marks the flow running (persisted first), runs one engine call, persists the outcome. */
  private async step(
    record: FlowRecord,
    account: CognitoAccount,
    call: (deps: EngineCallDeps, secrets: SignInSecrets) => Promise<FlowOutcome>,
    typedSecrets: string[] = [],
  ): Promise<FlowView> {
    let secretValues = [...typedSecrets, ...secretValuesOf(account, await this.d.accounts.getTokens(account.id).catch(() => undefined))];
    record.status = 'running';
    record.updatedAt = this.now();
    this.active.add(record.flowId);
    // What the engine reported during this call: the outcome carries it, a throw does not.
    const emitted: FlowEvent[] = [];
    let outcome: FlowOutcome | undefined;
    try {
      await this.d.flows.put(record);
      // A pending secret left by a cut-off enrolment answers SOFTWARE_TOKEN_MFA (signInSecretsOf);
      // a sign-in that ends after a code of it was sent proves Cognito holds it.
      const pending = account.secrets.pendingTotpSecret;
      let pendingAnswered = false;
      const usedSteps: TimeStep[] = [];
      outcome = await this.sessions.call(account, (deps) => {
        deps.onEvent = (e) => emitted.push(e);
        // Kept (encrypted, as pending) before VerifySoftwareToken, and as the account's secret the
        // moment Cognito accepted it (EngineDeps.onTotpPending, onTotpEnrolled): a worker stopped
        // while that request is on the wire loses nothing.
        deps.onTotpPending = async (secret) => {
          secretValues = [...secretValues, secret];
          await this.d.accounts.setPendingTotp(account.id, secret);
        };
        deps.onTotpEnrolled = async (secret) => {
          secretValues = [...secretValues, secret];
          await this.d.accounts.commitTotp(account.id, secret);
        };
        const totp = deps.totp;
        deps.totp = (secret, nowMs) => {
          if (secret === pending) pendingAnswered = true;
          // The step this answer uses (Cognito: 30 s, server clock), so code fill never hands it
          // to a page as well (fill/used-steps.ts); recorded before the request is sent.
          usedSteps.push({ step: Math.floor(nowMs / 30_000), periodSeconds: 30 });
          return totp(secret, nowMs);
        };
        return call(deps, signInSecretsOf(account)).finally(() => this.recordSteps(account.id, usedSteps));
      });
      if (outcome.status === 'signed-in') secretValues = [...secretValues, ...outcomeSecrets(outcome)];
      const tokens = await this.apply(record, account, outcome, pendingAnswered ? pending : undefined);
      if (tokens && record.tab) {
        // The extension is signed in (its tokens are stored); the flow succeeds only once the
        // page has the session too, and fails with the reason when it cannot take it.
        await this.tabs.deliver(account, tokens, record.tab, await this.sessions.offsetOf(account));
        record.progress.push(agentEvent({ kind: 'page-session-written', origin: record.tab.origin }, this.now()));
      }
    } catch (error) {
      record.status = 'failed';
      delete record.state;
      delete record.prompt;
      const failure = errorInfo(error);
      record.error = failure;
      // apply() already put the outcome's events (all of them) in the progress.
      if (!outcome) record.progress.push(...emitted);
      record.progress.push(agentEvent({ kind: 'failed', error: failure }, this.now()));
    } finally {
      this.active.delete(record.flowId);
    }
    scrubRecord(record, secretValues);
    record.updatedAt = this.now();
    await this.d.flows.put(record);
    await this.pruner.armPrune(record);
    await this.showOnBadge(record);
    return toView(record);
  }

  /** The badge counts the flow while it waits for Approve or Deny (the "ask me first" policy), and no longer. */
  private async showOnBadge(record: FlowRecord): Promise<void> {
    if (record.status === 'needs-input' && record.prompt?.kind === 'approve') await this.d.badge.raise('approval', record.flowId);
    else await this.d.badge.clear('approval', record.flowId);
  }

  /** Records the TOTP steps a call answered with (whatever the call's outcome: the code was sent). */
  private async recordSteps(accountId: string, steps: readonly TimeStep[]): Promise<void> {
    for (const step of steps) await this.d.usedSteps?.markUsed(accountId, step).catch(() => undefined);
  }

  /** `provenTotpSecret`: a pending TOTP secret this call answered with; stored as the account's once signed in. */
  /** Returns the tokens stored when signed in, else undefined. */
  private async apply(record: FlowRecord, account: CognitoAccount, outcome: FlowOutcome, provenTotpSecret?: string): Promise<StoredTokens | undefined> {
    const first = record.progress.slice(0, 1);
    // The engine's events accumulate over the flow (they travel in its state).
    record.progress = [...first, ...outcome.events];
    const note = (body: AgentEventBody) => record.progress.push(agentEvent(body, this.now()));
    if (outcome.status === 'needs-input') {
      record.status = 'needs-input';
      record.state = outcome.state;
      record.prompt = outcome.prompt;
      return undefined;
    }
    const id = account.id;
    if (outcome.forgottenDeviceKey && account.secrets.device?.deviceKey === outcome.forgottenDeviceKey) {
      await this.d.accounts.setDevice(id, undefined);
      note({ kind: 'device-forgotten' });
    }
    if (outcome.device) {
      const { deviceKey, deviceGroupKey, devicePassword } = outcome.device;
      await this.d.accounts.setDevice(id, { deviceKey, deviceGroupKey, devicePassword });
      note({ kind: 'device-saved', remembered: outcome.device.remembered });
    }
    if (outcome.enrolledTotpSecret) {
      await this.d.accounts.commitTotp(id, outcome.enrolledTotpSecret);
      note({ kind: 'totp-saved' });
    } else if (provenTotpSecret) {
      await this.d.accounts.commitTotp(id, provenTotpSecret);
      note({ kind: 'pending-totp-saved' });
    }
    // NEW_PASSWORD_REQUIRED replaced the password: a stored one is now wrong, so store the new
    // one. An account that holds no password (typed at each sign-in) still holds none.
    if (outcome.newPassword && account.secrets.password !== undefined) {
      await this.d.accounts.update(id, { password: outcome.newPassword });
      note({ kind: 'password-saved' });
    }
    const tokens = storedTokensOf(outcome.tokens, undefined, outcome.canonicalUsername);
    await this.d.accounts.saveTokens(id, tokens);
    await this.refresher.schedule(account, tokens);
    await this.d.badge.clear('refresh-failed', id); // fresh tokens: the failed refresh no longer matters
    record.status = 'signed-in';
    delete record.state;
    delete record.prompt;
    record.result = {
      expiresAt: tokens.expiresAt, idToken: tokens.idToken, accessToken: tokens.accessToken,
      refreshTokenPresent: tokens.refreshToken !== undefined,
      // Kept only in the encrypted flow record, for the popup to show the second-device QR once.
      ...(outcome.enrolledTotpUri ? { enrolledTotpUri: outcome.enrolledTotpUri } : {}),
    };
    return tokens;
  }
}
