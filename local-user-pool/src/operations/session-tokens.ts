/** Refresh and revocation: GetTokensFromRefreshToken, RevokeToken, GlobalSignOut, AdminUserGlobalSignOut. */
import type { Handler, ServerContext } from '../context.js';
import type { PoolRecord, UserRecord } from '../store.js';
import { PoolError } from '../errors.js';
import { authenticate, checkClientSecret, clientById, poolById, requireUser } from '../lookup.js';
import { hashToken } from '../tokens.js';
import { getTokensFromRefreshToken } from '../auth/refresh.js';
import { CLIENT_ID_RULE, DEVICE_KEY_RULE, POOL_ID_RULE, TOKEN_RULE, USERNAME_RULE, optMap, optStr, reqStr } from '../validation.js';

export const GetTokensFromRefreshToken: Handler = async (ctx, body, req) => {
  const token = reqStr(body, 'RefreshToken', TOKEN_RULE);
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  checkClientSecret(client, optStr(body, 'ClientSecret', { secret: true }));
  const result = await getTokensFromRefreshToken(
    { ctx, pool, client, req, admin: false, clientMetadata: optMap(body, 'ClientMetadata') },
    token,
    optStr(body, 'DeviceKey', DEVICE_KEY_RULE),
  );
  return { AuthenticationResult: result };
};

export const RevokeToken: Handler = (ctx, body) => {
  const token = reqStr(body, 'Token', TOKEN_RULE);
  const { pool, client } = clientById(ctx, reqStr(body, 'ClientId', CLIENT_ID_RULE));
  checkClientSecret(client, optStr(body, 'ClientSecret', { secret: true }));
  if (!client.enableTokenRevocation) throw new PoolError('UnsupportedOperationException', 'Token revocation is not enabled for this app client.');
  if (token.split('.').length === 3) throw new PoolError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
  const rec = pool.refreshTokens[hashToken(token)];
  // RFC 7009: an unknown token is not an error; a token of another client is
  if (!rec) return {};
  if (rec.clientId !== client.clientId) throw new PoolError('UnauthorizedException', 'The token was not issued to this client.');
  rec.revoked = true;
  pool.revokedOrigins[rec.originJti] = ctx.now();
  ctx.markDirty();
  return {};
};

export function signOutEverywhere(ctx: ServerContext, pool: PoolRecord, user: UserRecord): void {
  for (const r of Object.values(pool.refreshTokens)) {
    if (r.username !== user.username) continue;
    r.revoked = true;
    pool.revokedOrigins[r.originJti] = ctx.now();
  }
  ctx.markDirty();
}

export const GlobalSignOut: Handler = (ctx, body) => {
  const { pool, user, claims } = authenticate(ctx, reqStr(body, 'AccessToken', TOKEN_RULE));
  signOutEverywhere(ctx, pool, user);
  pool.revokedOrigins[claims.origin_jti] = ctx.now();
  return {};
};

export const AdminUserGlobalSignOut: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  signOutEverywhere(ctx, pool, requireUser(pool, reqStr(body, 'Username', USERNAME_RULE)));
  return {};
};
