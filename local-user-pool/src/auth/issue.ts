/**
 * Token issue: ID + access JWTs, an opaque revocable refresh token, and NewDeviceMetadata when the
 * pool tracks devices and the sign-in did not authenticate a known device.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { PoolRecord, UserRecord } from '../store.js';
import type { Flow, AuthenticationResult } from './flow.js';
import { hashToken, newJti, newRefreshToken, signJwt } from '../tokens.js';
import { issuerOf } from '../issuer.js';

const RESERVED_CLAIMS = new Set([
  'acr', 'amr', 'at_hash', 'aud', 'auth_time', 'azp', 'c_hash', 'exp', 'iat', 'identities', 'iss', 'jti', 'nbf',
  'nonce', 'origin_jti', 'sub', 'token_use', 'cognito:username', 'event_id',
]);

export function deviceTrackingOn(pool: PoolRecord): boolean {
  return typeof pool.config.DeviceConfiguration === 'object' && pool.config.DeviceConfiguration !== null;
}

export function deviceConfig(pool: PoolRecord): { ChallengeRequiredOnNewDevice: boolean; DeviceOnlyRememberedOnUserPrompt: boolean } {
  const dc = (pool.config.DeviceConfiguration ?? {}) as Record<string, unknown>;
  return {
    ChallengeRequiredOnNewDevice: dc.ChallengeRequiredOnNewDevice === true,
    DeviceOnlyRememberedOnUserPrompt: dc.DeviceOnlyRememberedOnUserPrompt === true,
  };
}


function idTokenAttributes(user: UserRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(user.attributes)) {
    if (k === 'sub') continue;
    out[k] = k === 'email_verified' || k === 'phone_number_verified' ? v === 'true' : v;
  }
  return out;
}

export interface IssueOptions {
  /** device authenticated by DEVICE_PASSWORD_VERIFIER (or bound to the refresh token) */
  deviceKey?: string;
  authTime: number;
  /** set on refresh: keep the sign-in's origin_jti so revocation covers derived tokens */
  originJti?: string;
  refreshToken: 'new' | 'none';
  triggerSource: string;
}

export async function issueTokens(flow: Flow, user: UserRecord, opts: IssueOptions): Promise<AuthenticationResult> {
  const { ctx, pool, client } = flow;
  const now = ctx.now();
  const iat = Math.floor(now / 1000);
  const originJti = opts.originJti ?? randomUUID();
  const eventId = randomUUID();
  const iss = issuerOf(ctx, pool);

  let deviceKey = opts.deviceKey;
  let newDevice: AuthenticationResult['NewDeviceMetadata'];
  if (!deviceKey && opts.refreshToken === 'new' && deviceTrackingOn(pool)) {
    deviceKey = `${pool.region}_${randomUUID()}`;
    const deviceGroupKey = '-' + randomBytes(6).toString('base64url');
    user.devices[deviceKey] = {
      deviceKey,
      deviceGroupKey,
      confirmed: false,
      remembered: false,
      createdAt: now,
      lastModifiedAt: now,
      lastAuthenticatedAt: now,
      lastIp: flow.req.sourceIp,
    };
    newDevice = { DeviceKey: deviceKey, DeviceGroupKey: deviceGroupKey };
  } else if (deviceKey && user.devices[deviceKey]) {
    user.devices[deviceKey]!.lastAuthenticatedAt = now;
    user.devices[deviceKey]!.lastIp = flow.req.sourceIp;
  }

  let idClaims: Record<string, unknown> = {
    sub: user.sub,
    ...idTokenAttributes(user),
    iss,
    'cognito:username': user.username,
    origin_jti: originJti,
    aud: client.clientId,
    event_id: eventId,
    token_use: 'id',
    auth_time: opts.authTime,
    exp: iat + client.idTokenValiditySeconds,
    iat,
    jti: newJti(),
  };

  const pre = await ctx.triggers.run(pool, 'pre-token-generation', opts.triggerSource, {
    userName: user.username,
    clientId: client.clientId,
    request: {
      userAttributes: { ...user.attributes },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
      clientMetadata: flow.clientMetadata ?? {},
    },
    response: { claimsOverrideDetails: null },
  });
  const overrides = (pre?.claimsOverrideDetails ?? null) as
    | { claimsToAddOrOverride?: Record<string, unknown>; claimsToSuppress?: string[] }
    | null;
  if (overrides) {
    for (const [k, v] of Object.entries(overrides.claimsToAddOrOverride ?? {})) if (!RESERVED_CLAIMS.has(k)) idClaims[k] = v;
    for (const k of overrides.claimsToSuppress ?? []) if (!RESERVED_CLAIMS.has(k)) delete idClaims[k];
    idClaims = { ...idClaims };
  }

  const accessClaims: Record<string, unknown> = {
    sub: user.sub,
    ...(deviceKey ? { device_key: deviceKey } : {}),
    iss,
    client_id: client.clientId,
    origin_jti: originJti,
    event_id: eventId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: opts.authTime,
    exp: iat + client.accessTokenValiditySeconds,
    iat,
    jti: newJti(),
    username: user.username,
  };

  const result: AuthenticationResult = {
    AccessToken: signJwt(pool.signingKey, accessClaims),
    ExpiresIn: client.accessTokenValiditySeconds,
    TokenType: 'Bearer',
    IdToken: signJwt(pool.signingKey, idClaims),
  };
  if (opts.refreshToken === 'new') {
    const rt = newRefreshToken();
    pool.refreshTokens[hashToken(rt)] = {
      clientId: client.clientId,
      username: user.username,
      originJti,
      deviceKey,
      authTime: opts.authTime,
      expiresAt: now + client.refreshTokenValiditySeconds * 1000,
      revoked: false,
    };
    result.RefreshToken = rt;
  }
  if (newDevice) result.NewDeviceMetadata = newDevice;
  ctx.markDirty();
  return result;
}
