// Runs the sign-in flows the pages start: lends the account's secrets from the vault to the
// engine for one call, keeps the flow (encrypted) in storage.session between prompt and answer,
// and stores what a successful sign-in produced (enrolled TOTP secret, remembered device,
// tokens). Designed for a worker that may be stopped at any await: a flow found 'running' that
// this worker instance is not running was cut off and is reported as interrupted.
import { ServerClock } from '../../cognito/clock';
import { isAppError, isServiceError, malformedResponse, redactSecrets } from '../../cognito/errors';
import type { PromptAnswer } from '../../cognito/engine/prompts';
import type { FlowEvent, FlowOutcome, PoolClient, SignInRequest, SignInSecrets, Tokens } from '../../cognito/engine/types';
import { appErrorInfo, type ErrorInfo } from '../../shared/error-codes';
import type { DeviceView, FlowStatus, FlowView, PendingApproval, PromptView } from '../../shared/views';
import type { PromptAnswerInput } from '../../shared/requests';
import { activeTotpSecret, type CognitoAccount, type StoredTokens } from '../accounts/model';
import type { AccountStore } from '../accounts/store';
import { errorFromInfo, errorInfo } from '../error-info';
import { AppError, notFound } from '../errors';
import type { AlarmsApi } from '../lock/auto-lock';
import { ensureEndpointPermission, type PermissionsApi } from '../permissions';
import { clockEndpointOf, type ServerClockStore } from '../server-clocks';
import type { SettingsStore } from '../settings';
import { base64urlId } from '../vault/vault';

/** The most ListDevices pages one list-devices reads (60 devices each, far above a user's devices). */
export const DEVICE_PAGES_MAX = 20;
import type { EngineDepsFactory, SignInEngine } from './engine-port';
import { toView, type FlowRecord, type FlowStore } from './flow-store';

export const REFRESH_ALARM_PREFIX = 'refresh:';
/** Refresh this long before the access token expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;
/** A refresh that failed for a passing reason (network, throttling) is tried again after this. */
export const REFRESH_RETRY_MS = 5 * 60_000;
const INTERRUPTED_MESSAGE = 'interrupted: the browser stopped the background worker, start again';
const DEVICE_NAME = 'Cognito Authenticator extension';
/**
 * A finished flow (signed-in, failed, cancelled) is kept this long for the popup to show its
 * result, then deleted: its record holds the tokens (encrypted, but nothing needs them there).
 */
export const FINISHED_FLOW_TTL_MS = 5 * 60_000;
/** Deletes finished flows once they are FINISHED_FLOW_TTL_MS old (also done on every access). */
export const PRUNE_FLOWS_ALARM = 'prune-flows';
const FINISHED: ReadonlySet<FlowStatus> = new Set(['signed-in', 'failed', 'cancelled']);

export interface AgentDeps {
  accounts: AccountStore;
  flows: FlowStore;
  settings: SettingsStore;
  clocks: ServerClockStore;
  permissions: PermissionsApi;
  alarms: AlarmsApi;
  engine: SignInEngine;
  makeDeps: EngineDepsFactory;
  now?: () => number;
}

