// Killed in flight, nothing lost: the worker is stopped while a request is on the wire, for real.
// The local pool (cognito-local-user-pool, real) processes the request and holds its answer (response-hold.ts);
// the worker is then killed (its storage dies: nothing it does afterwards reaches storage, as when
// the browser stops it), and a new worker over the same storage must report the flow as
// interrupted, keep what Cognito accepted, and sign in on the next try.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/background/storage';
import { totpCode } from '../../src/otp/totp';
import { startLocalPool, type LocalPool } from 'cognito-local-user-pool';
import { makePool, makeUser, type TestPool } from 'cognito-local-user-pool/test-setup';
import { memoryStores, startWorker } from './background-helpers';
import { killableStores } from './killable-storage';
import { challengesOf, kindsOf } from '../progress-events';

const VAULT_PASSWORD = 'vault password in flight';
const PASSWORD = 'Correct-Horse-9-battery';

let pool: LocalPool;
let plain: TestPool;
let mfa: TestPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0 });
  plain = await makePool(pool.endpoint, { PoolName: 'inflight-plain' });
  mfa = await makePool(pool.endpoint, {
    PoolName: 'inflight-mfa', DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
  }, {}, { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
}, 60_000);

afterAll(() => pool?.close());

let users = 0;
async function setUp(p: TestPool, rememberDevice = false) {
  const username = `inflight-${++users}`;
  await makeUser(pool.endpoint, p, username, PASSWORD);
  const stores = memoryStores();
  const doomedStores = killableStores(stores); // killed by hand, once the pool holds the answer
  const doomed = startWorker(doomedStores);
  expect(await doomed.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
  const added = await doomed.send({ type: 'add-account', account: {
    kind: 'cognito', label: username, userPoolId: p.poolId, clientId: p.clientId, username, endpoint: pool.endpoint, password: PASSWORD,
    policy: { autoAnswer: true, rememberDevice } } });
  expect(added).toMatchObject({ ok: true });
  return { username, stores, doomed, kill: doomedStores.kill, id: added.id as string };
}

/**
 * Kills the worker once the pool holds the answer it waits for, then lets the answer go (to a
 * worker that can no longer store anything) and returns a new worker over the same storage.
 */
async function killWhenHeld(inFlight: Promise<unknown>, kill: () => void, stores: Stores, match: { operation: string; challengeName?: string }) {
  await pool.holds.whenHeld(match);
  kill();
  pool.holds.releaseAll();
  await inFlight; // the old worker's answer, whatever it is, goes to no one
  return startWorker(stores);
}

const FLOW_ID = 'flow-chosen-by-the-page-0001';

describe('the worker stopped while a request is on the wire', () => {
  it('PASSWORD_VERIFIER: the flow, saved before the request, reads as interrupted; the next sign-in succeeds', async () => {
    const { stores, doomed, kill, id } = await setUp(plain);
    pool.holds.arm({ operation: 'RespondToAuthChallenge', challengeName: 'PASSWORD_VERIFIER' });
    const inFlight = doomed.send({ type: 'sign-in', accountId: id, flowId: FLOW_ID });
    const next = await killWhenHeld(inFlight, kill, stores, { operation: 'RespondToAuthChallenge', challengeName: 'PASSWORD_VERIFIER' });

    expect(await next.send({ type: 'flow-status', flowId: FLOW_ID })).toMatchObject({
      ok: true, flow: { flowId: FLOW_ID, accountId: id, status: 'failed', error: { code: 'interrupted' } },
    });
    // The same request sent again (as Firefox's pages do when the worker died under it) starts
    // nothing: it is answered with the flow as it stands.
    expect(await next.send({ type: 'sign-in', accountId: id, flowId: FLOW_ID })).toMatchObject({
      ok: true, flow: { flowId: FLOW_ID, status: 'failed', error: { code: 'interrupted' } },
    });
    expect((await next.ctx.agent.pruneFinished()).map((f) => f.flowId)).toEqual([FLOW_ID]);
    expect(await next.send({ type: 'sign-in', accountId: id })).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    // Another account cannot take the id.
    const other = (await next.send({ type: 'add-account', account: { kind: 'cognito', label: 'other', userPoolId: plain.poolId, clientId: plain.clientId,
      username: 'someone-else', endpoint: pool.endpoint, policy: { autoAnswer: true, rememberDevice: false } } })).id;
    expect(await next.send({ type: 'sign-in', accountId: other, flowId: FLOW_ID })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('VerifySoftwareToken at MFA_SETUP: the secret Cognito accepted is kept (pending), answers the next sign-in, then is the account\'s', async () => {
    const { username, stores, doomed, kill, id } = await setUp(mfa);
    const started = await doomed.send({ type: 'sign-in', accountId: id });
    expect(started).toMatchObject({ ok: true, flow: { status: 'needs-input', prompt: { kind: 'mfa-setup' } } });
    const flowId = started.flow.flowId as string;
    pool.holds.arm({ operation: 'VerifySoftwareToken' });
    const inFlight = doomed.send({ type: 'flow-answer', flowId, answer: { kind: 'mfa-setup', approve: true } });
    const next = await killWhenHeld(inFlight, kill, stores, { operation: 'VerifySoftwareToken' });

    // Cognito accepted the secret (the answer was held after processing)...
    const onServer = Object.values(pool.store.pools[mfa.poolId]!.users).find((u) => u.username === username)!.totp!;
    expect(onServer.verified).toBe(true);
    // ...and the vault has it, although the worker never heard back.
    expect(await next.send({ type: 'flow-status', flowId })).toMatchObject({ ok: true, flow: { status: 'failed', error: { code: 'interrupted' } } });
    const kept = (await next.ctx.accounts.getCognito(id)).secrets;
    expect(kept.pendingTotpSecret).toBe(onServer.secret);
    expect(kept.totpSecret).toBeUndefined();
    expect(stores.local.dump()).not.toContain(onServer.secret);
    // The popup's code for the account is already that secret's (what Cognito now expects).
    const asked = Date.now();
    const codes = (await next.send({ type: 'get-codes' })).codes as { id: string; code: string }[];
    // (The step may turn between asking and answering.)
    expect([totpCode(onServer.secret, {}, asked), totpCode(onServer.secret, {}, Date.now())]).toContain(codes.find((c) => c.id === id)?.code);

    // The next sign-in meets SOFTWARE_TOKEN_MFA and answers it with that secret, by itself.
    const again = await next.send({ type: 'sign-in', accountId: id });
    expect(again).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    expect(challengesOf(again.flow.progress)).toContain('SOFTWARE_TOKEN_MFA');
    expect(kindsOf(again.flow.progress)).toContain('pending-totp-saved');
    const committed = (await next.ctx.accounts.getCognito(id)).secrets;
    expect(committed.totpSecret).toBe(onServer.secret);
    expect(committed).not.toHaveProperty('pendingTotpSecret');
  });

  it('ConfirmDevice: the enrolled secret is already the account\'s, the flow reads as interrupted, the next sign-in succeeds', async () => {
    const { username, stores, doomed, kill, id } = await setUp(mfa, true);
    const started = await doomed.send({ type: 'sign-in', accountId: id });
    const flowId = started.flow.flowId as string;
    pool.holds.arm({ operation: 'ConfirmDevice' });
    const inFlight = doomed.send({ type: 'flow-answer', flowId, answer: { kind: 'mfa-setup', approve: true } });
    const next = await killWhenHeld(inFlight, kill, stores, { operation: 'ConfirmDevice' });

    expect(await next.send({ type: 'flow-status', flowId })).toMatchObject({ ok: true, flow: { status: 'failed', error: { code: 'interrupted' } } });
    const onServer = Object.values(pool.store.pools[mfa.poolId]!.users).find((u) => u.username === username)!.totp!;
    const kept = (await next.ctx.accounts.getCognito(id)).secrets;
    expect(kept.totpSecret).toBe(onServer.secret);
    expect(kept).not.toHaveProperty('pendingTotpSecret');
    expect(kept.device, 'the device answer never came back: nothing half-known is kept').toBeUndefined();

    const again = await next.send({ type: 'sign-in', accountId: id });
    expect(again).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    expect(challengesOf(again.flow.progress)).toContain('SOFTWARE_TOKEN_MFA');
    expect((await next.ctx.accounts.getCognito(id)).secrets.device?.deviceKey).toMatch(/_/);
  });
});
