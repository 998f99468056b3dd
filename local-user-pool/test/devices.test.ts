/** Device tracking: NewDeviceMetadata, ConfirmDevice verifiers checked by DEVICE_PASSWORD_VERIFIER, MFA suppression rules, management. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { call, confirmDevice, decodeClaims, deviceSrp, makePool, makeUser, ok, srpSignIn, totpNow, type DeviceSecret, type TestPool } from './test-helpers.js';

let pool: LocalPool;
/** the pool's clock runs ahead by this much, so a test can step TOTP forward without waiting */
let offset = 0;
beforeAll(async () => {
  pool = await startLocalPool({ port: 0, now: () => Date.now() + offset });
});
afterAll(() => pool.close());

/** Enrols TOTP for a signed-in user and makes it preferred. */
async function enrolTotp(accessToken: string): Promise<string> {
  const { SecretCode } = await ok(pool.endpoint, 'AssociateSoftwareToken', { AccessToken: accessToken });
  await ok(pool.endpoint, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: totpNow(SecretCode, Date.now() + offset) });
  await ok(pool.endpoint, 'SetUserMFAPreference', { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  return SecretCode;
}

async function setup(challengeRequiredOnNewDevice: boolean, onPrompt: boolean) {
  const p = await makePool(
    pool.endpoint,
    { DeviceConfiguration: { ChallengeRequiredOnNewDevice: challengeRequiredOnNewDevice, DeviceOnlyRememberedOnUserPrompt: onPrompt } },
    {},
    { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
  );
  await makeUser(pool.endpoint, p, 'gina', 'Passw0rd!');
  const first = await srpSignIn(pool.endpoint, p, 'gina', 'Passw0rd!');
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  const result = first.body.AuthenticationResult;
  expect(result.NewDeviceMetadata.DeviceKey).toMatch(/^eu-west-2_[0-9a-f-]{36}$/);
  expect(decodeClaims(result.AccessToken).device_key).toBe(result.NewDeviceMetadata.DeviceKey);
  const { device, body } = await confirmDevice(pool.endpoint, result.AccessToken, result.NewDeviceMetadata);
  expect(body.UserConfirmationNecessary).toBe(onPrompt);
  const totpSecret = await enrolTotp(result.AccessToken);
  return { p, device, access: result.AccessToken as string, refresh: result.RefreshToken as string, totpSecret };
}

describe('remembered device with ChallengeRequiredOnNewDevice = true', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    ctx = await setup(true, false);
  });

  it('skips MFA: DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens carrying device_key, no new device', async () => {
    const r = await srpSignIn(pool.endpoint, ctx.p, 'gina', 'Passw0rd!', { deviceKey: ctx.device.deviceKey });
    expect(r.body.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const done = await deviceSrp(pool.endpoint, ctx.p, r.body.Session, 'gina', ctx.device);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.AuthenticationResult.NewDeviceMetadata).toBeUndefined();
    expect(decodeClaims(done.body.AuthenticationResult.AccessToken).device_key).toBe(ctx.device.deviceKey);
  });

  it('refuses a wrong device password', async () => {
    const r = await srpSignIn(pool.endpoint, ctx.p, 'gina', 'Passw0rd!', { deviceKey: ctx.device.deviceKey });
    const wrong: DeviceSecret = { ...ctx.device, devicePassword: ctx.device.devicePassword + 'x' };
    const done = await deviceSrp(pool.endpoint, ctx.p, r.body.Session, 'gina', wrong);
    expect(done.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('a device set to not_remembered gets MFA first, then DEVICE_SRP_AUTH', async () => {
    await ok(pool.endpoint, 'UpdateDeviceStatus', { AccessToken: ctx.access, DeviceKey: ctx.device.deviceKey, DeviceRememberedStatus: 'not_remembered' });
    const r = await srpSignIn(pool.endpoint, ctx.p, 'gina', 'Passw0rd!', { deviceKey: ctx.device.deviceKey });
    expect(r.body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    await ok(pool.endpoint, 'UpdateDeviceStatus', { AccessToken: ctx.access, DeviceKey: ctx.device.deviceKey, DeviceRememberedStatus: 'remembered' });
  });

  it('refreshes only with the bound, confirmed device key', async () => {
    const without = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.p.clientId, AuthParameters: { REFRESH_TOKEN: ctx.refresh } });
    expect(without.body.message).toBe('Invalid Refresh Token');
    const withKey = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: ctx.p.clientId, AuthParameters: { REFRESH_TOKEN: ctx.refresh, DEVICE_KEY: ctx.device.deviceKey } });
    expect(withKey.AuthenticationResult.RefreshToken).toBeUndefined();
    expect(decodeClaims(withKey.AuthenticationResult.AccessToken).device_key).toBe(ctx.device.deviceKey);
  });

  it('lists and gets devices, paginates, and forgets: then "Device does not exist."', async () => {
    // a second confirmed device (MFA off for a moment so the sign-in completes)
    await ok(pool.endpoint, 'AdminSetUserMFAPreference', { UserPoolId: ctx.p.poolId, Username: 'gina', SoftwareTokenMfaSettings: { Enabled: false } }, true);
    const second = await srpSignIn(pool.endpoint, ctx.p, 'gina', 'Passw0rd!');
    await confirmDevice(pool.endpoint, second.body.AuthenticationResult.AccessToken, second.body.AuthenticationResult.NewDeviceMetadata);
    await ok(pool.endpoint, 'AdminSetUserMFAPreference', { UserPoolId: ctx.p.poolId, Username: 'gina', SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }, true);
    const page1 = await ok(pool.endpoint, 'ListDevices', { AccessToken: ctx.access, Limit: 1 });
    expect(page1.Devices).toHaveLength(1);
    const page2 = await ok(pool.endpoint, 'ListDevices', { AccessToken: ctx.access, Limit: 1, PaginationToken: page1.PaginationToken });
    expect(page2.Devices).toHaveLength(1);
    expect(page2.PaginationToken).toBeUndefined();
    expect(new Set([page1.Devices[0].DeviceKey, page2.Devices[0].DeviceKey]).size).toBe(2);
    const got = await ok(pool.endpoint, 'GetDevice', { AccessToken: ctx.access, DeviceKey: ctx.device.deviceKey });
    expect(got.Device.DeviceAttributes).toContainEqual({ Name: 'device_name', Value: 'vitest' });
    expect(got.Device.DeviceAttributes).toContainEqual({ Name: 'dev:device_remembered_status', Value: 'remembered' });
    const adminList = await ok(pool.endpoint, 'AdminListDevices', { UserPoolId: ctx.p.poolId, Username: 'gina' }, true);
    expect(adminList.Devices.map((d: { DeviceKey: string }) => d.DeviceKey)).toContain(ctx.device.deviceKey);

    await ok(pool.endpoint, 'ForgetDevice', { AccessToken: ctx.access, DeviceKey: ctx.device.deviceKey });
    const stale = await srpSignIn(pool.endpoint, ctx.p, 'gina', 'Passw0rd!', { deviceKey: ctx.device.deviceKey });
    expect(stale.body).toEqual({ __type: 'ResourceNotFoundException', message: 'Device does not exist.' });
    const init = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: ctx.p.clientId, AuthParameters: { USERNAME: 'gina', PASSWORD: 'Passw0rd!', DEVICE_KEY: ctx.device.deviceKey } });
    expect(init.body.message).toBe('Device does not exist.');
  });
});