export class Agent {
  /** Flows whose engine call is awaited by this worker instance (lost, on purpose, with it). */
  private readonly active = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly d: AgentDeps) {
    this.now = d.now ?? Date.now;
  }

  /**
   * `flowId`: the page's own id for the new flow (see the sign-in message), else a random one. A
   * flow of that id already there is this same request, sent again (Firefox reports a background
   * stopped mid-request as "Receiving end does not exist", so the pages resend it): it is answered
   * with that flow as it stands (interrupted, if its worker was stopped), never started twice.
   */
  async signIn(accountId: string, flowId?: string): Promise<FlowView> {
    const account = await this.d.accounts.getCognito(accountId);
    const existing = flowId === undefined ? undefined : await this.d.flows.get(flowId).catch(() => null);
    if (existing !== undefined) {
      if (existing === null || existing.accountId !== accountId) throw new AppError('invalid-request', 'A sign-in with this id exists already.');
      return this.status(existing.flowId);
    }
    await ensureEndpointPermission(this.d.permissions, account);
    const request: SignInRequest = {
      client: clientOf(account),
      username: account.username,
      policy: { ...account.policy, deviceName: DEVICE_NAME },
    };
    const record: FlowRecord = {
      flowId: flowId ?? base64urlId(), accountId, status: 'running', progress: [`Signing in as ${account.username}`], updatedAt: this.now(),
    };
    return this.step(record, account, (deps, secrets) => this.d.engine.startSignIn(deps, request, secrets));
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
    await ensureEndpointPermission(this.d.permissions, account);
    // The engine checks the fields of the answer against its prompt (checkAnswer).
    const typed = typedSecretsOf(answer);
    return this.step(record, account, (deps, secrets) => this.d.engine.continueSignIn(deps, state, answer as PromptAnswer, secrets), typed);
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
      record.progress.push('Cancelled');
      record.updatedAt = this.now();
      await this.d.flows.put(record);
      await this.armPrune(record);
    }
    return toView(record);
  }

  /** Flows waiting for the person, oldest first (the popup shows them on open). */
  async pending(): Promise<PendingApproval[]> {
    const flows = await this.pruneFinished();
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
    return out;
  }

  /** Renews tokens shortly before they expire; a locked vault skips (nothing can be read). */
  async onAlarm(name: string): Promise<boolean> {
    if (name === PRUNE_FLOWS_ALARM) {
      await this.pruneFinished();
      return true;
    }
    if (!name.startsWith(REFRESH_ALARM_PREFIX)) return false;
    const accountId = name.slice(REFRESH_ALARM_PREFIX.length);
    await this.refresh(accountId);
    return true;
  }

  async refresh(accountId: string): Promise<StoredTokens> {
    const account = await this.d.accounts.getCognito(accountId);
    const tokens = await this.d.accounts.getTokens(accountId);
    if (!tokens?.refreshToken) throw new AppError('not-found', `Account "${account.label}" has no refresh token: sign in first.`);
    await ensureEndpointPermission(this.d.permissions, account);
    const { deps, clock } = await this.depsFor(account);
    let fresh: Tokens;
    try {
      fresh = await this.d.engine.refreshTokens(deps, clientOf(account), tokens.refreshToken,
        { device: account.secrets.device, canonicalUsername: tokens.canonicalUsername });
    } catch (error) {
      await this.refreshFailed(account, tokens, error);
      throw error;
    } finally {
      await this.saveClock(account, clock);
    }
    // A success replaces the record, which also drops an earlier refreshError.
    const stored = storedTokens(fresh, tokens.refreshToken, tokens.canonicalUsername);
    await this.d.accounts.saveTokens(accountId, stored);
    await this.scheduleRefresh(account, stored);
    return stored;
  }

  /**
   * Re-creates the refresh alarm of every account holding a refresh token. Alarms do not outlive
   * a browser restart reliably, and an alarm that fired while the vault was locked was skipped:
   * called when the vault is unlocked and when an unlocked worker starts.
   */
  async scheduleAllRefreshes(): Promise<void> {
    for (const account of (await this.d.accounts.listReadable()).accounts) {
      if (account.kind !== 'cognito') continue;
      let tokens: StoredTokens | undefined;
      try {
        tokens = await this.d.accounts.getTokens(account.id);
      } catch {
        continue; // an unreadable tokens record is reported by list-accounts; nothing to refresh
      }
      if (tokens) await this.scheduleRefresh(account, tokens);
    }
  }

  /** The account is gone: its refresh alarm must not keep firing. */
  async forgetAccount(accountId: string): Promise<void> {
    await this.d.alarms.clear(REFRESH_ALARM_PREFIX + accountId);
  }

  /**
   * Leaves a clear state after a failed refresh: the reason is kept with the tokens (shown in
   * list-accounts). A passing failure (network, throttling, 5xx) is tried again later; any other
   * (token revoked or expired, reuse detected, client changed) drops the dead refresh token and
   * its alarm, so nothing keeps retrying a token Cognito refused: the next sign-in starts afresh.
   */
  private async refreshFailed(account: CognitoAccount, tokens: StoredTokens, error: unknown): Promise<void> {
    const info = scrubbedErrorInfo(error, secretValuesOf(account, tokens));
    const refreshError = { ...info, at: this.now() };
    // An unknown outcome is passing too: the refresh token is kept, and the next try tells.
    const transient = ((isAppError(error, 'transport') || isServiceError(error)) && error.retryable) || isAppError(error, 'outcome-unknown');
    try {
      if (transient) {
        await this.d.accounts.saveTokens(account.id, { ...tokens, refreshError });
        await this.d.alarms.create(REFRESH_ALARM_PREFIX + account.id, { when: this.now() + REFRESH_RETRY_MS });
      } else {
        const { refreshToken: _dead, ...rest } = tokens;
        await this.d.accounts.saveTokens(account.id, { ...rest, refreshError });
        await this.d.alarms.clear(REFRESH_ALARM_PREFIX + account.id);
      }
    } catch {
      // Locked (or storage failed) meanwhile: the original error is the one to report.
    }
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

  async listDevices(accountId: string): Promise<DeviceView[]> {
    return this.scrubbingErrors(accountId, () => this.listDevicesUnscrubbed(accountId));
  }

  async forgetDevice(accountId: string, deviceKey: string): Promise<void> {
    return this.scrubbingErrors(accountId, async () => {
      const { account, deps, clock, accessToken } = await this.withAccessToken(accountId);
      try {
        await deps.api.forgetDevice({ AccessToken: accessToken, DeviceKey: deviceKey });
      } finally {
        await this.saveClock(account, clock);
      }
      if (account.secrets.device?.deviceKey === deviceKey) await this.d.accounts.setDevice(accountId, undefined);
    });
  }

  /**
   * Ends the account's session at Cognito (RevokeToken on the refresh token, or GlobalSignOut with
   * `everywhere`), then deletes the stored tokens, the refresh alarm and the finished flows that
   * hold tokens, whatever Cognito answered: the person asked for this browser to be signed out,
   * and a refusal (token already revoked) or an unreachable server must not keep the tokens here.
   */
  async signOut(accountId: string, everywhere: boolean): Promise<{ serverSignedOut: boolean; error?: ErrorInfo }> {
    const account = await this.d.accounts.getCognito(accountId);
    const stored = await this.d.accounts.getTokens(accountId);
    if (!stored) throw new AppError('not-found', `Account "${account.label}" holds no tokens: there is no sign-in to end.`);
    const secrets = secretValuesOf(account, stored);
    let error: ErrorInfo | undefined;
    try {
      await ensureEndpointPermission(this.d.permissions, account);
      if (everywhere) {
        const tokens = await this.currentTokens(account, stored);
        secrets.push(...secretValuesOf(account, tokens));
        await this.callCognito(account, (api) => api.globalSignOut({ AccessToken: tokens.accessToken }));
      } else {
        const refreshToken = stored.refreshToken;
        if (!refreshToken) throw new AppError('not-found', `Account "${account.label}" holds no refresh token to revoke; its access token stays valid until it expires.`);
        await this.callCognito(account, (api) => api.revokeToken({
          Token: refreshToken, ClientId: account.clientId, ...(account.clientSecret !== undefined ? { ClientSecret: account.clientSecret } : {}),
        }));
      }
    } catch (failure) {
      error = signOutError(failure, secrets);
    }
    await this.d.accounts.clearTokens(accountId);
    await this.d.alarms.clear(REFRESH_ALARM_PREFIX + accountId);
    for (const flow of await this.d.flows.list()) {
      if (flow.accountId === accountId && FINISHED.has(flow.status)) await this.d.flows.remove(flow.flowId);
    }
    return error ? { serverSignedOut: false, error } : { serverSignedOut: true };
  }

  /** The stored tokens, refreshed first when the access token has (nearly) expired and a refresh token allows it. */
  private async currentTokens(account: CognitoAccount, stored: StoredTokens): Promise<StoredTokens> {
    const serverNow = this.now() + (await this.offsetOf(account)); // expiresAt is server time
    const tokens = stored.expiresAt - 60_000 < serverNow && stored.refreshToken ? await this.refresh(account.id) : stored;
    if (tokens.expiresAt < serverNow) {
      throw new AppError('not-found', `The access token of "${account.label}" has expired and there is no refresh token to renew it, so Cognito cannot be asked to sign out everywhere.`);
    }
    return tokens;
  }

  private async callCognito(account: CognitoAccount, call: (api: ReturnType<EngineDepsFactory>['api']) => Promise<unknown>): Promise<void> {
    const { deps, clock } = await this.depsFor(account);
    try {
      await call(deps.api);
    } finally {
      await this.saveClock(account, clock);
    }
  }

  private async listDevicesUnscrubbed(accountId: string): Promise<DeviceView[]> {
    const { account, deps, clock, accessToken } = await this.withAccessToken(accountId);
    try {
      return await this.pagesOfDevices(account, deps, accessToken);
    } finally {
      await this.saveClock(account, clock);
    }
  }

  private async pagesOfDevices(account: CognitoAccount, deps: ReturnType<EngineDepsFactory>, accessToken: string): Promise<DeviceView[]> {
    const devices: DeviceView[] = [];
    let PaginationToken: string | undefined;
    let pages = 0;
    do {
      // A server that always hands out another PaginationToken would keep this loop calling forever.
      if (++pages > DEVICE_PAGES_MAX) throw malformedResponse('ListDevices', 'PaginationToken', `is still given after ${DEVICE_PAGES_MAX} pages`);
      const page = await deps.api.listDevices({ AccessToken: accessToken, Limit: 60, ...(PaginationToken ? { PaginationToken } : {}) });
      for (const d of page.Devices ?? []) {
        if (!d.DeviceKey) continue;
        const attr = (n: string) => d.DeviceAttributes?.find((a) => a.Name === n)?.Value;
        const view: DeviceView = { deviceKey: d.DeviceKey, isThisExtension: d.DeviceKey === account.secrets.device?.deviceKey };
        const name = attr('device_name');
        if (name !== undefined) view.name = name;
        const remembered = attr('device_remembered_status');
        if (remembered !== undefined) view.remembered = remembered === 'remembered';
        if (d.DeviceCreateDate !== undefined) view.createdAt = d.DeviceCreateDate * 1000;
        if (d.DeviceLastAuthenticatedDate !== undefined) view.lastAuthenticatedAt = d.DeviceLastAuthenticatedDate * 1000;
        devices.push(view);
      }
      PaginationToken = page.PaginationToken;
    } while (PaginationToken);
    return devices;
  }

  /**
   * The same defence as for sign-in flows (see scrubRecord): the transport removes the request's
   * own secrets from the server's messages, this removes every other secret the account holds
   * (password, TOTP secret, device password, client secret, tokens, before and after a refresh).
   */
  private async scrubbingErrors<T>(accountId: string, run: () => Promise<T>): Promise<T> {
    const before = await this.secretValuesFor(accountId);
    try {
      return await run();
    } catch (error) {
      const secrets = [...before, ...(await this.secretValuesFor(accountId))];
      if (secrets.length === 0) throw error;
      const info = scrubbedErrorInfo(error, secrets);
      throw errorFromInfo(info);
    }
  }

  /** Every secret value of the account and its tokens; none when they cannot be read. */
  private async secretValuesFor(accountId: string): Promise<string[]> {
    try {
      const account = await this.d.accounts.getCognito(accountId);
      return secretValuesOf(account, await this.d.accounts.getTokens(accountId).catch(() => undefined));
    } catch {
      return [];
    }
  }

  // ---------------------------------------------------------------------------------------------

  private async load(flowId: string): Promise<FlowRecord> {
    const record = await this.d.flows.get(flowId);
    if (!record) throw notFound('sign-in flow', flowId);
    if (FINISHED.has(record.status) && record.updatedAt + FINISHED_FLOW_TTL_MS <= this.now()) {
      // Past its time to be shown; the alarm may not have fired yet (or was lost).
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
      await this.armPrune(record);
    }
    return record;
  }

  /** Marks the flow running (persisted first), runs one engine call, persists the outcome. */
  private async step(
    record: FlowRecord,
    account: CognitoAccount,
    call: (deps: ReturnType<EngineDepsFactory>, secrets: SignInSecrets) => Promise<FlowOutcome>,
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
      const { deps, clock } = await this.depsFor(account);
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
      // A pending secret left by a cut-off enrolment answers SOFTWARE_TOKEN_MFA (secretsOf); a
      // sign-in that ends after a code of it was sent proves Cognito holds it.
      const pending = account.secrets.pendingTotpSecret;
      let pendingAnswered = false;
      const totp = deps.totp;
      deps.totp = (secret, nowMs) => {
        if (secret === pending) pendingAnswered = true;
        return totp(secret, nowMs);
      };
      try {
        outcome = await call(deps, secretsOf(account));
      } finally {
        await this.saveClock(account, clock);
      }
      if (outcome.status === 'signed-in') secretValues = [...secretValues, ...outcomeSecrets(outcome)];
      await this.apply(record, account, outcome, pendingAnswered ? pending : undefined);
    } catch (error) {
      record.status = 'failed';
      delete record.state;
      delete record.prompt;
      record.error = errorInfo(error);
      // apply() already put the outcome's events (all of them) in the progress.
      if (!outcome) record.progress.push(...emitted.map(progressLine));
      record.progress.push(`Failed: ${record.error.message}`);
    } finally {
      this.active.delete(record.flowId);
    }
    scrubRecord(record, secretValues);
    record.updatedAt = this.now();
    await this.d.flows.put(record);
    await this.armPrune(record);
    return toView(record);
  }

  /** `provenTotpSecret`: a pending TOTP secret this call answered with; stored as the account's once signed in. */
  private async apply(record: FlowRecord, account: CognitoAccount, outcome: FlowOutcome, provenTotpSecret?: string): Promise<void> {
    const first = record.progress[0] ?? '';
    // The engine's events accumulate over the flow (they travel in its state).
    record.progress = [first, ...outcome.events.map(progressLine)];
    if (outcome.status === 'needs-input') {
      record.status = 'needs-input';
      record.state = outcome.state;
      record.prompt = outcome.prompt as unknown as PromptView;
      return;
    }
    const id = account.id;
    if (outcome.forgottenDeviceKey && account.secrets.device?.deviceKey === outcome.forgottenDeviceKey) {
      await this.d.accounts.setDevice(id, undefined);
      record.progress.push('Removed the device Cognito no longer knows');
    }
    if (outcome.device) {
      const { deviceKey, deviceGroupKey, devicePassword } = outcome.device;
      await this.d.accounts.setDevice(id, { deviceKey, deviceGroupKey, devicePassword });
      record.progress.push(outcome.device.remembered ? 'Saved this device (remembered)' : 'Saved this device');
    }
    if (outcome.enrolledTotpSecret) {
      await this.d.accounts.commitTotp(id, outcome.enrolledTotpSecret);
      record.progress.push('Saved the enrolled TOTP secret');
    } else if (provenTotpSecret) {
      await this.d.accounts.commitTotp(id, provenTotpSecret);
      record.progress.push('Saved the TOTP secret of the interrupted enrolment (Cognito accepted its code)');
    }
    // NEW_PASSWORD_REQUIRED replaced the password: a stored one is now wrong, so store the new
    // one. An account that holds no password (typed at each sign-in) still holds none.
    if (outcome.newPassword && account.secrets.password !== undefined) {
      await this.d.accounts.update(id, { password: outcome.newPassword });
      record.progress.push('Saved the new password');
    }
    const tokens = storedTokens(outcome.tokens, undefined, outcome.canonicalUsername);
    await this.d.accounts.saveTokens(id, tokens);
    await this.scheduleRefresh(account, tokens);
    record.status = 'signed-in';
    delete record.state;
    delete record.prompt;
    record.result = {
      expiresAt: tokens.expiresAt, idToken: tokens.idToken, accessToken: tokens.accessToken,
      refreshTokenPresent: tokens.refreshToken !== undefined,
      // Kept only in the encrypted flow record, for the popup to show the second-device QR once.
      ...(outcome.enrolledTotpUri ? { enrolledTotpUri: outcome.enrolledTotpUri } : {}),
    };
  }

  /** A flow just finished: make sure it is deleted once it has been shown long enough. */
  private async armPrune(record: FlowRecord): Promise<void> {
    if (!FINISHED.has(record.status)) return;
    // One alarm for all, replaced by each finish: when it fires it deletes every expired flow, so an
    // earlier flow goes at most FINISHED_FLOW_TTL_MS late (or sooner, on the next access).
    await this.d.alarms.create(PRUNE_FLOWS_ALARM, { when: record.updatedAt + FINISHED_FLOW_TTL_MS });
  }

  /** The engine's dependencies on the account's endpoint, with that endpoint's clock (and no other's). */
  private async depsFor(account: CognitoAccount) {
    const clock = new ServerClock(await this.offsetOf(account));
    return { deps: this.d.makeDeps(clientOf(account), clock), clock };
  }

  /** Server minus local time for the account's endpoint, as learnt from it (0 before that). */
  private offsetOf(account: CognitoAccount): Promise<number> {
    return this.d.clocks.offsetFor(clockEndpointOf(account));
  }

  /**
   * Keeps what the account's endpoint said about its clock (the transport observes only
   * well-formed successes), for that endpoint's accounts alone: applied within the bound, or
   * recorded as ignored for the options page to show.
   */
  private async saveClock(account: CognitoAccount, clock: ServerClock): Promise<void> {
    const endpoint = clockEndpointOf(account);
    if (endpoint !== undefined && clock.lastObservation) await this.d.clocks.record(endpoint, clock.lastObservation);
  }

  private async scheduleRefresh(account: CognitoAccount, tokens: StoredTokens): Promise<void> {
    if (!tokens.refreshToken) return;
    // expiresAt is on the server's clock, alarms on the local one: convert with the learnt offset
    // (server − local), or a local clock running behind would refresh after expiry.
    const offsetMs = await this.offsetOf(account);
    // Chrome's alarms fire at the earliest 30 s from now.
    const when = Math.max(this.now() + 30_000, tokens.expiresAt - offsetMs - REFRESH_MARGIN_MS);
    await this.d.alarms.create(REFRESH_ALARM_PREFIX + account.id, { when });
  }

  private async withAccessToken(accountId: string) {
    const account = await this.d.accounts.getCognito(accountId);
    await ensureEndpointPermission(this.d.permissions, account);
    let tokens = await this.d.accounts.getTokens(accountId);
    const serverNow = this.now() + (await this.offsetOf(account)); // expiresAt is server time
    if (tokens && tokens.expiresAt - 60_000 < serverNow && tokens.refreshToken) tokens = await this.refresh(accountId);
    if (!tokens || tokens.expiresAt < serverNow) {
      throw new AppError('not-found', `No current sign-in for "${account.label}": sign in first, then list its devices.`);
    }
    const { deps, clock } = await this.depsFor(account);
    return { account, deps, clock, accessToken: tokens.accessToken };
  }
}

