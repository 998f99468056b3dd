// A server's ExpiresIn is a number with a rule (src/cognito/engine/tokens.ts EXPIRES_IN_SECONDS):
// ExpiresIn: 1e308 once became an expiry of Infinity, stored as null, and the tokens record then
// read back as "vault corrupt". Now the answer is refused as not Cognito's, and what was stored stays readable.
import { describe, expect, it } from 'vitest';
import { REFRESH_ALARM_PREFIX } from '../../src/background/agent/refresh-scheduler';
import { tokensFrom } from '../../src/cognito/engine/tokens';
import { memoryStores, RecordingAlarms, scriptedServers, startWorker } from './background-helpers';

const scripted = scriptedServers();
const TOKENS = { AccessToken: 'a'.repeat(40), IdToken: 'i'.repeat(40), TokenType: 'Bearer' };

/** A worker with one Cognito account holding tokens, whose server answers a refresh with `ExpiresIn`. */
async function signedInWithRefreshAnsweredBy(ExpiresIn: number) {
  const server = await scripted({ status: 200, body: { AuthenticationResult: { ...TOKENS, AccessToken: 'b'.repeat(40), ExpiresIn } } });
  const alarms = new RecordingAlarms();
  const worker = startWorker(memoryStores(), { alarms });
  expect(await worker.send({ type: 'setup-vault', password: 'long enough pw' })).toEqual({ ok: true });
  const added = await worker.send({ type: 'add-account', account: {
    kind: 'cognito', label: 'Scripted', userPoolId: 'us-east-1_Scripted1', clientId: 'scriptedclient', username: 'alice', endpoint: server.endpoint,
    policy: { autoAnswer: true, rememberDevice: true } } });
  const id = added.id as string;
  await worker.ctx.accounts.saveTokens(id, { accessToken: 'a'.repeat(40), idToken: 'i'.repeat(40), refreshToken: 'r'.repeat(40), tokenType: 'Bearer', expiresAt: Date.now() + 60_000 });
  return { server, worker, alarms, id };
}

describe('ExpiresIn from a server', () => {
  it.each([1e308, 0, -60, 1.5, 86_401])('refuses %s as a malformed answer', (ExpiresIn) => {
    expect(() => tokensFrom('InitiateAuth', { ...TOKENS, ExpiresIn }, Date.now())).toThrow(expect.objectContaining({ code: 'malformed-response' }));
  });

  it('accepts what Cognito gives (5 minutes to a day)', () => {
    expect(tokensFrom('InitiateAuth', { ...TOKENS, ExpiresIn: 300 }, 1000).expiresAt).toBe(301_000);
    expect(tokensFrom('InitiateAuth', { ...TOKENS, ExpiresIn: 86_400 }, 0).expiresAt).toBe(86_400_000);
  });

  it('a refresh answered with ExpiresIn 1e308 fails as malformed and leaves a readable tokens record', async () => {
    const { server, worker, id } = await signedInWithRefreshAnsweredBy(1e308);
    await expect(worker.ctx.agent.onAlarm(REFRESH_ALARM_PREFIX + id)).rejects.toMatchObject({ code: 'malformed-response' });
    expect(server.requests.length).toBeGreaterThan(0);
    const listed = await worker.send({ type: 'list-accounts' });
    expect(listed.unreadable).toBeUndefined();
    expect(listed.accounts[0]).toMatchObject({ tokensExpireAt: expect.any(Number), refreshError: { code: 'malformed-response' } });
  });
});

describe('how early tokens are renewed', () => {
  /** The account's refresh alarm after a refresh answered with `ExpiresIn`, from the new expiry. */
  async function renewalLead(ExpiresIn: number): Promise<number> {
    const { worker, alarms, id } = await signedInWithRefreshAnsweredBy(ExpiresIn);
    await worker.ctx.agent.onAlarm(REFRESH_ALARM_PREFIX + id);
    const { expiresAt } = (await worker.ctx.accounts.getTokens(id))!;
    return expiresAt - alarms.alarms.get(REFRESH_ALARM_PREFIX + id)!.when!;
  }
  /** Within 2 s: the alarm is on the local clock, the expiry on the server's (learnt from its Date header, to the second). */
  const about = (ms: number) => expect.toSatisfy((lead: number) => Math.abs(lead - ms) < 2000, `${ms} ms ± 2 s`);

  it('5-minute tokens (Cognito\'s shortest) are renewed a minute before they expire, not every 30 s', async () => {
    // With a fixed 5-minute lead the alarm came at the earliest Chrome allows (30 s), then again and again.
    expect(await renewalLead(300)).toEqual(about(60_000));
  });

  it('tokens of 25 minutes or more are renewed 5 minutes before they expire', async () => {
    expect(await renewalLead(1500)).toEqual(about(5 * 60_000));
    expect(await renewalLead(3600)).toEqual(about(5 * 60_000));
  });
});
