// One account's session as every job of the agent sees it: the account (client, secrets,
// device), its stored tokens (with the canonical username) and what its endpoint taught us of
// the server's clock. `AccountSessions` opens one and lends it the protocol core for a call,
// saving the clock the call observed; the jobs (flows, refresh, devices, sign-out) work on it.
import { ServerClock } from '../../cognito/clock';
import type { PoolClient, SignInSecrets, Tokens } from '../../cognito/engine/types';
import { activeTotpSecret, type CognitoAccount, type StoredTokens } from '../accounts/model';
import type { AccountStore } from '../accounts/store';
import type { Badge } from '../badge';
import type { AlarmsApi } from '../lock/auto-lock';
import { ensureEndpointPermission, type PermissionsApi } from '../permissions';
import { clockEndpointOf, type ServerClockStore } from '../server-clocks';
import type { SettingsStore } from '../settings';
import { cognitoEngineDeps, type EngineDepsFactory } from './engine-deps';
import type { FlowStore } from './flow-store';
import type { PagesApi } from '../page-session/tab-sessions';
import type { StorageArea } from '../storage';
import type { UsedSteps } from '../fill/used-steps';

/** What every job of the agent is built on (context.ts builds it once per worker). */
export interface AgentDeps {
  accounts: AccountStore;
  flows: FlowStore;
  settings: SettingsStore;
  clocks: ServerClockStore;
  permissions: PermissionsApi;
  alarms: AlarmsApi;
  /** Tabs and scripting, for "Sign in this tab" (page-session/tab-sessions.ts); absent: refused as page-unreachable. */
  pages?: PagesApi;
  /** storage.session: which sites hold a session this extension wrote (no secret). */
  session: StorageArea;
  /** The toolbar badge: raised for an approval waiting or a failed refresh, cleared when resolved. */
  badge: Badge;
  /** Default: the real API client on the account's endpoint (engine-deps.ts). */
  makeDeps?: EngineDepsFactory;
  now?: () => number;
  /** The TOTP steps put to use per account: a sign-in's SOFTWARE_TOKEN_MFA answer is recorded, so code fill never repeats it. */
  usedSteps?: UsedSteps;
}

/** The per-account state the jobs share. `tokens` is absent before the first sign-in. */
export interface AccountSession {
  account: CognitoAccount;
  tokens: StoredTokens | undefined;
}

export type EngineCallDeps = ReturnType<EngineDepsFactory>;

export class AccountSessions {
  private readonly makeDeps: EngineDepsFactory;

  constructor(private readonly d: AgentDeps) {
    this.makeDeps = d.makeDeps ?? cognitoEngineDeps;
  }

  /** The account and its tokens; an unreadable tokens record counts as none. */
  async open(accountId: string): Promise<AccountSession> {
    const account = await this.d.accounts.getCognito(accountId);
    return { account, tokens: await this.d.accounts.getTokens(accountId).catch(() => undefined) };
  }

  /** Refuses (permission-missing) an endpoint the person has not granted yet. */
  ensurePermission(account: CognitoAccount): Promise<void> {
    return ensureEndpointPermission(this.d.permissions, account);
  }

  /** The engine's dependencies on the account's endpoint, with that endpoint's clock (and no other's). */
  async engineFor(account: CognitoAccount): Promise<{ deps: EngineCallDeps; clock: ServerClock }> {
    const clock = new ServerClock(await this.offsetOf(account));
    return { deps: this.makeDeps(clientOf(account), clock), clock };
  }

  /** Runs one call of the protocol core for the account and keeps the clock it observed. */
  async call<T>(account: CognitoAccount, run: (deps: EngineCallDeps) => Promise<T>): Promise<T> {
    const { deps, clock } = await this.engineFor(account);
    try {
      return await run(deps);
    } finally {
      await this.saveClock(account, clock);
    }
  }

  /** Server minus local time for the account's endpoint, as learnt from it (0 before that). */
  offsetOf(account: CognitoAccount): Promise<number> {
    return this.d.clocks.offsetFor(clockEndpointOf(account));
  }

  /**
   * Keeps what the account's endpoint said about its clock (the transport observes only
   * well-formed successes), for that endpoint's accounts alone: applied within the bound, or
   * recorded as ignored for the options page to show.
   */
  async saveClock(account: CognitoAccount, clock: ServerClock): Promise<void> {
    const endpoint = clockEndpointOf(account);
    if (endpoint !== undefined && clock.lastObservation) await this.d.clocks.record(endpoint, clock.lastObservation);
  }
}

export function clientOf(account: CognitoAccount): PoolClient {
  return {
    userPoolId: account.userPoolId, clientId: account.clientId,
    ...(account.clientSecret !== undefined ? { clientSecret: account.clientSecret } : {}),
    ...(account.endpoint !== undefined ? { endpoint: account.endpoint } : {}),
  };
}

/** What the engine is lent for one call: the password, the active TOTP secret, the device. */
export function signInSecretsOf(account: CognitoAccount): SignInSecrets {
  const s: SignInSecrets = {};
  if (account.secrets.password !== undefined) s.password = account.secrets.password;
  const totpSecret = activeTotpSecret(account);
  if (totpSecret !== undefined) s.totpSecret = totpSecret;
  if (account.secrets.device !== undefined) s.device = account.secrets.device;
  return s;
}

/** The tokens to store: a refresh that returned no refresh token keeps the previous one. */
export function storedTokensOf(tokens: Tokens, previousRefreshToken?: string, canonicalUsername?: string): StoredTokens {
  const refreshToken = tokens.refreshToken ?? previousRefreshToken;
  return {
    accessToken: tokens.accessToken, idToken: tokens.idToken, tokenType: tokens.tokenType, expiresAt: tokens.expiresAt,
    lifetimeMs: tokens.expiresIn * 1000,
    ...(refreshToken !== undefined ? { refreshToken } : {}),
    ...(canonicalUsername !== undefined ? { canonicalUsername } : {}),
  };
}