function progressLine(e: FlowEvent): string {
  return e.level === 'warning' ? `Warning: ${e.message}` : e.message;
}

/** What the person typed into this answer that must never be echoed back (passwords, free text). */
function typedSecretsOf(answer: PromptAnswerInput): string[] {
  const values = [
    'password' in answer ? answer.password : undefined,
    'newPassword' in answer ? answer.newPassword : undefined,
    'answer' in answer ? answer.answer : undefined,
  ];
  return values.filter((s): s is string => typeof s === 'string');
}

function clientOf(account: CognitoAccount): PoolClient {
  return {
    userPoolId: account.userPoolId, clientId: account.clientId,
    ...(account.clientSecret !== undefined ? { clientSecret: account.clientSecret } : {}),
    ...(account.endpoint !== undefined ? { endpoint: account.endpoint } : {}),
  };
}

function secretsOf(account: CognitoAccount): SignInSecrets {
  const s: SignInSecrets = {};
  if (account.secrets.password !== undefined) s.password = account.secrets.password;
  const totpSecret = activeTotpSecret(account);
  if (totpSecret !== undefined) s.totpSecret = totpSecret;
  if (account.secrets.device !== undefined) s.device = account.secrets.device;
  return s;
}

function storedTokens(tokens: Tokens, previousRefreshToken?: string, canonicalUsername?: string): StoredTokens {
  const refreshToken = tokens.refreshToken ?? previousRefreshToken;
  return {
    accessToken: tokens.accessToken, idToken: tokens.idToken, tokenType: tokens.tokenType, expiresAt: tokens.expiresAt,
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(canonicalUsername !== undefined ? { canonicalUsername } : {}),
  };
}

