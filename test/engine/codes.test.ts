// Codes sent by SMS / e-mail end to end (read back from the local pool's /_local/codes), the
// choice-based USER_AUTH flow, and SELECT_MFA_TYPE.

import {
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  VerifySoftwareTokenCommand,
  SetUserPoolMfaConfigCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoolClient } from '../../src/cognito/engine/types';
import { totpCode } from '../../src/otp/totp';
import { PASSWORD, answer, enrolThroughMfaSetup, expectPrompt, expectSignedIn, request, harnessForFile, startSignIn } from './harness';
import { challengesOf } from '../progress-events';

const h = harnessForFile();
let mfaPool: string;
let mfaClient: PoolClient;
let passwordlessPool: string;
let passwordlessClient: PoolClient;

beforeAll(async () => {
  mfaPool = await h.createPool({ PoolName: 'codes-mfa' });
  await h.admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: mfaPool,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'local' } },
      EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Code' },
    }),
  );
  mfaClient = await h.createClient(mfaPool, { GenerateSecret: true });

  passwordlessPool = await h.createPool({ PoolName: 'codes-user-auth' });
  await h.admin.send(
    new UpdateUserPoolCommand({
      UserPoolId: passwordlessPool,
      UserPoolTier: 'ESSENTIALS',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    }),
  );
  passwordlessClient = await h.createClient(passwordlessPool);
  await h.createUser(passwordlessPool, 'erin', { email: 'erin@example.com', email_verified: 'true' });
});

async function mfaUser(name: string, attributes: Record<string, string>, prefs: { sms?: boolean; email?: boolean }): Promise<void> {
  await h.createUser(mfaPool, name, attributes);
  await h.admin.send(
    new AdminSetUserMFAPreferenceCommand({
      UserPoolId: mfaPool,
      Username: name,
      ...(prefs.sms ? { SMSMfaSettings: { Enabled: true, PreferredMfa: true } } : {}),
      ...(prefs.email ? { EmailMfaSettings: { Enabled: true, PreferredMfa: !prefs.sms } } : {}),
    }),
  );
}

describe('SMS_MFA', () => {
  it('prompts with the masked destination; a wrong code is asked again; the sent code signs in', async () => {
    await mfaUser('frank', { phone_number: '+15555550123', phone_number_verified: 'true' }, { sms: true });
    const deps = h.deps();
    const { state, prompt } = expectPrompt(await startSignIn(deps, request(mfaClient, 'frank'), { password: PASSWORD }), 'sms-code');
    expect(prompt.challenge).toBe('SMS_MFA');
    expect(prompt.deliveryMedium).toBe('SMS');
    expect(prompt.destination).toMatch(/0123$/);
    expect(prompt.destination).not.toContain('555555');

    const code = await h.codeFor(mfaPool, 'frank');
    const wrong = code === '000000' ? '111111' : '000000';
    const again = expectPrompt(await answer(deps, state, { kind: 'sms-code', code: wrong }), 'sms-code');
    expect(again.prompt.error?.exception).toBe('CodeMismatchException');
    const out = expectSignedIn(await answer(deps, again.state, { kind: 'sms-code', code }));
    expect(out.canonicalUsername).toBe('frank');
  });
});

describe('EMAIL_OTP as MFA', () => {
  it('prompts for the e-mailed code and signs in with it', async () => {
    await mfaUser('gina', { email: 'gina@example.com', email_verified: 'true' }, { email: true });
    const deps = h.deps();
    const { state, prompt } = expectPrompt(await startSignIn(deps, request(mfaClient, 'gina'), { password: PASSWORD }), 'email-code');
    expect(prompt.challenge).toBe('EMAIL_OTP');
    expect(prompt.destination).toBeTruthy();
    const out = expectSignedIn(await answer(deps, state, { kind: 'email-code', code: await h.codeFor(mfaPool, 'gina') }));
    expect(out.canonicalUsername).toBe('gina');
  });
});

