// Keeps each account's tokens fresh: an alarm shortly before the access token expires renews
// it from the refresh token; a failure is kept with the tokens (list-accounts shows it) and
// either retried later (passing) or ends the dead refresh token (anything else).
import { isAppError, isServiceError } from '../../cognito/errors';
import { refreshTokens } from '../../cognito/engine';
import type { Tokens } from '../../cognito/engine/types';
import type { CognitoAccount, StoredTokens } from '../accounts/model';
import { AppError } from '../errors';
import type { TabSessions } from '../page-session/tab-sessions';
import { clientOf, storedTokensOf, type AccountSessions, type AgentDeps } from './account-session';
import { scrubbedErrorInfo, secretValuesOf } from './secret-scrub';

export const REFRESH_ALARM_PREFIX = 'refresh:';
/**
 * Refresh this long before the access token expires: 5 minutes, or a fifth of the token's
 * lifetime when that is shorter. Cognito's shortest access token lives 5 minutes; a fixed 5-minute
 * margin would renew such a token as soon as the alarms allow (30 s), and then every 30 s.
 */
const REFRESH_MARGIN_MS = 5 * 60_000;
function refreshMarginMs(tokens: Pick<StoredTokens, 'lifetimeMs'>): number {
  // Tokens stored before the lifetime was kept have none: the full margin, until their next refresh.
  return tokens.lifetimeMs === undefined ? REFRESH_MARGIN_MS : Math.min(REFRESH_MARGIN_MS, tokens.lifetimeMs / 5);
}
/** A refresh that failed for a passing reason (network, throttling) is tried again after this. */
export const REFRESH_RETRY_MS = 5 * 60_000;
/** An access token this close to its expiry is renewed before it is used for a call. */
const ACCESS_TOKEN_SLACK_MS = 60_000;

export class RefreshScheduler {
  private readonly now: () => number;

  constructor(
    private readonly d: Pick<AgentDeps, 'accounts' | 'alarms' | 'badge' | 'now'>,
    private readonly sessions: AccountSessions,
    private readonly tabs?: TabSessions,
  ) {
    this.now = d.now ?? Date.now;
  }

  /** The alarm's account, or undefined for an alarm that is not a refresh. */
  static accountOfAlarm(name: string): string | undefined {
    return name.startsWith(REFRESH_ALARM_PREFIX) ? name.slice(REFRESH_ALARM_PREFIX.length) : undefined;
  }

  async refresh(accountId: string): Promise<StoredTokens> {
    const account = await this.d.accounts.getCognito(accountId);
    const tokens = await this.d.accounts.getTokens(accountId);
    if (!tokens?.refreshToken) throw new AppError('not-found', `Account "${account.label}" has no refresh token: sign in first.`);
    await this.sessions.ensurePermission(account);
    let fresh: Tokens;
    try {
      fresh = await this.sessions.call(account, (deps) => refreshTokens(deps, clientOf(account), tokens.refreshToken!,
        { device: account.secrets.device, canonicalUsername: tokens.canonicalUsername }));
    } catch (error) {
      await this.refreshFailed(account, tokens, error);
      throw error;
    }
    // A success replaces the record, which also drops an earlier refreshError.
    const stored = storedTokensOf(fresh, tokens.refreshToken, tokens.canonicalUsername);
    await this.d.accounts.saveTokens(accountId, stored);
    await this.schedule(account, stored);
    // Sites signed in by "Sign in this tab" get the new tokens before theirs expire. A page that
    // cannot be written now must not fail the extension's own refresh.
    await this.tabs?.rewrite(account, stored, await this.sessions.offsetOf(account)).catch(() => undefined);
    await this.d.badge.clear('refresh-failed', accountId);
    return stored;
  }

  /**
   * The stored tokens, renewed first when the access token has (nearly) expired and a refresh
   * token allows it; undefined when no unexpired access token can be had.
   */
  async currentTokens(account: CognitoAccount, stored: StoredTokens | undefined): Promise<StoredTokens | undefined> {
    const serverNow = this.now() + (await this.sessions.offsetOf(account)); // expiresAt is server time
    const tokens = stored && stored.expiresAt - ACCESS_TOKEN_SLACK_MS < serverNow && stored.refreshToken ? await this.refresh(account.id) : stored;
    return tokens && tokens.expiresAt >= serverNow ? tokens : undefined;
  }

  /** Arms the account's refresh alarm for its tokens (none without a refresh token). */
  async schedule(account: CognitoAccount, tokens: StoredTokens): Promise<void> {
    if (!tokens.refreshToken) return;
    // expiresAt is on the server's clock, alarms on the local one: convert with the learnt offset
    // (server − local), or a local clock running behind would refresh after expiry.
    const offsetMs = await this.sessions.offsetOf(account);
    // Chrome's alarms fire at the earliest 30 s from now.
    const when = Math.max(this.now() + 30_000, tokens.expiresAt - offsetMs - refreshMarginMs(tokens));
    await this.d.alarms.create(REFRESH_ALARM_PREFIX + account.id, { when });
  }

  /**
   * Re-creates the refresh alarm of every account holding a refresh token. Alarms do not outlive
   * a browser restart reliably, and an alarm that fired while the vault was locked was skipped:
   * called when the vault is unlocked and when an unlocked worker starts.
   */
  async scheduleAll(): Promise<void> {
    for (const account of (await this.d.accounts.listReadable()).accounts) {
      if (account.kind !== 'cognito') continue;
      let tokens: StoredTokens | undefined;
      try {
        tokens = await this.d.accounts.getTokens(account.id);
      } catch {
        continue; // an unreadable tokens record is reported by list-accounts; nothing to refresh
      }
      if (tokens) await this.schedule(account, tokens);
    }
  }

  /** The account is gone or signed out: its refresh alarm must not keep firing. */
  async cancel(accountId: string): Promise<void> {
    await this.d.alarms.clear(REFRESH_ALARM_PREFIX + accountId);
    // Nor may its tokens be rewritten into a page again.
    await this.tabs?.forget(accountId);
    await this.d.badge.clear('refresh-failed', accountId); // nothing left to renew
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
    await this.d.badge.raise('refresh-failed', account.id);
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
}