/** Every secret value the account and its tokens hold, for scrubbing text shown to the pages. */
function secretValuesOf(account: CognitoAccount, tokens: StoredTokens | undefined): string[] {
  const values = [account.secrets.password, account.secrets.totpSecret, account.secrets.pendingTotpSecret, account.secrets.device?.devicePassword, account.clientSecret,
    tokens?.accessToken, tokens?.idToken, tokens?.refreshToken];
  return values.filter((v): v is string => typeof v === 'string');
}

function outcomeSecrets(outcome: Extract<FlowOutcome, { status: 'signed-in' }>): string[] {
  const values = [outcome.tokens.refreshToken, outcome.enrolledTotpSecret, outcome.newPassword, outcome.device?.devicePassword];
  return values.filter((v): v is string => typeof v === 'string');
}

/**
 * Defence in depth: the protocol core already removes a request's own secrets from the service's
 * messages, but a server (or proxy) may echo anything it was ever sent. No secret the account holds
 * (nor one typed for this flow) may reach the page through an error, a progress line or a prompt.
 */
function scrubbedErrorInfo(error: unknown, secrets: string[]) {
  const info = errorInfo(error);
  return { ...info, message: redactSecrets(info.message, secrets) };
}

/**
 * Why Cognito did not confirm a sign-out, scrubbed. Not reaching Cognito gets its own code: the
 * tokens are gone here, but the session (and its refresh token) stays valid at Cognito.
 */
function signOutError(error: unknown, secrets: string[]): ErrorInfo {
  const info = scrubbedErrorInfo(error, secrets);
  if (isAppError(error, 'outcome-unknown')) {
    return appErrorInfo('signed-out-locally',
      `Signed out in this browser only: Cognito did not confirm it ended the session (${info.message}), so the session may stay valid there until it expires.`);
  }
  if (!isAppError(error, 'transport')) return info;
  return appErrorInfo('signed-out-locally',
    `Signed out in this browser only: Cognito could not be reached (${info.message}), so the session stays valid there until it expires.`);
}

function scrubRecord(record: FlowRecord, secrets: string[]): void {
  if (secrets.length === 0) return;
  record.progress = record.progress.map((line) => redactSecrets(line, secrets));
  if (record.error) record.error = { ...record.error, message: redactSecrets(record.error.message, secrets) };
  const promptError = record.prompt?.error as { code?: unknown; message?: unknown } | undefined;
  if (record.prompt && promptError && typeof promptError.message === 'string') {
    record.prompt = { ...record.prompt, error: { ...promptError, message: redactSecrets(promptError.message, secrets) } };
  }
}
