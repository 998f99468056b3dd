// USER_AUTH end to end against the local pool: a client with a secret and an e-mail alias
// (SELECT_CHALLENGE carries no canonical name; issue 7 item 12), SMS_OTP as first factor, and
// PASSWORD / PASSWORD_SRP asked for by their own ChallengeName when no password is held (item 14).

import { UpdateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoolClient } from '../../src/cognito/engine/types';
import { PASSWORD, answer, claims, expectPrompt, expectSignedIn, request, harnessForFile, startSignIn } from './harness';
import { challengesOf } from '../progress-events';

const h = harnessForFile();
let poolId: string;
let secretClient: PoolClient;
let publicClient: PoolClient;

beforeAll(async () => {
  poolId = await h.createPool({
    PoolName: 'user-auth',
    AliasAttributes: ['email'],
    SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'local' },
  });
  await h.admin.send(
    new UpdateUserPoolCommand({
      UserPoolId: poolId,
      UserPoolTier: 'ESSENTIALS',
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms', ExternalId: 'local' },
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } },
    }),
  );
  secretClient = await h.createClient(poolId, { GenerateSecret: true });
  publicClient = await h.createClient(poolId);
  await h.createUser(poolId, 'zoe', {
    email: 'zoe@example.com',
    email_verified: 'true',
    phone_number: '+15555550142',
    phone_number_verified: 'true',
  });
});

describe('USER_AUTH with a client secret', () => {
  it('signed in by the e-mail alias: SELECT_CHALLENGE (hash over the alias sent), then SRP with the canonical name', async () => {
    expect(secretClient.clientSecret).toBeTruthy();
    const out = expectSignedIn(
      await startSignIn(h.deps(), request(secretClient, 'zoe@example.com', { flow: 'USER_AUTH' }), { password: PASSWORD }),
    );
    expect(out.canonicalUsername).toBe('zoe');
    const challenges = challengesOf(out.events);
    expect(challenges).toContain('SELECT_CHALLENGE');
    expect(out.events).toContainEqual(expect.objectContaining({ kind: 'choosing', choice: 'PASSWORD_SRP' }));
    expect(challenges).toContain('PASSWORD_VERIFIER');
  });

  it('signed in by the e-mail alias with an e-mailed code chosen at SELECT_CHALLENGE', async () => {
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(secretClient, 'zoe@example.com', { flow: 'USER_AUTH' }), {}), 'select-challenge');
    const code = expectPrompt(await answer(deps, state, { kind: 'select-challenge', choice: 'EMAIL_OTP' }), 'email-code');
    const out = expectSignedIn(await answer(deps, code.state, { kind: 'email-code', code: await h.codeFor(poolId, 'zoe') }));
    expect(claims(out.tokens.accessToken).username).toBe('zoe');
  });

  it('signed in by the canonical name with PREFERRED_CHALLENGE PASSWORD_SRP', async () => {
    const out = expectSignedIn(
      await startSignIn(h.deps(), request(secretClient, 'zoe', { flow: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' }), { password: PASSWORD }),
    );
    expect(JSON.stringify(out.events)).not.toContain('SELECT_CHALLENGE');
  });
});

describe('SMS_OTP as first factor', () => {
  it('PREFERRED_CHALLENGE SMS_OTP: the texted code (read back from the pool) signs in; a wrong one is asked again', async () => {
    const deps = h.deps();
    const { state, prompt } = expectPrompt(
      await startSignIn(deps, request(publicClient, 'zoe', { flow: 'USER_AUTH', preferredChallenge: 'SMS_OTP' }), {}),
      'sms-code',
    );
    expect(prompt.challenge).toBe('SMS_OTP');
    expect(prompt.deliveryMedium).toBe('SMS');
    expect(prompt.destination).toMatch(/0142$/);
    const code = await h.codeFor(poolId, 'zoe');
    const again = expectPrompt(await answer(deps, state, { kind: 'sms-code', code: code === '000000' ? '111111' : '000000' }), 'sms-code');
    expect(again.prompt.error?.exception).toBe('CodeMismatchException');
    const out = expectSignedIn(await answer(deps, again.state, { kind: 'sms-code', code }));
    expect(out.canonicalUsername).toBe('zoe');
  });

  it('SMS_OTP chosen at SELECT_CHALLENGE, with the secret client and the alias', async () => {
    const deps = h.deps();
    const { state, prompt } = expectPrompt(await startSignIn(deps, request(secretClient, 'zoe@example.com', { flow: 'USER_AUTH' }), {}), 'select-challenge');
    expect(prompt.options).toEqual(expect.arrayContaining(['SMS_OTP']));
    const code = expectPrompt(await answer(deps, state, { kind: 'select-challenge', choice: 'SMS_OTP' }), 'sms-code');
    const out = expectSignedIn(await answer(deps, code.state, { kind: 'sms-code', code: await h.codeFor(poolId, 'zoe') }));
    expect(out.canonicalUsername).toBe('zoe');
  });
});

describe('PASSWORD and PASSWORD_SRP as ChallengeName', () => {
  it('PREFERRED_CHALLENGE PASSWORD_SRP with no password held: the pool asks PASSWORD_SRP, the typed password answers it by SRP', async () => {
    const deps = h.deps();
    const started = await startSignIn(deps, request(secretClient, 'zoe@example.com', { flow: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' }), {});
    const { state, prompt } = expectPrompt(started, 'password');
    expect(state.challenge?.name).toBe('PASSWORD_SRP');
    expect(prompt.username).toBe('zoe@example.com');
    const out = expectSignedIn(await answer(deps, state, { kind: 'password', password: PASSWORD }));
    expect(out.canonicalUsername).toBe('zoe');
    expect(challengesOf(out.events)).toContain('PASSWORD_VERIFIER');
  });

  it('PASSWORD_SRP asked by the pool, a wrong password typed: asked again, and the right one signs in by a new InitiateAuth', async () => {
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(secretClient, 'zoe', { flow: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' }), {}), 'password');
    const again = expectPrompt(await answer(deps, state, { kind: 'password', password: 'Not-the-password-1' }), 'password');
    expect(again.prompt.error).toMatchObject({ code: 'incorrect-password', details: { failedAttempts: 1 } });
    expect(again.state.challenge).toBeUndefined();
    const out = expectSignedIn(await answer(deps, again.state, { kind: 'password', password: PASSWORD }));
    expect(out.canonicalUsername).toBe('zoe');
  });

  it('PREFERRED_CHALLENGE PASSWORD (the account chose it) with no password held: the pool asks PASSWORD, the typed password answers it', async () => {
    const deps = h.deps();
    const started = await startSignIn(deps, request(secretClient, 'zoe', { flow: 'USER_AUTH', preferredChallenge: 'PASSWORD' }), {});
    const { state } = expectPrompt(started, 'password');
    expect(state.challenge?.name).toBe('PASSWORD');
    const out = expectSignedIn(await answer(deps, state, { kind: 'password', password: PASSWORD }));
    expect(out.canonicalUsername).toBe('zoe');
  });

  it('PREFERRED_CHALLENGE PASSWORD with the password held sends it with InitiateAuth (no extra challenge)', async () => {
    const out = expectSignedIn(
      await startSignIn(h.deps(), request(publicClient, 'zoe', { flow: 'USER_AUTH', preferredChallenge: 'PASSWORD' }), { password: PASSWORD }),
    );
    expect(challengesOf(out.events)).toEqual([]);
  });
});