describe('SELECT_MFA_TYPE', () => {
  it('asks which factor when no TOTP secret is held, and chooses TOTP when one is', async () => {
    await mfaUser('hank', { phone_number: '+15555550199', phone_number_verified: 'true', email: 'hank@example.com', email_verified: 'true' }, {});
    await h.admin.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: mfaPool,
        Username: 'hank',
        SMSMfaSettings: { Enabled: true, PreferredMfa: false },
        EmailMfaSettings: { Enabled: true, PreferredMfa: false },
      }),
    );
    const deps = h.deps();
    const { state, prompt } = expectPrompt(await startSignIn(deps, request(mfaClient, 'hank'), { password: PASSWORD }), 'select-mfa-type');
    expect(prompt.options).toEqual(expect.arrayContaining(['SMS_MFA', 'EMAIL_OTP']));
    const bad = expectPrompt(await answer(deps, state, { kind: 'select-mfa-type', choice: 'CARRIER_PIGEON' }), 'select-mfa-type');
    expect(bad.prompt.error?.code).toBe('invalid-choice');
    const emailPrompt = expectPrompt(await answer(deps, bad.state, { kind: 'select-mfa-type', choice: 'EMAIL_OTP' }), 'email-code');
    const out = expectSignedIn(await answer(deps, emailPrompt.state, { kind: 'email-code', code: await h.codeFor(mfaPool, 'hank') }));
    expect(out.canonicalUsername).toBe('hank');

    // Now give hank an authenticator as a third factor, none of them preferred, and hold its secret.
    const associated = await h.admin.send(new AssociateSoftwareTokenCommand({ AccessToken: out.tokens.accessToken }));
    const secret = associated.SecretCode!;
    const verified = await h.admin.send(
      new VerifySoftwareTokenCommand({ AccessToken: out.tokens.accessToken, UserCode: totpCode(secret, {}, Date.now()) }),
    );
    expect(verified.Status).toBe('SUCCESS');
    await h.admin.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: mfaPool,
        Username: 'hank',
        SMSMfaSettings: { Enabled: true, PreferredMfa: false },
        EmailMfaSettings: { Enabled: true, PreferredMfa: false },
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
      }),
    );
    // With the secret held the engine answers SELECT_MFA_TYPE with TOTP and the code by itself: no prompt.
    const auto = expectSignedIn(await startSignIn(h.deps(), request(mfaClient, 'hank'), { password: PASSWORD, totpSecret: secret }));
    const challenges = challengesOf(auto.events);
    expect(challenges).toContain('SELECT_MFA_TYPE');
    expect(auto.events).toContainEqual(expect.objectContaining({ kind: 'choosing', choice: 'SOFTWARE_TOKEN_MFA' }));
    expect(challenges).toContain('SOFTWARE_TOKEN_MFA');
    expect(auto.canonicalUsername).toBe('hank');
  });
});

describe('USER_AUTH', () => {
  it('SELECT_CHALLENGE: with a password held the engine picks PASSWORD_SRP by itself', async () => {
    const out = expectSignedIn(
      await startSignIn(h.deps(), request(passwordlessClient, 'erin', { flow: 'USER_AUTH' }), { password: PASSWORD }),
    );
    const challenges = challengesOf(out.events);
    expect(challenges).toContain('SELECT_CHALLENGE');
    expect(challenges).toContain('PASSWORD_VERIFIER');
  });

  it('SELECT_CHALLENGE without a password: the person picks EMAIL_OTP and types the code', async () => {
    const deps = h.deps();
    const { state, prompt } = expectPrompt(
      await startSignIn(deps, request(passwordlessClient, 'erin', { flow: 'USER_AUTH' }), {}),
      'select-challenge',
    );
    expect(prompt.options).toEqual(expect.arrayContaining(['EMAIL_OTP']));
    const noPassword = expectPrompt(await answer(deps, state, { kind: 'select-challenge', choice: 'PASSWORD' }), 'select-challenge');
    expect(noPassword.prompt.error?.code).toBe('password-required');
    const codePrompt = expectPrompt(await answer(deps, noPassword.state, { kind: 'select-challenge', choice: 'EMAIL_OTP' }), 'email-code');
    const out = expectSignedIn(
      await answer(deps, codePrompt.state, { kind: 'email-code', code: await h.codeFor(passwordlessPool, 'erin') }),
    );
    expect(out.canonicalUsername).toBe('erin');
  });

  it('SELECT_CHALLENGE answered with a typed password (PASSWORD)', async () => {
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(passwordlessClient, 'erin', { flow: 'USER_AUTH' }), {}), 'select-challenge');
    const out = expectSignedIn(await answer(deps, state, { kind: 'select-challenge', choice: 'PASSWORD', password: PASSWORD }));
    expect(out.canonicalUsername).toBe('erin');
  });

  it('PREFERRED_CHALLENGE PASSWORD_SRP goes straight to the password verifier', async () => {
    const out = expectSignedIn(
      await startSignIn(h.deps(), request(passwordlessClient, 'erin', { flow: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' }), {
        password: PASSWORD,
      }),
    );
    expect(JSON.stringify(out.events)).not.toContain('SELECT_CHALLENGE');
  });

  it('PREFERRED_CHALLENGE WEB_AUTHN is refused before anything is sent', async () => {
    await expect(
      startSignIn(h.deps(), request(passwordlessClient, 'erin', { flow: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' }), {}),
    ).rejects.toThrow('WebAuthn (passkey) sign-in is not supported yet');
  });
});

describe('TOTP in an OPTIONAL-MFA pool', () => {
  it('MFA_SETUP is not asked when MFA is optional; enrolment is not forced', async () => {
    await h.createUser(mfaPool, 'ivy');
    const out = expectSignedIn(await startSignIn(h.deps(), request(mfaClient, 'ivy'), { password: PASSWORD }));
    expect(out.enrolledTotpSecret).toBeUndefined();
    // enrolThroughMfaSetup is for MFA "ON" pools; here it must not find a set-up prompt.
    await expect(enrolThroughMfaSetup(h.deps(), mfaClient, 'ivy')).rejects.toThrow(/mfa-setup/);
  });
});
