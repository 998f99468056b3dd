/**
 * Refresh: REFRESH_TOKEN_AUTH (InitiateAuth) and GetTokensFromRefreshToken. A refresh token is
 * bound to the client that issued it and, in pools that track devices, to the device of its sign-in:
 * that device must have been confirmed and its key must be sent back (the causes of "Invalid
 * Refresh Token" listed in AWS's knowledge-center article).
 */
import type { Flow, AuthResponse, AuthenticationResult } from './flow.js';
import type { RefreshRecord, UserRecord } from '../store.js';
import { PoolError, invalidParameter, notAuthorized } from '../errors.js';
import { hashToken } from '../tokens.js';
import { checkSecretHash, userKey } from '../lookup.js';
import { issueTokens } from './issue.js';

const INVALID = 'Invalid Refresh Token';

function lookupRefresh(flow: Flow, token: string | undefined, deviceKey: string | undefined): { rec: RefreshRecord; user: UserRecord; hash: string } {
  if (token === undefined || token === '') throw invalidParameter('Missing required parameter REFRESH_TOKEN');
  const hash = hashToken(token);
  const rec = flow.pool.refreshTokens[hash];
  const now = flow.ctx.now();
  if (!rec || rec.clientId !== flow.client.clientId) throw notAuthorized(INVALID);
  if (rec.revoked) throw notAuthorized('Refresh Token has been revoked');
  if (now >= rec.expiresAt) throw notAuthorized('Refresh Token has expired');
  if (rec.rotatedAt !== undefined && now > rec.rotatedAt + flow.client.refreshTokenRotation.RetryGracePeriodSeconds * 1000)
    throw new PoolError('RefreshTokenReuseException', 'Refresh token has already been used.');
  const user = flow.pool.users[userKey(flow.pool, rec.username)];
  if (!user) throw notAuthorized('User does not exist.');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  if (rec.deviceKey) {
    const d = user.devices[rec.deviceKey];
    if (!d || !d.confirmed || deviceKey !== rec.deviceKey) throw notAuthorized(INVALID);
  }
  return { rec, user, hash };
}

export async function refreshTokenAuth(flow: Flow, params: Record<string, string>): Promise<AuthResponse> {
  if (flow.client.refreshTokenRotation.Feature === 'ENABLED')
    throw invalidParameter('REFRESH_TOKEN_AUTH is not allowed for an app client with refresh token rotation; use GetTokensFromRefreshToken');
  const { rec, user } = lookupRefresh(flow, params.REFRESH_TOKEN, params.DEVICE_KEY);
  checkSecretHash(flow.client, user.username, params.SECRET_HASH);
  const result = await issueTokens(flow, user, {
    deviceKey: rec.deviceKey,
    authTime: rec.authTime,
    originJti: rec.originJti,
    refreshToken: 'none',
    triggerSource: 'TokenGeneration_RefreshTokens',
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

export async function getTokensFromRefreshToken(flow: Flow, token: string, deviceKey: string | undefined): Promise<AuthenticationResult> {
  const { rec, user } = lookupRefresh(flow, token, deviceKey);
  const rotate = flow.client.refreshTokenRotation.Feature === 'ENABLED';
  const result = await issueTokens(flow, user, {
    deviceKey: rec.deviceKey,
    authTime: rec.authTime,
    originJti: rec.originJti,
    refreshToken: rotate ? 'new' : 'none',
    triggerSource: 'TokenGeneration_RefreshTokens',
  });
  if (rotate && rec.rotatedAt === undefined) rec.rotatedAt = flow.ctx.now();
  flow.ctx.markDirty();
  return result;
}
