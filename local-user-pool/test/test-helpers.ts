/**
 * Helpers for the pool's own tests: the raw HTTP set-up of src/test-setup.ts, and an SRP client built
 * on amazon-cognito-identity-js's AuthenticationHelper (a referee, not the pool's own SRP maths).
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { call, ok, secretHash, type CallResult, type TestPool } from '../src/test-setup.js';
import { formatTimestamp } from '../src/timestamp.js';
import { totpAt } from '../src/totp.js';

const require = createRequire(import.meta.url);

interface JsbnBigInteger {
  toString(radix: number): string;
}
interface AuthHelper {
  getLargeAValue(cb: (err: unknown, A: JsbnBigInteger) => void): void;
  getPasswordAuthenticationKey(user: string, password: string, B: JsbnBigInteger, salt: JsbnBigInteger, cb: (err: unknown, key: Uint8Array) => void): void;
  generateHashDevice(groupKey: string, deviceKey: string, cb: (err: unknown) => void): void;
  getRandomPassword(): string;
  getSaltDevices(): string;
  getVerifierDevices(): string;
}
const { AuthenticationHelper } = require('amazon-cognito-identity-js') as { AuthenticationHelper: new (poolName: string) => AuthHelper };
const BigInteger = (require('amazon-cognito-identity-js/lib/BigInteger.js') as { default: new (s: string, radix: number) => JsbnBigInteger }).default;

export { admin, call, makePool, makeUser, ok, secretHash, type CallResult, type TestPool } from '../src/test-setup.js';

export async function srpA(poolName: string): Promise<{ helper: AuthHelper; A: string }> {
  const helper = new AuthenticationHelper(poolName);
  const A = await new Promise<string>((res, rej) => helper.getLargeAValue((e, a) => (e ? rej(e) : res(a.toString(16)))));
  return { helper, A };
}

/** PASSWORD_CLAIM_SIGNATURE for a challenge, with an optional TIMESTAMP override. */
export async function claim(
  helper: AuthHelper,
  poolName: string,
  userId: string,
  password: string,
  params: Record<string, string>,
  timestamp = formatTimestamp(Date.now()),
): Promise<{ TIMESTAMP: string; PASSWORD_CLAIM_SIGNATURE: string; PASSWORD_CLAIM_SECRET_BLOCK: string }> {
  const key = await new Promise<Uint8Array>((res, rej) =>
    helper.getPasswordAuthenticationKey(userId, password, new BigInteger(params.SRP_B!, 16), new BigInteger(params.SALT!, 16), (e, k) =>
      e ? rej(e) : res(k),
    ),
  );
  const sig = createHmac('sha256', Buffer.from(key))
    .update(Buffer.concat([Buffer.from(poolName), Buffer.from(userId), Buffer.from(params.SECRET_BLOCK!, 'base64'), Buffer.from(timestamp)]))
    .digest('base64');
  return { TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: sig, PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK! };
}

/** InitiateAuth(USER_SRP_AUTH) + PASSWORD_VERIFIER; returns the raw second answer. */
export async function srpSignIn(
  endpoint: string,
  p: TestPool,
  username: string,
  password: string,
  extra: { deviceKey?: string; timestamp?: string } = {},
): Promise<CallResult> {
  const { helper, A } = await srpA(p.poolName);
  const init = await ok(endpoint, 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: p.clientId,
    AuthParameters: { USERNAME: username, SRP_A: A, ...(secretHash(username, p) ? { SECRET_HASH: secretHash(username, p) } : {}) },
  });
  const params = init.ChallengeParameters as Record<string, string>;
  const uid = params.USER_ID_FOR_SRP!;
  const c = await claim(helper, p.poolName, uid, password, params, extra.timestamp);
  return call(endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: p.clientId,
    Session: init.Session,
    ChallengeResponses: {
      USERNAME: uid,
      ...c,
      ...(extra.deviceKey ? { DEVICE_KEY: extra.deviceKey } : {}),
      ...(secretHash(uid, p) ? { SECRET_HASH: secretHash(uid, p) } : {}),
    },
  });
}

export interface DeviceSecret {
  deviceKey: string;
  deviceGroupKey: string;
  devicePassword: string;
}

/** ConfirmDevice with a verifier made by amazon-cognito-identity-js. */
export async function confirmDevice(endpoint: string, accessToken: string, meta: { DeviceKey: string; DeviceGroupKey: string }): Promise<{ device: DeviceSecret; body: Record<string, any> }> {
  const helper = new AuthenticationHelper(meta.DeviceGroupKey);
  await new Promise<void>((res, rej) => helper.generateHashDevice(meta.DeviceGroupKey, meta.DeviceKey, (e) => (e ? rej(e) : res())));
  const body = await ok(endpoint, 'ConfirmDevice', {
    AccessToken: accessToken,
    DeviceKey: meta.DeviceKey,
    DeviceName: 'vitest',
    DeviceSecretVerifierConfig: {
      Salt: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
      PasswordVerifier: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
    },
  });
  return { device: { deviceKey: meta.DeviceKey, deviceGroupKey: meta.DeviceGroupKey, devicePassword: helper.getRandomPassword() }, body };
}

/** Answers DEVICE_SRP_AUTH then DEVICE_PASSWORD_VERIFIER. */
export async function deviceSrp(endpoint: string, p: TestPool, session: string, username: string, d: DeviceSecret): Promise<CallResult> {
  const { helper, A } = await srpA(d.deviceGroupKey);
  const step1 = await ok(endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'DEVICE_SRP_AUTH',
    ClientId: p.clientId,
    Session: session,
    ChallengeResponses: { USERNAME: username, DEVICE_KEY: d.deviceKey, SRP_A: A },
  });
  const params = step1.ChallengeParameters as Record<string, string>;
  const c = await claim(helper, d.deviceGroupKey, d.deviceKey, d.devicePassword, params);
  return call(endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    ClientId: p.clientId,
    Session: step1.Session,
    ChallengeResponses: { USERNAME: username, DEVICE_KEY: d.deviceKey, ...c },
  });
}

export const totpNow = (secret: string, ms = Date.now()) => totpAt(secret, ms);

export function decodeClaims(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
}
