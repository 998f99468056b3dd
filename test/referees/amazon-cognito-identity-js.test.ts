// Referee: amazon-cognito-identity-js 6 in node (global fetch). Each flow below is what the
// library does against AWS; the pool must carry it to tokens without the library noticing a
// difference.
import { describe, expect, it } from 'vitest';
import { randomPassword } from './helpers/setup';
import {
  associateSoftwareToken,
  completeNewPassword,
  deviceStorageKeys,
  identityClient,
  preferTotp,
  rememberDevice,
  sendTotpCode,
  signInSrp,
  verifySoftwareToken,
} from './helpers/identity-js';
import { totpCode } from './helpers/totp';
import { refereeSuite } from './helpers/referee-suite';

const suite = refereeSuite({
  pools: {
    optional: {
      poolName: 'referee-identity-optional',
      mfa: 'OPTIONAL',
      users: [
        { username: 'plain', kind: 'ready' },
        { username: 'totp-user', kind: 'totp' },
        { username: 'device-user', kind: 'totp' },
        { username: 'fresh', kind: 'temporary' },
      ],
    },
    required: {
      poolName: 'referee-identity-required',
      mfa: 'ON',
      users: [{ username: 'enrol', kind: 'ready' }],
    },
  },
});

describe('amazon-cognito-identity-js against the local pool', () => {
  it('signs in with SRP and confirms the new device', async () => {
    const { username, password } = suite.user('optional', 'plain');
    const client = identityClient(suite.pools.optional);
    const step = await signInSrp(client.user(username), username, password);

    expect(step.kind).toBe('signed-in');
    if (step.kind !== 'signed-in') return;
    expect(step.session.isValid()).toBe(true);
    expect(step.session.getIdToken().decodePayload()['cognito:username']).toBe('plain');
    expect(step.session.getAccessToken().decodePayload()['token_use']).toBe('access');
    // The pool tracks devices "on user prompt": the device is confirmed but not yet remembered.
    expect(step.userConfirmationNecessary).toBe(true);
    expect(suite.wire.steps()).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->tokens',
      'ConfirmDevice->200',
    ]);
  });

  it('answers SOFTWARE_TOKEN_MFA with a TOTP code', async () => {
    const { username, password, totpSecret } = suite.user('optional', 'totp-user');
    const user = identityClient(suite.pools.optional).user(username);

    expect((await signInSrp(user, username, password)).kind).toBe('totp-required');
    const done = await sendTotpCode(user, totpCode(totpSecret!, Date.now()));
    expect(done.kind).toBe('signed-in');
    expect(suite.wire.steps().slice(0, 3)).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->SOFTWARE_TOKEN_MFA',
      'RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->tokens',
    ]);
  });

  it('sets up TOTP during sign-in (MFA_SETUP), then prefers it', async () => {
    const { username, password } = suite.user('required', 'enrol');
    const client = identityClient(suite.pools.required);
    const user = client.user(username);

    expect((await signInSrp(user, username, password)).kind).toBe('mfa-setup');
    const secret = await associateSoftwareToken(user);
    expect(/^[A-Z2-7]{16,}$/.test(secret), 'SecretCode is base32').toBe(true);
    // Step -1 keeps the current step's code unused for the sign-in below.
    const session = await verifySoftwareToken(user, totpCode(secret, Date.now(), -1));
    expect(session.isValid()).toBe(true);
    expect(await preferTotp(user)).toBe('SUCCESS');
    expect(suite.wire.steps().slice(0, 5)).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->MFA_SETUP',
      'AssociateSoftwareToken->200',
      'VerifySoftwareToken->200',
      'RespondToAuthChallenge(MFA_SETUP)->tokens',
    ]);

    // The enrolled factor is now what the pool asks for.
    const again = identityClient(suite.pools.required).user(username);
    expect((await signInSrp(again, username, password)).kind).toBe('totp-required');
    expect((await sendTotpCode(again, totpCode(secret, Date.now()))).kind).toBe('signed-in');
  });

  it('remembers the device, then signs in by device SRP without MFA', async () => {
    const { username, password, totpSecret } = suite.user('optional', 'device-user');
    const client = identityClient(suite.pools.optional);
    const first = client.user(username);

    expect((await signInSrp(first, username, password)).kind).toBe('totp-required');
    const signedIn = await sendTotpCode(first, totpCode(totpSecret!, Date.now()));
    expect(signedIn).toMatchObject({ kind: 'signed-in', userConfirmationNecessary: true });
    const keys = deviceStorageKeys(suite.pools.optional.clientId, username);
    expect(client.storage.getItem(keys.deviceKey)).toMatch(/^us-east-1_[0-9a-f-]+$/);
    expect(await rememberDevice(first)).toBe('SUCCESS');

    suite.wire.clear();
    const second = client.user(username);
    const step = await signInSrp(second, username, password);
    expect(step.kind).toBe('signed-in');
    expect(suite.wire.steps()).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->DEVICE_SRP_AUTH',
      'RespondToAuthChallenge(DEVICE_SRP_AUTH)->DEVICE_PASSWORD_VERIFIER',
      'RespondToAuthChallenge(DEVICE_PASSWORD_VERIFIER)->tokens',
    ]);
  });

  it('completes NEW_PASSWORD_REQUIRED, and the new password then works', async () => {
    const { username, password: temporary } = suite.user('optional', 'fresh');
    const user = identityClient(suite.pools.optional).user(username);

    const step = await signInSrp(user, username, temporary);
    expect(step.kind).toBe('new-password-required');
    if (step.kind !== 'new-password-required') return;
    expect(step.userAttributes['email']).toBe('fresh@example.com');

    const chosen = randomPassword();
    expect((await completeNewPassword(user, chosen)).kind).toBe('signed-in');

    const later = identityClient(suite.pools.optional).user(username);
    expect((await signInSrp(later, username, chosen)).kind).toBe('signed-in');
  });
});
