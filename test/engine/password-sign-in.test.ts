// Password sign-in end to end against the local pool: USER_SRP_AUTH (public client, client with a
// secret, e-mail as username, alias), USER_PASSWORD_AUTH, the password prompt, wrong password,
// and token refresh.

import { beforeAll, describe, expect, it } from 'vitest';
import { refreshTokens } from '../../src/cognito/engine';
import { MAX_PASSWORD_ATTEMPTS } from '../../src/cognito/engine/sign-in';
import type { PoolClient } from '../../src/cognito/engine/types';
import {
  PASSWORD,
  answer,
  claims,
  expectPrompt,
  expectSignedIn,
  request,
  harnessForFile,
  startSignIn,
} from './harness';
import { challengesOf } from '../progress-events';

const h = harnessForFile();
let plainPool: string;
let publicClient: PoolClient;
let secretClient: PoolClient;
let emailPool: string;
let emailSecretClient: PoolClient;

beforeAll(async () => {
  plainPool = await h.createPool({ PoolName: 'password-plain', AliasAttributes: ['preferred_username'] });
  publicClient = await h.createClient(plainPool);
  secretClient = await h.createClient(plainPool, { GenerateSecret: true });
  await h.createUser(plainPool, 'alice', { preferred_username: 'ally', email: 'alice@example.com' });
  // Users of the wrong-password tests: their failures count towards the pool's lockout.
  for (const name of ['typo-srp', 'typo-plain', 'typo-many']) await h.createUser(plainPool, name);

  emailPool = await h.createPool({ PoolName: 'password-email', UsernameAttributes: ['email'] });
  emailSecretClient = await h.createClient(emailPool, { GenerateSecret: true });
  await h.createUser(emailPool, 'bob@example.com');
});

describe('USER_SRP_AUTH', () => {
  it('signs in with a public client', async () => {
    const out = expectSignedIn(await startSignIn(h.deps(), request(publicClient, 'alice'), { password: PASSWORD }));
    expect(out.canonicalUsername).toBe('alice');
    expect(claims(out.tokens.accessToken).client_id).toBe(publicClient.clientId);
    expect(out.tokens.refreshToken).toBeTruthy();
    expect(challengesOf(out.events)).toContain('PASSWORD_VERIFIER');
    expect(JSON.stringify(out.events)).not.toContain(PASSWORD);
  });

  it('signs in with a client secret (SECRET_HASH on every request)', async () => {
    expect(secretClient.clientSecret).toBeTruthy();
    const out = expectSignedIn(await startSignIn(h.deps(), request(secretClient, 'alice'), { password: PASSWORD }));
    expect(out.canonicalUsername).toBe('alice');
  });

  it('signs in with a preferred_username alias and learns the canonical username', async () => {
    const out = expectSignedIn(await startSignIn(h.deps(), request(publicClient, 'ally'), { password: PASSWORD }));
    expect(out.canonicalUsername).toBe('alice');
  });

  it('e-mail as username with a client secret: the challenge answers use the UUID username', async () => {
    const out = expectSignedIn(await startSignIn(h.deps(), request(emailSecretClient, 'bob@example.com'), { password: PASSWORD }));
    expect(out.canonicalUsername).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims(out.tokens.idToken).email).toBe('bob@example.com');
  });

  it('a wrong password fails with NotAuthorizedException and no secret in the message', async () => {
    const wrong = 'Wrong-password-1';
    const error = await startSignIn(h.deps(), request(publicClient, 'alice'), { password: wrong }).catch((e: unknown) => e);
    expect(error).toMatchObject({ exception: 'NotAuthorizedException' });
    expect((error as Error).message).not.toContain(wrong);
  });

  it('asks for the password when none is held; the state survives a JSON round trip', async () => {
    const deps = h.deps();
    const { state, prompt } = expectPrompt(await startSignIn(deps, request(publicClient, 'alice'), {}), 'password');
    expect(prompt.username).toBe('alice');
    expect(state.session).toBeUndefined();
    const out = expectSignedIn(await answer(deps, state, { kind: 'password', password: PASSWORD }));
    expect(out.canonicalUsername).toBe('alice');
  });

  it('refuses an answer of the wrong kind', async () => {
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(publicClient, 'alice'), {}), 'password');
    await expect(answer(deps, state, { kind: 'totp-code', code: '123456' })).rejects.toThrow(/answer\.kind/);
  });
});

