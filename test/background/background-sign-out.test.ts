// `sign-out` end to end against the REAL local user pool: router → handlers → agent → vault →
// in-memory browser storage (a fake of the browser only), with the real engine and transport.
// What Cognito does with the old tokens afterwards is asked of the pool itself.

import { beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_ALARM_PREFIX } from '../../src/background/agent/refresh-scheduler';
import { cognitoEngineDeps } from '../../src/background/agent/engine-deps';
import type { EngineDepsFactory } from '../../src/background/agent/engine-deps';
import { CognitoApi } from '../../src/cognito/api';
import { ServerClock } from '../../src/cognito/clock';
import { CognitoTransport } from '../../src/cognito/transport';
import { PASSWORD, harnessForFile } from '../engine/harness';
import { expectNoPlaintext, memoryStores, RecordingAlarms, startWorker } from './background-helpers';

const VAULT_PASSWORD = 'vault password for the sign-out tests';

const h = harnessForFile();
let poolId: string;
let clientId: string;
let secretClientId: string;
let clientSecret: string;
/** Asks the pool directly, as any other holder of the old tokens would. */
let api: CognitoApi;
let newUser: () => Promise<string>;

beforeAll(async () => {
  poolId = await h.createPool({ PoolName: 'background-sign-out' });
  clientId = (await h.createClient(poolId)).clientId;
  const withSecret = await h.createClient(poolId, { GenerateSecret: true });
  secretClientId = withSecret.clientId;
  clientSecret = withSecret.clientSecret!;
  api = new CognitoApi(new CognitoTransport({ endpoint: h.endpoint, clock: new ServerClock(), maxRetries: 0 }));
  newUser = h.userMaker(poolId, 'sign-out-user');
}, 60_000);

