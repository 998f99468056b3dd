// refreshTokens against an endpoint that has no GetTokensFromRefreshToken (Cognito added it in
// 2025; older Cognito-compatible endpoints answer UnknownOperationException): the engine must
// fall back to InitiateAuth REFRESH_TOKEN_AUTH, with SECRET_HASH over the canonical username for
// a client with a secret and DEVICE_KEY for a tracked device. The local pool is started with
// `withoutOperations` so the fallback is exercised for real, not simulated.

import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/cognito/errors';
import { refreshTokens } from '../../src/cognito/engine';
import type { PoolClient } from '../../src/cognito/engine/types';
import { PASSWORD, claims, expectSignedIn, request, harnessForFile, startSignIn } from './harness';

const h = harnessForFile({ withoutOperations: ['GetTokensFromRefreshToken'] });
let plainClient: PoolClient;
let secretClient: PoolClient;
let rotatingClient: PoolClient;
let emailSecretClient: PoolClient;
let deviceClient: PoolClient;

beforeAll(async () => {
  const plainPool = await h.createPool({ PoolName: 'refresh-fallback' });
  plainClient = await h.createClient(plainPool);
  secretClient = await h.createClient(plainPool, { GenerateSecret: true });
  rotatingClient = await h.createClient(plainPool, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } });
  await h.createUser(plainPool, 'alice');

  const emailPool = await h.createPool({ PoolName: 'refresh-fallback-email', UsernameAttributes: ['email'] });
  emailSecretClient = await h.createClient(emailPool, { GenerateSecret: true });
  await h.createUser(emailPool, 'bob@example.com', { email: 'bob@example.com', email_verified: 'true' });

  // Every device is remembered, no MFA: a sign-in confirms a device, and its refresh token is bound to it.
  const devicePool = await h.createPool({
    PoolName: 'refresh-fallback-devices',
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
  });
  deviceClient = await h.createClient(devicePool);
  await h.createUser(devicePool, 'carol');
});

describe('refreshTokens on an endpoint without GetTokensFromRefreshToken', () => {
  it('the endpoint really lacks the operation', async () => {
    const error = await h.deps().api.getTokensFromRefreshToken({ RefreshToken: 'x'.repeat(40), ClientId: plainClient.clientId }).catch((e: unknown) => e);
    expect(error).toMatchObject({ exception: expect.any(String) });
    expect((error as AppError).exception).toBe('UnknownOperationException');
  });

  it('falls back to REFRESH_TOKEN_AUTH and keeps the refresh token (none is returned)', async () => {
    const deps = h.deps();
    const first = expectSignedIn(await startSignIn(deps, request(plainClient, 'alice'), { password: PASSWORD }));
    const refresh = first.tokens.refreshToken!;
    const next = await refreshTokens(deps, plainClient, refresh);
    expect(claims(next.accessToken).username).toBe('alice');
    expect(claims(next.accessToken).token_use).toBe('access');
    expect(next.refreshToken).toBe(refresh);
    // The new access token is accepted by the pool.
    const user = await deps.api.getUser({ AccessToken: next.accessToken });
    expect(user.Username).toBe('alice');
  });

  it('a client with a secret needs the canonical username, over which SECRET_HASH is computed', async () => {
    const deps = h.deps();
    const first = expectSignedIn(await startSignIn(deps, request(emailSecretClient, 'bob@example.com'), { password: PASSWORD }));
    const refresh = first.tokens.refreshToken!;
    expect(first.canonicalUsername).not.toBe('bob@example.com');

    await expect(refreshTokens(deps, emailSecretClient, refresh)).rejects.toMatchObject({ code: 'validation' });
    // The alias is not what the pool hashes: the hash over it is refused.
    await expect(refreshTokens(deps, emailSecretClient, refresh, { canonicalUsername: 'bob@example.com' })).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
    const next = await refreshTokens(deps, emailSecretClient, refresh, { canonicalUsername: first.canonicalUsername });
    expect(claims(next.accessToken).username).toBe(first.canonicalUsername);
  });

  it('a client with a secret and a plain username', async () => {
    const deps = h.deps();
    const first = expectSignedIn(await startSignIn(deps, request(secretClient, 'alice'), { password: PASSWORD }));
    const next = await refreshTokens(deps, secretClient, first.tokens.refreshToken!, { canonicalUsername: first.canonicalUsername });
    expect(claims(next.accessToken).client_id).toBe(secretClient.clientId);
  });

  it('sends the device key of a tracked device; without it the token is refused', async () => {
    const deps = h.deps();
    const first = expectSignedIn(await startSignIn(deps, request(deviceClient, 'carol'), { password: PASSWORD }));
    const device = first.device!;
    expect(device).toBeDefined();
    const refresh = first.tokens.refreshToken!;
    await expect(refreshTokens(deps, deviceClient, refresh)).rejects.toMatchObject({ exception: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
    const next = await refreshTokens(deps, deviceClient, refresh, { device });
    expect(claims(next.accessToken).device_key).toBe(device.deviceKey);
  });

  it('a client with refresh-token rotation cannot use REFRESH_TOKEN_AUTH: a clear error, no token in it', async () => {
    const deps = h.deps();
    const first = expectSignedIn(await startSignIn(deps, request(rotatingClient, 'alice'), { password: PASSWORD }));
    const refresh = first.tokens.refreshToken!;
    const error = await refreshTokens(deps, rotatingClient, refresh).catch((e: unknown) => e);
    expect(error).toMatchObject({ exception: 'InvalidParameterException' });
    expect((error as Error).message).toMatch(/REFRESH_TOKEN_AUTH/);
    expect((error as Error).message).not.toContain(refresh);
  });
});
