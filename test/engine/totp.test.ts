// TOTP end to end: MFA_SETUP enrols the extension's own secret, later sign-ins answer
// SOFTWARE_TOKEN_MFA from it, manual approval, and the typed-code path with a wrong code.
//
// Cognito accepts each 30-second step once (and one step early or late), so every test uses its
// own user: a user's codes are spent by the enrolment and at most one sign-in per step.

import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoolClient } from '../../src/cognito/engine/types';
import { parseOtpauthUri } from '../../src/otp/otpauth-uri';
import { totpCode } from '../../src/otp/totp';
import { PASSWORD, POLICY, answer, enrolThroughMfaSetup, expectPrompt, expectSignedIn, request, harnessForFile, startSignIn } from './harness';
import { challengesOf, kindsOf } from '../progress-events';

const h = harnessForFile();
let poolId: string;
let client: PoolClient;
let newUser: () => Promise<string>;

beforeAll(async () => {
  poolId = await h.createPool({ PoolName: 'totp' });
  await h.requireTotp(poolId);
  newUser = h.userMaker(poolId, 'totp-user');
  client = await h.createClient(poolId, { GenerateSecret: true });
});


describe('MFA_SETUP', () => {
  it('enrols the extension as the authenticator and makes TOTP the preferred MFA', async () => {
    const username = await newUser();
    const out = await enrolThroughMfaSetup(h.deps(), client, username);
    expect(out.enrolledTotpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    const uri = parseOtpauthUri(out.enrolledTotpUri!);
    expect(uri.secret).toBe(out.enrolledTotpSecret);
    expect(uri.account).toBe(username);
    expect(kindsOf(out.events)).toContain('totp-preferred');
    expect(JSON.stringify(out.events)).not.toContain(out.enrolledTotpSecret);

    const user = await h.admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(user.UserMFASettingList).toContain('SOFTWARE_TOKEN_MFA');
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('a second sign-in answers SOFTWARE_TOKEN_MFA from the enrolled secret by itself', async () => {
    const username = await newUser();
    const deps = h.deps();
    const enrolled = await enrolThroughMfaSetup(deps, client, username);
    const out = expectSignedIn(
      await startSignIn(deps, request(client, username), { password: PASSWORD, totpSecret: enrolled.enrolledTotpSecret! }),
    );
    expect(challengesOf(out.events)).toContain('SOFTWARE_TOKEN_MFA');
    expect(kindsOf(out.events)).toContain('totp-answering');
  });

  it('declining the set-up ends the flow as denied', async () => {
    const username = await newUser();
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(client, username), { password: PASSWORD }), 'mfa-setup');
    await expect(answer(deps, state, { kind: 'mfa-setup', approve: false }, { password: PASSWORD })).rejects.toMatchObject({ code: 'denied' });
  });
});

describe('manual approval (autoAnswer: false)', () => {
  it('asks before answering TOTP; approval signs in', async () => {
    const username = await newUser();
    const deps = h.deps();
    const { enrolledTotpSecret } = await enrolThroughMfaSetup(deps, client, username);
    const secrets = { password: PASSWORD, totpSecret: enrolledTotpSecret! };
    const started = await startSignIn(deps, request(client, username, { policy: { ...POLICY, autoAnswer: false } }), secrets);
    const { state, prompt } = expectPrompt(started, 'approve');
    expect(prompt.action).toBe('totp');
    expect(prompt.challenge).toBe('SOFTWARE_TOKEN_MFA');
    expect(JSON.stringify(state)).not.toContain(PASSWORD);
    const out = expectSignedIn(await answer(deps, state, { kind: 'approve', approve: true }, secrets));
    expect(out.canonicalUsername).toBe(username);
  });

  it('asks before answering TOTP; denial ends the flow as denied', async () => {
    const username = await newUser();
    const deps = h.deps();
    const { enrolledTotpSecret } = await enrolThroughMfaSetup(deps, client, username);
    const secrets = { password: PASSWORD, totpSecret: enrolledTotpSecret! };
    const started = await startSignIn(deps, request(client, username, { policy: { ...POLICY, autoAnswer: false } }), secrets);
    const { state } = expectPrompt(started, 'approve');
    const error = await answer(deps, state, { kind: 'approve', approve: false }, secrets).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'denied' });
    expect((error as Error).message).toMatch(/denied/i);
  });
});

describe('SOFTWARE_TOKEN_MFA without a held secret', () => {
  it('prompts for the code; a wrong code brings the same prompt back with the error', async () => {
    const username = await newUser();
    const deps = h.deps();
    const { enrolledTotpSecret } = await enrolThroughMfaSetup(deps, client, username);
    const secret = enrolledTotpSecret!;
    const { state } = expectPrompt(await startSignIn(deps, request(client, username), { password: PASSWORD }), 'totp-code');

    const now = deps.clock.now();
    const valid = new Set([-1, 0, 1].map((d) => totpCode(secret, {}, now + d * 30_000)));
    let wrong = '000000';
    while (valid.has(wrong)) wrong = String(Number(wrong) + 1).padStart(6, '0');
    const again = expectPrompt(await answer(deps, state, { kind: 'totp-code', code: wrong }), 'totp-code');
    expect(again.prompt.error?.exception).toBe('CodeMismatchException');
    expect(again.state.session).toBe(state.session);

    const malformed = expectPrompt(await answer(deps, again.state, { kind: 'totp-code', code: '12ab' }), 'totp-code');
    expect(malformed.prompt.error?.code).toBe('invalid-code');

    // The next step's code: the enrolment may have used the current one.
    const code = totpCode(secret, {}, deps.clock.now() + 30_000);
    const out = expectSignedIn(await answer(deps, malformed.state, { kind: 'totp-code', code }));
    expect(out.canonicalUsername).toBe(username);
  });
});
