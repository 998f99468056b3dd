// Referee: Amplify JS v6 sets up e-mail MFA during sign-in against the local pool, the way it
// does against AWS (signInHelpers' MFA_SETUP handling): MFA_SETUP offering only EMAIL_OTP →
// CONTINUE_SIGN_IN_WITH_EMAIL_SETUP → the address → EMAIL_OTP → the code from /_local/codes.
// The engine's e-mail set-up (src/cognito/engine/challenges/mfa-setup-email.ts) follows it.
import { beforeAll, describe, expect, it } from 'vitest';
import { SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { configureAmplify } from './helpers/amplify';
import { refereeSuite } from './helpers/referee-suite';

const suite = refereeSuite({
  pools: {
    email: { poolName: 'referee-amplify-email-setup', mfa: 'ON', users: [{ username: 'amp-email', kind: 'ready' }] },
  },
});

beforeAll(async () => {
  // E-mail codes the only factor to set up (TOTP off).
  await suite.sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: suite.pools.email.userPoolId,
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: false },
      EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Code' },
    }),
  );
});

describe('Amplify v6: MFA_SETUP by e-mail against the local pool', () => {
  it('answers MFA_SETUP with EMAIL, then the EMAIL_OTP code', async () => {
    const pool = suite.pools.email;
    configureAmplify(pool);
    const { username, password } = suite.user('email', 'amp-email');

    const first = await signIn({ username, password });
    expect(first.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
    const sent = await confirmSignIn({ challengeResponse: 'amp-email@example.com' });
    expect(sent.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');

    const res = await fetch(`${pool.endpoint.replace(/\/$/, '')}/_local/codes/${pool.userPoolId}/${username}`);
    const { code } = (await res.json()) as { code: string };
    const done = await confirmSignIn({ challengeResponse: code });
    expect(done).toMatchObject({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const { tokens } = await fetchAuthSession();
    expect(tokens?.accessToken.payload['username']).toBe(username);
    // (the wire also holds this test's /_local/codes read and Amplify's ConfirmDevice)
    expect(suite.wire.steps().filter((step) => step.includes('Auth'))).toEqual([
      'InitiateAuth(USER_SRP_AUTH)->PASSWORD_VERIFIER',
      'RespondToAuthChallenge(PASSWORD_VERIFIER)->MFA_SETUP',
      'RespondToAuthChallenge(MFA_SETUP)->EMAIL_OTP',
      'RespondToAuthChallenge(EMAIL_OTP)->tokens',
    ]);
    await signOut();
  });
});
