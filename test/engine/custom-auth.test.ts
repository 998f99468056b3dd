// CUSTOM_AUTH end to end with the pool's Lambda-trigger stand-ins: a quiz trigger set written to
// a temporary triggers directory (plain CUSTOM_AUTH), and one that asks for SRP first
// (CUSTOM_AUTH with CHALLENGE_NAME = SRP_A).

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoolClient } from '../../src/cognito/engine/types';
import { PASSWORD, answer, expectPrompt, expectSignedIn, request, startHarness, startSignIn, type Harness } from './harness';
import { challengesOf } from '../progress-events';

// DefineAuthChallenge: (PASSWORD_VERIFIER first when SRP_A started the session), then up to
// three CUSTOM_CHALLENGE rounds; tokens after a correct answer.
const DEFINE = `
export async function handler(event) {
  const session = event.request.session;
  const last = session[session.length - 1];
  if (last && last.challengeName === 'SRP_A') { event.response.challengeName = 'PASSWORD_VERIFIER'; return event; }
  if (last && last.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) { event.response.issueTokens = true; return event; }
  if (session.filter((s) => s.challengeName === 'CUSTOM_CHALLENGE').length >= 3) { event.response.failAuthentication = true; return event; }
  event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
}`;
const CREATE = `
export async function handler(event) {
  event.response.publicChallengeParameters = { question: 'What is 6 x 7?' };
  event.response.privateChallengeParameters = { answer: '42' };
  event.response.challengeMetadata = 'QUIZ';
  return event;
}`;
const VERIFY = `
export async function handler(event) {
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
}`;

let h: Harness;
let dir: string;
let client: PoolClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'engine-triggers-'));
  mkdirSync(join(dir, 'custom-quiz'));
  writeFileSync(join(dir, 'custom-quiz', 'define-auth-challenge.mjs'), DEFINE);
  writeFileSync(join(dir, 'custom-quiz', 'create-auth-challenge.mjs'), CREATE);
  writeFileSync(join(dir, 'custom-quiz', 'verify-auth-challenge-response.mjs'), VERIFY);
  h = await startHarness({ triggersDir: dir });
  const poolId = await h.createPool({ PoolName: 'custom-quiz' });
  client = await h.createClient(poolId, { GenerateSecret: true });
  await h.createUser(poolId, 'quinn');
});

afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('CUSTOM_AUTH', () => {
  it('shows the public challenge parameters and signs in with the right answer after a wrong one', async () => {
    const deps = h.deps();
    const first = expectPrompt(await startSignIn(deps, request(client, 'quinn', { flow: 'CUSTOM_AUTH' }), {}), 'custom-challenge');
    expect(first.prompt.parameters).toEqual({ question: 'What is 6 x 7?' });
    const second = expectPrompt(await answer(deps, first.state, { kind: 'custom-challenge', answer: '41' }), 'custom-challenge');
    expect(second.state.session).not.toBe(first.state.session);
    const out = expectSignedIn(await answer(deps, second.state, { kind: 'custom-challenge', answer: '42' }));
    expect(out.canonicalUsername).toBe('quinn');
  });

  it('fails with NotAuthorizedException when the trigger gives up', async () => {
    const deps = h.deps();
    let step = expectPrompt(await startSignIn(deps, request(client, 'quinn', { flow: 'CUSTOM_AUTH' }), {}), 'custom-challenge');
    step = expectPrompt(await answer(deps, step.state, { kind: 'custom-challenge', answer: 'no' }), 'custom-challenge');
    step = expectPrompt(await answer(deps, step.state, { kind: 'custom-challenge', answer: 'no' }), 'custom-challenge');
    await expect(answer(deps, step.state, { kind: 'custom-challenge', answer: 'no' })).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
  });

  it('with SRP first (CHALLENGE_NAME = SRP_A): password verified, then the custom challenge', async () => {
    const deps = h.deps();
    const started = await startSignIn(deps, request(client, 'quinn', { flow: 'CUSTOM_AUTH_SRP' }), { password: PASSWORD });
    const { state, prompt } = expectPrompt(started, 'custom-challenge');
    expect(challengesOf(started.events)).toContain('PASSWORD_VERIFIER');
    expect(prompt.parameters.question).toBe('What is 6 x 7?');
    const out = expectSignedIn(await answer(deps, state, { kind: 'custom-challenge', answer: '42' }, { password: PASSWORD }));
    expect(out.canonicalUsername).toBe('quinn');
  });
});
