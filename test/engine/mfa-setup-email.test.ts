// MFA_SETUP without TOTP end to end against the local pool (issue 7 item 13): EMAIL_OTP set up
// as Amplify v6 does it (MFA_SETUP answered with EMAIL, then the EMAIL_OTP code the person types,
// read back from the pool's /_local/codes), and an SMS-only set-up ending with its own error.

import { AdminGetUserCommand, SetUserPoolMfaConfigCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/cognito/errors';
import type { PoolClient } from '../../src/cognito/engine/types';
import { PASSWORD, answer, expectPrompt, expectSignedIn, request, harnessForFile, startSignIn } from './harness';

const h = harnessForFile();
let emailPool: string;
let emailClient: PoolClient;
let smsPool: string;
let smsClient: PoolClient;
let bothPool: string;
let bothClient: PoolClient;

const SMS = { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'local' } };
const EMAIL = { Message: 'Your code is {####}', Subject: 'Code' };

beforeAll(async () => {
  emailPool = await h.createPool({ PoolName: 'mfa-setup-email' });
  await h.admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: emailPool, MfaConfiguration: 'ON', EmailMfaConfiguration: EMAIL }));
  emailClient = await h.createClient(emailPool, { GenerateSecret: true });

  smsPool = await h.createPool({ PoolName: 'mfa-setup-sms' });
  await h.admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: smsPool, MfaConfiguration: 'ON', SmsMfaConfiguration: SMS }));
  smsClient = await h.createClient(smsPool);

  bothPool = await h.createPool({ PoolName: 'mfa-setup-both' });
  await h.admin.send(
    new SetUserPoolMfaConfigCommand({ UserPoolId: bothPool, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true }, EmailMfaConfiguration: EMAIL }),
  );
  bothClient = await h.createClient(bothPool);
});

describe('MFA_SETUP offering EMAIL_OTP only', () => {
  it('asks for the address, answers MFA_SETUP with EMAIL, then signs in with the e-mailed code', async () => {
    await h.createUser(emailPool, 'emma');
    const deps = h.deps();
    const { state, prompt } = expectPrompt(await startSignIn(deps, request(emailClient, 'emma'), { password: PASSWORD }), 'mfa-setup');
    expect(prompt.methods).toEqual(['EMAIL_OTP']);

    // consent alone is not enough: the address is needed
    const noAddress = expectPrompt(await answer(deps, state, { kind: 'mfa-setup', approve: true }, { password: PASSWORD }), 'mfa-setup');
    expect(noAddress.prompt.error?.code).toBe('email-required');

    const codePrompt = expectPrompt(
      await answer(deps, noAddress.state, { kind: 'mfa-setup', approve: true, email: 'emma@example.com' }, { password: PASSWORD }),
      'email-code',
    );
    expect(codePrompt.prompt.challenge).toBe('EMAIL_OTP');
    expect(codePrompt.prompt.deliveryMedium).toBe('EMAIL');
    const out = expectSignedIn(await answer(deps, codePrompt.state, { kind: 'email-code', code: await h.codeFor(emailPool, 'emma') }));
    expect(out.canonicalUsername).toBe('emma');
    expect(out.enrolledTotpSecret).toBeUndefined();

    const user = await h.admin.send(new AdminGetUserCommand({ UserPoolId: emailPool, Username: 'emma' }));
    expect(user.UserMFASettingList).toContain('EMAIL_OTP');
    expect(user.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe('emma@example.com');
  });

  it('declining the set-up ends the sign-in (SignInDenied)', async () => {
    await h.createUser(emailPool, 'emil');
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(emailClient, 'emil'), { password: PASSWORD }), 'mfa-setup');
    await expect(answer(deps, state, { kind: 'mfa-setup', approve: false, email: 'emil@example.com' })).rejects.toMatchObject({ code: 'denied' });
  });
});

describe('MFA_SETUP offering TOTP and EMAIL_OTP', () => {
  it('the person may choose e-mail by giving an address', async () => {
    await h.createUser(bothPool, 'eddie');
    const deps = h.deps();
    const { state, prompt } = expectPrompt(await startSignIn(deps, request(bothClient, 'eddie'), { password: PASSWORD }), 'mfa-setup');
    expect(prompt.methods).toEqual(expect.arrayContaining(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']));
    const codePrompt = expectPrompt(await answer(deps, state, { kind: 'mfa-setup', approve: true, email: 'eddie@example.com' }), 'email-code');
    const out = expectSignedIn(await answer(deps, codePrompt.state, { kind: 'email-code', code: await h.codeFor(bothPool, 'eddie') }));
    expect(out.enrolledTotpSecret).toBeUndefined();
  });

  it('plain consent still enrols this extension as the authenticator', async () => {
    await h.createUser(bothPool, 'edna');
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(bothClient, 'edna'), { password: PASSWORD }), 'mfa-setup');
    const out = expectSignedIn(await answer(deps, state, { kind: 'mfa-setup', approve: true }, { password: PASSWORD }));
    expect(out.enrolledTotpSecret).toMatch(/^[A-Z2-7]{16,}$/);
  });
});

describe('MFA_SETUP offering SMS_MFA only', () => {
  it('ends with its own error that names what is missing', async () => {
    await h.createUser(smsPool, 'sam');
    const error = await startSignIn(h.deps(), request(smsClient, 'sam'), { password: PASSWORD }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'mfa-setup-unavailable' });
    const e = error as AppError;
    expect(e.code).toBe('mfa-setup-unavailable');
    expect(e.message).toContain('SMS_MFA');
    expect(e.message).toContain('phone number (phone_number)');
    expect(e.message).toContain('SOFTWARE_TOKEN_MFA');
    expect(e.message).toContain('EMAIL_OTP');
  });
});