describe('ChallengeRequiredOnNewDevice = false', () => {
  it('a remembered device does not skip MFA; device SRP follows the MFA answer', async () => {
    const ctx = await setup(false, true);
    // opt-in pool: device tracked but not remembered until the user says so
    await ok(pool.endpoint, 'UpdateDeviceStatus', { AccessToken: ctx.access, DeviceKey: ctx.device.deviceKey, DeviceRememberedStatus: 'remembered' });
    const r = await srpSignIn(pool.endpoint, ctx.p, 'gina', 'Passw0rd!', { deviceKey: ctx.device.deviceKey });
    expect(r.body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    // move to a fresh TOTP step: the enrolment code is spent
    offset += 30_000;
    const mfa = await ok(pool.endpoint, 'RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      ClientId: ctx.p.clientId,
      Session: r.body.Session,
      ChallengeResponses: { USERNAME: 'gina', SOFTWARE_TOKEN_MFA_CODE: totpNow(ctx.totpSecret, Date.now() + offset), DEVICE_KEY: ctx.device.deviceKey },
    });
    expect(mfa.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const done = await deviceSrp(pool.endpoint, ctx.p, mfa.Session, 'gina', ctx.device);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  });

  it('DEVICE_SRP_AUTH outside the chain is refused', async () => {
    const p = await makePool(pool.endpoint, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false } });
    await makeUser(pool.endpoint, p, 'hal', 'Passw0rd!');
    const { ChallengeParameters, Session } = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'hal', SRP_A: 'abcdef' } });
    expect(ChallengeParameters.USER_ID_FOR_SRP).toBe('hal');
    const r = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'DEVICE_SRP_AUTH', ClientId: p.clientId, Session, ChallengeResponses: { USERNAME: 'hal', DEVICE_KEY: 'eu-west-2_00000000-0000-0000-0000-000000000000', SRP_A: 'abcdef' } });
    expect(r.body.message).toBe('Cannot initiate DEVICE_SRP_AUTH flow without first authenticating');
  });
});
