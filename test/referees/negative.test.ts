// Referee, failure side: through the official clients, each wrong answer must fail with the
// exception AWS gives, at the step where AWS gives it.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { signIn } from 'aws-amplify/auth';
import { NotAuthorizedException } from '@aws-sdk/client-cognito-identity-provider';
import { SteppingClock } from './helpers/local-pool';
import { AUTH_SESSION_VALIDITY_MINUTES, randomPassword } from './helpers/setup';
import {
  deviceStorageKeys,
  identityClient,
  rememberDevice,
  sendTotpCode,
  signInSrp,
} from './helpers/identity-js';
import { configureAmplify } from './helpers/amplify';
import { failureOf } from './helpers/expect-failure';
import { passwordSignIn, publicClientOf } from './helpers/sdk-sign-in';
import { refereeSuite } from './helpers/referee-suite';
import { totpCode, wrongTotpCode } from './helpers/totp';

const clock = new SteppingClock();
const suite = refereeSuite({
  server: { now: clock.now },
  pools: {
    negative: {
      poolName: 'referee-negative',
      mfa: 'OPTIONAL',
      users: [
        { username: 'forgetful', kind: 'ready' },
        { username: 'typo', kind: 'totp' },
        { username: 'replayer', kind: 'totp' },
        { username: 'tampered', kind: 'totp' },
        { username: 'slowpoke', kind: 'totp' },
      ],
    },
  },
});
const pool = () => suite.pools.negative;
const seeded = (name: string) => suite.user('negative', name);

const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };

describe('wrong password', () => {
  it('amazon-cognito-identity-js: NotAuthorizedException at PASSWORD_VERIFIER', async () => {
    const { username } = seeded('forgetful');
    const err = await failureOf(signInSrp(identityClient(pool()).user(username), username, randomPassword()));
    expect(err).toMatchObject({ ...INCORRECT, code: 'NotAuthorizedException' });
    expect(suite.wire.steps()).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->NotAuthorizedException',
    ]);
  });

  it('Amplify v6: NotAuthorizedException', async () => {
    configureAmplify(pool());
    const { username } = seeded('forgetful');
    const err = await failureOf(signIn({ username, password: randomPassword() }));
    expect(err).toMatchObject(INCORRECT);
  });

  it('AWS SDK v3 (USER_PASSWORD_AUTH): a typed NotAuthorizedException', async () => {
    const { username } = seeded('forgetful');
    const err = await failureOf(passwordSignIn(suite.sdk, publicClientOf(pool()), username, randomPassword()));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err).toMatchObject(INCORRECT);
  });
});

describe('TOTP codes', () => {
  it('a wrong code is CodeMismatchException', async () => {
    const { username, password, totpSecret } = seeded('typo');
    const user = identityClient(pool()).user(username);
    expect((await signInSrp(user, username, password)).kind).toBe('totp-required');

    const err = await failureOf(sendTotpCode(user, wrongTotpCode(totpSecret!, clock.now())));
    expect(err).toMatchObject({ name: 'CodeMismatchException', message: 'Invalid code received for user' });
  });

  it('a code already used once is refused the second time', async () => {
    const { username, password, totpSecret } = seeded('replayer');
    const code = totpCode(totpSecret!, clock.now());

    const first = identityClient(pool()).user(username);
    expect((await signInSrp(first, username, password)).kind).toBe('totp-required');
    expect((await sendTotpCode(first, code)).kind).toBe('signed-in');

    const second = identityClient(pool()).user(username);
    expect((await signInSrp(second, username, password)).kind).toBe('totp-required');
    const err = await failureOf(sendTotpCode(second, code));
    // Cognito refuses a replayed software-token code (RFC 6238 §5.2) with ExpiredCodeException.
    expect(err).toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
    });
  });
});

describe('remembered device', () => {
  it('a tampered device password fails at DEVICE_PASSWORD_VERIFIER with NotAuthorizedException', async () => {
    const { username, password, totpSecret } = seeded('tampered');
    const client = identityClient(pool());
    const first = client.user(username);
    expect((await signInSrp(first, username, password)).kind).toBe('totp-required');
    expect((await sendTotpCode(first, totpCode(totpSecret!, clock.now()))).kind).toBe('signed-in');
    expect(await rememberDevice(first)).toBe('SUCCESS');

    const keys = deviceStorageKeys(pool().clientId, username);
    const genuine = client.storage.getItem(keys.devicePassword);
    expect(genuine).toBeTruthy();
    let forged = randomBytes(40).toString('base64');
    while (forged === genuine) forged = randomBytes(40).toString('base64');
    client.storage.setItem(keys.devicePassword, forged);

    suite.wire.clear();
    const err = await failureOf(signInSrp(client.user(username), username, password));
    expect(err).toMatchObject({ name: 'NotAuthorizedException' });
    expect(suite.wire.steps()).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->DEVICE_SRP_AUTH',
      'RespondToAuthChallenge(DEVICE_SRP_AUTH)->DEVICE_PASSWORD_VERIFIER',
      'RespondToAuthChallenge(DEVICE_PASSWORD_VERIFIER)->NotAuthorizedException',
    ]);
  });
});

// Last in the file: it moves the pool's clock forward for good.
describe('session lifetime', () => {
  it('answering after AuthSessionValidity is NotAuthorizedException "session is expired"', async () => {
    const { username, password, totpSecret } = seeded('slowpoke');
    const user = identityClient(pool()).user(username);
    expect((await signInSrp(user, username, password)).kind).toBe('totp-required');

    clock.advance(AUTH_SESSION_VALIDITY_MINUTES * 60_000 + 5_000);
    // The code is right for the pool's (advanced) clock: only the session is stale.
    const err = await failureOf(sendTotpCode(user, totpCode(totpSecret!, clock.now())));
    expect(err).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });
});