/** A worker with a vault and one signed-in Cognito account; returns the tokens it holds. */
async function signedIn(opts: { secret?: boolean; makeDeps?: EngineDepsFactory } = {}) {
  const stores = memoryStores();
  const alarms = new RecordingAlarms();
  const worker = startWorker(stores, { alarms, ...(opts.makeDeps ? { makeDeps: opts.makeDeps } : {}) });
  expect(await worker.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
  const username = await newUser();
  const added = await worker.send({ type: 'add-account', account: {
    kind: 'cognito', label: username, userPoolId: poolId, clientId: opts.secret ? secretClientId : clientId,
    ...(opts.secret ? { clientSecret } : {}), username, endpoint: h.endpoint, password: PASSWORD,
    policy: { autoAnswer: true, rememberDevice: false } } });
  const id = added.id as string;
  const signIn = await worker.send({ type: 'sign-in', accountId: id });
  expect(signIn).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
  const flowId = signIn.flow.flowId as string;
  const tokens = (await worker.ctx.accounts.getTokens(id))!;
  expect(tokens.refreshToken).toBeDefined();
  expect(alarms.alarms.has(REFRESH_ALARM_PREFIX + id)).toBe(true);
  return { stores, alarms, worker, id, flowId, tokens, refreshToken: tokens.refreshToken! };
}

/** Nothing of the session is left in the extension. */
async function expectSignedOutLocally(s: Awaited<ReturnType<typeof signedIn>>): Promise<void> {
  expect(await s.worker.ctx.accounts.getTokens(s.id)).toBeUndefined();
  expect(s.alarms.alarms.has(REFRESH_ALARM_PREFIX + s.id)).toBe(false);
  const listed = await s.worker.send({ type: 'list-accounts' });
  expect(listed.accounts[0]).toMatchObject({ id: s.id });
  expect(listed.accounts[0]).not.toHaveProperty('tokensExpireAt');
  // The finished sign-in flow held the tokens (encrypted) for the popup: it is gone too.
  expect(await s.worker.send({ type: 'flow-status', flowId: s.flowId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  expectNoPlaintext(s.stores, [s.tokens.accessToken, s.tokens.idToken, s.refreshToken, PASSWORD]);
}

function refreshWith(refreshToken: string, extra: { ClientSecret?: string; ClientId?: string } = {}) {
  return api.getTokensFromRefreshToken({ RefreshToken: refreshToken, ClientId: clientId, ...extra });
}

/**
 * Engine deps whose HTTP goes through a recording fetch (the operations sent, in order) that can
 * be cut off like a dropped connection. The pool behind it is the real one.
 */
function network() {
  const net = { offline: false, sent: [] as string[], makeDeps: undefined as unknown as EngineDepsFactory };
  net.makeDeps = (client, clock) => ({
    ...cognitoEngineDeps(client, clock),
    api: new CognitoApi(new CognitoTransport({
      endpoint: client.endpoint!, clock, maxRetries: 0,
      fetch: async (input, init) => {
        if (net.offline) throw new TypeError('fetch failed');
        net.sent.push(new Headers(init?.headers).get('x-amz-target')?.split('.').pop() ?? '?');
        return fetch(input, init);
      },
    })),
  });
  return net;
}

describe('sign-out against the local pool', () => {
  it('revokes the refresh token, then deletes the tokens, the alarm and the finished flow', async () => {
    const s = await signedIn();
    expect(await s.worker.send({ type: 'sign-out', accountId: s.id })).toEqual({ ok: true, serverSignedOut: true });
    await expect(refreshWith(s.refreshToken)).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
    await expectSignedOutLocally(s);
    // Nothing left to sign out of: a clear refusal, not a silent success.
    expect(await s.worker.send({ type: 'sign-out', accountId: s.id })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  }, 30_000);

  it('revokes with the client secret when the app client has one', async () => {
    const s = await signedIn({ secret: true });
    expect(await s.worker.send({ type: 'sign-out', accountId: s.id })).toEqual({ ok: true, serverSignedOut: true });
    await expect(refreshWith(s.refreshToken, { ClientId: secretClientId, ClientSecret: clientSecret }))
      .rejects.toMatchObject({ exception: 'NotAuthorizedException' });
    await expectSignedOutLocally(s);
    expectNoPlaintext(s.stores, [clientSecret]);
  }, 30_000);

  it('everywhere: GlobalSignOut makes the pool refuse the old access token and the refresh token', async () => {
    const s = await signedIn();
    expect((await api.getUser({ AccessToken: s.tokens.accessToken })).Username).toBeTruthy();
    expect(await s.worker.send({ type: 'sign-out', accountId: s.id, everywhere: true })).toEqual({ ok: true, serverSignedOut: true });
    await expect(api.getUser({ AccessToken: s.tokens.accessToken }))
      .rejects.toMatchObject({ exception: 'NotAuthorizedException', message: expect.stringContaining('Access Token has been revoked') });
    await expect(refreshWith(s.refreshToken)).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
    await expectSignedOutLocally(s);
  }, 30_000);

  it('everywhere with an expired access token refreshes first, then signs out with the new one', async () => {
    const s = await signedIn();
    // As if the access token had expired while the browser was closed (the tokens are real).
    await s.worker.ctx.accounts.saveTokens(s.id, { ...s.tokens, expiresAt: Date.now() - 1000 });
    const net = network();
    const recording = startWorker(s.stores, { alarms: s.alarms, makeDeps: net.makeDeps });
    expect(await recording.send({ type: 'sign-out', accountId: s.id, everywhere: true })).toEqual({ ok: true, serverSignedOut: true });
    expect(net.sent).toEqual(['GetTokensFromRefreshToken', 'GlobalSignOut']);
    await expect(api.getUser({ AccessToken: s.tokens.accessToken })).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
    await expect(refreshWith(s.refreshToken)).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
    await expectSignedOutLocally(s);
  }, 30_000);

  it('Cognito unreachable: the tokens are still deleted here, and the answer says the session lives on', async () => {
    const net = network();
    const s = await signedIn({ makeDeps: net.makeDeps });
    net.offline = true;
    const answer = await s.worker.send({ type: 'sign-out', accountId: s.id });
    expect(answer).toMatchObject({ ok: true, serverSignedOut: false, error: { code: 'signed-out-locally', message: expect.stringContaining('RevokeToken') } });
    for (const secret of [s.refreshToken, s.tokens.accessToken, PASSWORD]) expect(JSON.stringify(answer)).not.toContain(secret);
    await expectSignedOutLocally(s);
    // As said: the pool never heard of it, so the refresh token still works there.
    expect((await refreshWith(s.refreshToken)).AuthenticationResult?.AccessToken).toBeTruthy();
  }, 30_000);

  it('a token Cognito refuses is still deleted here, with Cognito\'s reason in the answer', async () => {
    const s = await signedIn();
    await api.revokeToken({ Token: s.refreshToken, ClientId: clientId }); // revoked elsewhere meanwhile
    await s.worker.ctx.accounts.saveTokens(s.id, { ...s.tokens, expiresAt: Date.now() - 1000 });
    const answer = await s.worker.send({ type: 'sign-out', accountId: s.id, everywhere: true });
    expect(answer).toMatchObject({ ok: true, serverSignedOut: false, error: { exception: 'NotAuthorizedException' } });
    expect(JSON.stringify(answer)).not.toContain(s.refreshToken);
    await expectSignedOutLocally(s);
  }, 30_000);
});
