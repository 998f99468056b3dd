// Ends an account's session: at Cognito (RevokeToken on the refresh token, or GlobalSignOut
// with `everywhere`), then here, whatever Cognito answered.
import { isAppError } from '../../cognito/errors';
import { appErrorInfo, type ErrorInfo } from '../../shared/error-codes';
import { AppError } from '../errors';
import type { AccountSessions, AgentDeps } from './account-session';
import type { FlowPruner } from './flow-pruner';
import type { RefreshScheduler } from './refresh-scheduler';
import { scrubbedErrorInfo, secretValuesOf } from './secret-scrub';

export class SignOut {
  constructor(
    private readonly d: Pick<AgentDeps, 'accounts'>,
    private readonly sessions: AccountSessions,
    private readonly refresher: RefreshScheduler,
    private readonly pruner: FlowPruner,
  ) {}

  /**
   * Deletes the stored tokens, the refresh alarm and the finished flows that hold tokens whatever
   * Cognito answered: the person asked for this browser to be signed out, and a refusal (token
   * already revoked) or an unreachable server must not keep the tokens here.
   */
  async signOut(accountId: string, everywhere: boolean): Promise<{ serverSignedOut: boolean; error?: ErrorInfo }> {
    const account = await this.d.accounts.getCognito(accountId);
    const stored = await this.d.accounts.getTokens(accountId);
    if (!stored) throw new AppError('not-found', `Account "${account.label}" holds no tokens: there is no sign-in to end.`);
    const secrets = secretValuesOf(account, stored);
    let error: ErrorInfo | undefined;
    try {
      await this.sessions.ensurePermission(account);
      if (everywhere) {
        const tokens = await this.refresher.currentTokens(account, stored);
        if (!tokens) {
          throw new AppError('not-found', `The access token of "${account.label}" has expired and there is no refresh token to renew it, so Cognito cannot be asked to sign out everywhere.`);
        }
        secrets.push(...secretValuesOf(account, tokens));
        await this.sessions.call(account, (deps) => deps.api.globalSignOut({ AccessToken: tokens.accessToken }));
      } else {
        const refreshToken = stored.refreshToken;
        if (!refreshToken) throw new AppError('not-found', `Account "${account.label}" holds no refresh token to revoke; its access token stays valid until it expires.`);
        await this.sessions.call(account, (deps) => deps.api.revokeToken({
          Token: refreshToken, ClientId: account.clientId, ...(account.clientSecret !== undefined ? { ClientSecret: account.clientSecret } : {}),
        }));
      }
    } catch (failure) {
      error = signOutError(failure, secrets);
    }
    await this.d.accounts.clearTokens(accountId);
    await this.refresher.cancel(accountId);
    await this.pruner.removeFinishedOf(accountId);
    return error ? { serverSignedOut: false, error } : { serverSignedOut: true };
  }
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