describe('USER_PASSWORD_AUTH', () => {
  it('signs in with the password sent to the server', async () => {
    const out = expectSignedIn(
      await startSignIn(h.deps(), request(secretClient, 'alice', { flow: 'USER_PASSWORD_AUTH' }), { password: PASSWORD }),
    );
    expect(out.canonicalUsername).toBe('alice');
    expect(out.events[0]).toMatchObject({ kind: 'flow-started', flow: 'USER_PASSWORD_AUTH' });
  });

  it('a wrong password fails with NotAuthorizedException', async () => {
    await expect(
      startSignIn(h.deps(), request(publicClient, 'alice', { flow: 'USER_PASSWORD_AUTH' }), { password: 'Nope-nope-1' }),
    ).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
  });
});

describe('a wrong password typed at the prompt', () => {
  it('USER_SRP_AUTH: asks again with the error and the count; the next answer starts over with a fresh SRP_A', async () => {
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(publicClient, 'typo-srp'), {}), 'password');
    const again = expectPrompt(await answer(deps, state, { kind: 'password', password: 'Wrong-password-1' }), 'password');
    expect(again.prompt.error).toMatchObject({ code: 'incorrect-password', exception: 'NotAuthorizedException', details: { failedAttempts: 1 } });
    expect(again.prompt.username).toBe('typo-srp');
    // Nothing of the refused attempt is carried on: PASSWORD_VERIFIER cannot be answered twice in one session.
    expect(again.state.session).toBeUndefined();
    expect(again.state.challenge).toBeUndefined();
    expect(again.state.passwordAttempts).toBe(1);
    expect(JSON.stringify(again.state)).not.toContain('Wrong-password-1');
    const out = expectSignedIn(await answer(deps, again.state, { kind: 'password', password: PASSWORD }));
    expect(out.canonicalUsername).toBe('typo-srp');
    expect(challengesOf(out.events).filter((c) => c === 'PASSWORD_VERIFIER')).toHaveLength(2);
    expect(out.events.map((e) => e.kind)).toContain('answer-rejected');
  });

  it('USER_PASSWORD_AUTH: asks again too', async () => {
    const deps = h.deps();
    const { state } = expectPrompt(await startSignIn(deps, request(publicClient, 'typo-plain', { flow: 'USER_PASSWORD_AUTH' }), {}), 'password');
    const again = expectPrompt(await answer(deps, state, { kind: 'password', password: 'Nope-nope-1' }), 'password');
    expect(again.prompt.error).toMatchObject({ code: 'incorrect-password', details: { failedAttempts: 1 } });
    expectSignedIn(await answer(deps, again.state, { kind: 'password', password: PASSWORD }));
  });

  it(`ends the sign-in after ${MAX_PASSWORD_ATTEMPTS} refusals, before Cognito's lockout`, async () => {
    const deps = h.deps();
    let { state } = expectPrompt(await startSignIn(deps, request(publicClient, 'typo-many'), {}), 'password');
    for (let i = 1; i < MAX_PASSWORD_ATTEMPTS; i++) {
      const again = expectPrompt(await answer(deps, state, { kind: 'password', password: `Wrong-${i}-password` }), 'password');
      expect(again.prompt.error?.details?.failedAttempts).toBe(i);
      state = again.state;
    }
    await expect(answer(deps, state, { kind: 'password', password: 'Wrong-last-password' })).rejects.toMatchObject({ code: 'incorrect-password' });
  });

  it('a held (stored) password that is wrong still ends the sign-in: nobody typed it', async () => {
    await expect(startSignIn(h.deps(), request(publicClient, 'typo-plain'), { password: 'Stored-but-wrong-1' })).rejects.toMatchObject({ code: 'incorrect-password' });
  });
});

describe('refreshTokens', () => {
  it('refreshes and keeps the old refresh token when none is returned', async () => {
    const deps = h.deps();
    const first = expectSignedIn(await startSignIn(deps, request(publicClient, 'alice'), { password: PASSWORD }));
    const refresh = first.tokens.refreshToken!;
    const next = await refreshTokens(deps, publicClient, refresh);
    expect(next.accessToken).not.toBe('');
    expect(claims(next.accessToken).username).toBe('alice');
    // Rotation is off for this client: no new refresh token comes back, the old one is kept.
    expect(next.refreshToken).toBe(refresh);
    expect(next.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refreshes for a client with a secret in an e-mail-as-username pool', async () => {
    const deps = h.deps();
    const first = expectSignedIn(await startSignIn(deps, request(emailSecretClient, 'bob@example.com'), { password: PASSWORD }));
    const next = await refreshTokens(deps, emailSecretClient, first.tokens.refreshToken!, { canonicalUsername: first.canonicalUsername });
    expect(claims(next.accessToken).username).toBe(first.canonicalUsername);
  });

  it('an invalid refresh token fails with NotAuthorizedException', async () => {
    await expect(refreshTokens(h.deps(), publicClient, 'not-a-refresh-token-at-all')).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
  });
});
