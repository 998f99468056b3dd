// Referee: Amplify JS v6 (aws-amplify/auth) in node, configured with userPoolEndpoint. Its SRP,
// TOTP and device code must complete against the pool as it does against AWS.
import { afterEach, describe, expect, it } from 'vitest';
import { confirmSignIn, fetchAuthSession, fetchDevices, rememberDevice, signIn, signOut } from 'aws-amplify/auth';
import { configureAmplify } from './helpers/amplify';
import { totpCode } from './helpers/totp';
import { refereeSuite } from './helpers/referee-suite';

const suite = refereeSuite({
  pools: {
    optional: {
      poolName: 'referee-amplify-optional',
      mfa: 'OPTIONAL',
      users: [
        { username: 'amp-totp', kind: 'totp' },
        { username: 'amp-device', kind: 'totp' },
      ],
    },
    required: {
      poolName: 'referee-amplify-required',
      mfa: 'ON',
      users: [{ username: 'amp-enrol', kind: 'ready' }],
    },
  },
});

// Amplify refuses signIn while a user is signed in.
afterEach(async () => signOut());

async function expectSignedInAs(username: string): Promise<void> {
  const { tokens } = await fetchAuthSession();
  expect(tokens?.accessToken.payload['username']).toBe(username);
  expect(tokens?.accessToken.payload['token_use']).toBe('access');
  expect(tokens?.idToken?.payload['cognito:username']).toBe(username);
}

describe('Amplify v6 against the local pool', () => {
  it('signs in with SRP and confirms a TOTP code (CONFIRM_SIGN_IN_WITH_TOTP_CODE)', async () => {
    configureAmplify(suite.pools.optional);
    const { username, password, totpSecret } = suite.user('optional', 'amp-totp');

    const first = await signIn({ username, password });
    expect(first.isSignedIn).toBe(false);
    expect(first.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');

    const done = await confirmSignIn({ challengeResponse: totpCode(totpSecret!, Date.now()) });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await expectSignedInAs(username);
    expect(suite.wire.steps().slice(0, 3)).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->SOFTWARE_TOKEN_MFA',
      'RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->tokens',
    ]);
  });

  it('sets up TOTP when the pool requires MFA (CONTINUE_SIGN_IN_WITH_TOTP_SETUP)', async () => {
    configureAmplify(suite.pools.required);
    const { username, password } = suite.user('required', 'amp-enrol');

    const first = await signIn({ username, password });
    expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    if (first.nextStep.signInStep !== 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') return;
    const secret = first.nextStep.totpSetupDetails.sharedSecret;
    // Booleans, so a failure report never prints the TOTP secret.
    expect(/^[A-Z2-7]{16,}$/.test(secret), 'sharedSecret is base32').toBe(true);
    const uri = first.nextStep.totpSetupDetails.getSetupUri('Referee');
    expect(uri.searchParams.get('secret') === secret, 'setup URI carries the secret').toBe(true);

    // Step -1 keeps the current step's code unused for the second sign-in.
    const done = await confirmSignIn({ challengeResponse: totpCode(secret, Date.now(), -1) });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await expectSignedInAs(username);
    expect(suite.wire.steps().slice(0, 5)).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->MFA_SETUP',
      'AssociateSoftwareToken->200',
      'VerifySoftwareToken->200',
      'RespondToAuthChallenge(MFA_SETUP)->tokens',
    ]);

    await signOut();
    const again = await signIn({ username, password });
    expect(again.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    const confirmed = await confirmSignIn({ challengeResponse: totpCode(secret, Date.now()) });
    expect(confirmed.isSignedIn).toBe(true);
  });

  it('remembers the device, then signs in again without MFA', async () => {
    const storage = configureAmplify(suite.pools.optional);
    const { username, password, totpSecret } = suite.user('optional', 'amp-device');

    expect((await signIn({ username, password })).nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect((await confirmSignIn({ challengeResponse: totpCode(totpSecret!, Date.now()) })).isSignedIn).toBe(true);
    expect(suite.wire.steps()).toContain('ConfirmDevice->200');
    const deviceKeyEntry = storage.keys().find((key) => key.endsWith('.deviceKey'));
    expect(deviceKeyEntry).toBeDefined();
    const deviceKey = await storage.getItem(deviceKeyEntry!);

    await rememberDevice();
    const devices = await fetchDevices();
    expect(devices.map((device) => device.id)).toContain(deviceKey);

    await signOut();
    suite.wire.clear();
    const again = await signIn({ username, password });
    expect(again).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    await expectSignedInAs(username);
    expect(suite.wire.steps().slice(0, 4)).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->DEVICE_SRP_AUTH',
      'RespondToAuthChallenge(DEVICE_SRP_AUTH)->DEVICE_PASSWORD_VERIFIER',
      'RespondToAuthChallenge(DEVICE_PASSWORD_VERIFIER)->tokens',
    ]);
  });
});
