/**
 * CUSTOM_AUTH for a user that does not exist: with PreventUserExistenceErrors ENABLED the pool runs
 * the triggers with userNotFound: true (as AWS's Lambda events do) and never issues tokens; with
 * LEGACY it says UserNotFoundException. The triggers here record the events they receive.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { call, makePool, makeUser, ok, type TestPool } from './test-helpers.js';

const POOL_NAME = 'custom-auth-recorder';
const triggersDir = mkdtempSync(join(tmpdir(), 'pool-triggers-'));
const eventsFile = join(triggersDir, POOL_NAME, 'events.jsonl');

// Every trigger appends what it was told about the user; Define asks one CUSTOM_CHALLENGE and
// issues tokens once it is answered right, Verify accepts the answer "yes".
const RECORD = `import { appendFileSync } from 'node:fs';
const record = (event) => appendFileSync(new URL('./events.jsonl', import.meta.url),
  JSON.stringify({ trigger: event.triggerSource, userName: event.userName, userNotFound: event.request.userNotFound, userAttributes: event.request.userAttributes }) + '\\n');`;
const TRIGGERS: Record<string, string> = {
  'define-auth-challenge.mjs': `${RECORD}
export async function handler(event) {
  record(event);
  const last = event.request.session[event.request.session.length - 1];
  if (last && last.challengeResult === true) event.response.issueTokens = true;
  else event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
}`,
  'create-auth-challenge.mjs': `${RECORD}
export async function handler(event) {
  record(event);
  event.response.publicChallengeParameters = { question: 'yes?' };
  event.response.privateChallengeParameters = { answer: 'yes' };
  return event;
}`,
  'verify-auth-challenge-response.mjs': `${RECORD}
export async function handler(event) {
  record(event);
  event.response.answerCorrect = event.request.challengeAnswer === event.request.privateChallengeParameters.answer;
  return event;
}`,
};

interface RecordedEvent {
  trigger: string;
  userName: string;
  userNotFound: boolean;
  userAttributes: Record<string, string>;
}

function recorded(): RecordedEvent[] {
  if (!existsSync(eventsFile)) return [];
  return readFileSync(eventsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedEvent);
}

let pool: LocalPool;
let p: TestPool;

beforeAll(async () => {
  mkdirSync(join(triggersDir, POOL_NAME));
  for (const [file, source] of Object.entries(TRIGGERS)) writeFileSync(join(triggersDir, POOL_NAME, file), source);
  pool = await startLocalPool({ port: 0, triggersDir });
  p = await makePool(pool.endpoint, { PoolName: POOL_NAME });
  await makeUser(pool.endpoint, p, 'mona', 'Passw0rd!', { email: 'mona@example.com' });
});
afterAll(async () => {
  await pool?.close();
  rmSync(triggersDir, { recursive: true, force: true });
});
beforeEach(() => rmSync(eventsFile, { force: true }));

/** The triggers one answered CUSTOM_CHALLENGE runs, in order. */
const ONE_CHALLENGE_ROUND = [
  'DefineAuthChallenge_Authentication',
  'CreateAuthChallenge_Authentication',
  'VerifyAuthChallengeResponse_Authentication',
  'DefineAuthChallenge_Authentication',
];

async function customSignIn(username: string, answer: string) {
  const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: username } });
  const answered = await call(pool.endpoint, 'RespondToAuthChallenge', {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ClientId: p.clientId,
    Session: init.Session,
    ChallengeResponses: { USERNAME: username, ANSWER: answer },
  });
  return { init, answered };
}

describe('CUSTOM_AUTH and userNotFound', () => {
  it('a known user: the triggers see userNotFound false and the right answer signs in', async () => {
    const { init, answered } = await customSignIn('mona', 'yes');
    expect(init.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    expect(answered.body.AuthenticationResult?.AccessToken).toBeTruthy();
    const events = recorded();
    expect(events.map((e) => e.trigger)).toEqual(ONE_CHALLENGE_ROUND);
    for (const e of events) expect(e).toMatchObject({ userName: 'mona', userNotFound: false, userAttributes: { email: 'mona@example.com' } });
  });

  it('an unknown user (ENABLED): the same challenge, triggers told userNotFound, and never tokens', async () => {
    const { init, answered } = await customSignIn('ghost', 'yes');
    // the caller cannot tell the user is missing from the challenge
    expect(init.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(init.ChallengeParameters).toEqual({ question: 'yes?', USERNAME: 'ghost' });
    // Define said issueTokens: for an unknown user that is still a failed sign-in
    expect(answered.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    const events = recorded();
    expect(events.map((e) => e.trigger)).toEqual(ONE_CHALLENGE_ROUND);
    for (const e of events) expect(e).toEqual({ trigger: e.trigger, userName: 'ghost', userNotFound: true, userAttributes: {} });
  });

  it('an unknown user (LEGACY): UserNotFoundException and no trigger runs', async () => {
    const legacy = await ok(pool.endpoint, 'CreateUserPoolClient', { UserPoolId: p.poolId, ClientName: 'legacy', ExplicitAuthFlows: ['ALLOW_CUSTOM_AUTH'], PreventUserExistenceErrors: 'LEGACY' }, true);
    const r = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: legacy.UserPoolClient.ClientId, AuthParameters: { USERNAME: 'ghost' } });
    expect(r.body).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
    expect(recorded()).toEqual([]);
  });
});
