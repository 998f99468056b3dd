// Follow-ups of the background review: what a failing engine call reported stays in the flow's
// progress, finished flows (which hold tokens) are deleted a few minutes after they end, a
// restarted worker sets the idle interval again, and device requests are scrubbed like flows.
// Endpoints are scripted HTTP servers that know nothing of Cognito; the browser's storage, alarms
// and idle API are in-memory fakes.

import { describe, expect, it } from 'vitest';
import { FINISHED_FLOW_TTL_MS, PRUNE_FLOWS_ALARM } from '../../src/background/agent/flow-pruner';
import { AUTO_LOCK_ALARM } from '../../src/background/lock/auto-lock';
import { FLOW_PREFIX } from '../../src/background/vault/format';
import { onWorkerStart } from '../../src/background/worker-start';
import { memoryStores, RecordingAlarms, RecordingIdle, scriptedServers, startWorker } from './background-helpers';

const VAULT_PASSWORD = 'long enough pw';
const ACCOUNT_PASSWORD = 'Account-Password-Secret-1';
const REFRESH_TOKEN = `refresh-${'r'.repeat(40)}`;

const scripted = scriptedServers();

/** A clock the test moves by hand (alarms are not run by the fakes: the test fires them). */
function manualClock(start = Date.now()) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

type Worker = ReturnType<typeof startWorker>;

async function unlocked(opts: Parameters<typeof startWorker>[1] = {}, stores = memoryStores()) {
  const worker = startWorker(stores, opts);
  expect(await worker.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
  return { ...worker, stores };
}

async function addCognito(worker: Worker, endpoint: string, password: string | null = ACCOUNT_PASSWORD): Promise<string> {
  const added = await worker.send({ type: 'add-account', account: {
    kind: 'cognito', label: 'Scripted', userPoolId: 'us-east-1_Scripted1', clientId: 'scriptedclient', username: 'alice', endpoint,
    ...(password ? { password } : {}), policy: { autoAnswer: true, rememberDevice: true } } });
  expect(added).toMatchObject({ ok: true });
  return added.id as string;
}

const flowKeys = (stores: ReturnType<typeof memoryStores>) => [...stores.session.data.keys()].filter((k) => k.startsWith(FLOW_PREFIX));

describe('progress of a failing engine call', () => {
  it('keeps the events the engine reported before it threw, then the failure', async () => {
    const server = await scripted({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
    const worker = await unlocked();
    const id = await addCognito(worker, server.endpoint);
    const r = await worker.send({ type: 'sign-in', accountId: id });
    expect(r).toMatchObject({ ok: true, flow: { status: 'failed', error: { code: 'incorrect-password', exception: 'NotAuthorizedException', message: 'Incorrect username or password.' } } });
    expect(r.flow.progress).toEqual([
      expect.objectContaining({ kind: 'signing-in', username: 'alice' }),
      expect.objectContaining({ kind: 'flow-started', flow: 'USER_SRP_AUTH', username: 'alice', withDevice: false }),
      expect.objectContaining({ kind: 'failed', error: { code: 'incorrect-password', exception: 'NotAuthorizedException', message: 'Incorrect username or password.' } }),
    ]);
    // Stored the same way: flow-status shows the same lines.
    expect((await worker.send({ type: 'flow-status', flowId: r.flow.flowId })).flow.progress).toEqual(r.flow.progress);
  });
});

describe('finished flows are deleted after a while', () => {
  it('a cancelled flow is shown for FINISHED_FLOW_TTL_MS, then the prune alarm deletes it', async () => {
    const clock = manualClock();
    const alarms = new RecordingAlarms();
    const worker = await unlocked({ alarms, now: clock.now });
    const id = await addCognito(worker, 'http://127.0.0.1:9/', null); // no password: the flow waits for one
    const started = await worker.send({ type: 'sign-in', accountId: id });
    expect(started.flow).toMatchObject({ status: 'needs-input' });
    expect(alarms.alarms.has(PRUNE_FLOWS_ALARM)).toBe(false); // nothing finished yet

    expect(await worker.send({ type: 'flow-cancel', flowId: started.flow.flowId })).toMatchObject({ ok: true, flow: { status: 'cancelled' } });
    expect(alarms.alarms.get(PRUNE_FLOWS_ALARM)).toEqual({ when: clock.now() + FINISHED_FLOW_TTL_MS });

    // Just before the end of its time the popup can still show it, and the alarm keeps it.
    clock.advance(FINISHED_FLOW_TTL_MS - 1000);
    expect(await worker.send({ type: 'flow-status', flowId: started.flow.flowId })).toMatchObject({ ok: true, flow: { status: 'cancelled' } });
    expect(await worker.ctx.agent.onAlarm(PRUNE_FLOWS_ALARM)).toBe(true);
    expect(flowKeys(worker.stores)).toHaveLength(1);

    clock.advance(1000);
    expect(await worker.ctx.agent.onAlarm(PRUNE_FLOWS_ALARM)).toBe(true);
    expect(flowKeys(worker.stores)).toEqual([]);
    expect(await worker.send({ type: 'flow-status', flowId: started.flow.flowId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('a failed flow past its time is deleted on the next access even if the alarm never fired; a waiting flow is kept', async () => {
    const clock = manualClock();
    const server = await scripted({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } });
    const worker = await unlocked({ now: clock.now });
    const failedFlow = (await worker.send({ type: 'sign-in', accountId: await addCognito(worker, server.endpoint) })).flow;
    expect(failedFlow.status).toBe('failed');
    const waiting = (await worker.send({ type: 'sign-in', accountId: await addCognito(worker, 'http://127.0.0.1:9/', null) })).flow;
    expect(waiting.status).toBe('needs-input');

    clock.advance(FINISHED_FLOW_TTL_MS + 60_000);
    expect(await worker.send({ type: 'flow-status', flowId: failedFlow.flowId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(flowKeys(worker.stores)).toEqual([FLOW_PREFIX + waiting.flowId]);
    // A flow waiting for the person is never pruned, however old: it is listed and can be answered.
    expect(await worker.send({ type: 'status' })).toMatchObject({ ok: true, pendingApprovals: [{ flowId: waiting.flowId }] });
  });

  it('status (opening the popup) prunes expired finished flows too', async () => {
    const clock = manualClock();
    const worker = await unlocked({ now: clock.now });
    const id = await addCognito(worker, 'http://127.0.0.1:9/', null);
    const flow = (await worker.send({ type: 'sign-in', accountId: id })).flow;
    await worker.send({ type: 'flow-cancel', flowId: flow.flowId });
    clock.advance(FINISHED_FLOW_TTL_MS);
    expect(await worker.send({ type: 'status' })).toMatchObject({ ok: true, pendingApprovals: [] });
    expect(flowKeys(worker.stores)).toEqual([]);
  });
});

describe('a restarted worker sets the idle detection interval again', () => {
  it('unlocked: the interval follows autoLockMinutes, and the auto-lock alarm is not pushed back', async () => {
    const stores = memoryStores();
    const alarms = new RecordingAlarms();
    const first = await unlocked({ alarms, idle: new RecordingIdle() }, stores);
    expect(await first.send({ type: 'set-settings', settings: { autoLockMinutes: 7 } })).toMatchObject({ ok: true });
    const armed = alarms.alarms.get(AUTO_LOCK_ALARM);

    const idle = new RecordingIdle(); // the browser forgot the interval (e.g. restarted with the session)
    const second = startWorker(stores, { alarms, idle });
    await onWorkerStart(second.ctx);
    expect(idle.intervalSeconds).toBe(7 * 60);
    expect(alarms.alarms.get(AUTO_LOCK_ALARM)).toBe(armed);
  });

  it('locked, or auto-lock off: the interval is left alone', async () => {
    const stores = memoryStores();
    const first = await unlocked({}, stores);
    await first.send({ type: 'set-settings', settings: { autoLockMinutes: 0 } });
    const off = new RecordingIdle();
    await onWorkerStart(startWorker(stores, { idle: off }).ctx);
    expect(off.intervalSeconds).toBeNull();

    await first.send({ type: 'set-settings', settings: { autoLockMinutes: 15 } });
    await first.send({ type: 'lock' });
    const locked = new RecordingIdle();
    await onWorkerStart(startWorker(stores, { idle: locked }).ctx);
    expect(locked.intervalSeconds).toBeNull();
  });
});

describe('device requests are scrubbed of the account\'s secrets', () => {
  async function signedInAccount(endpoint: string) {
    const worker = await unlocked();
    const id = await addCognito(worker, endpoint);
    await worker.ctx.accounts.saveTokens(id, {
      accessToken: `access-${'a'.repeat(40)}`, idToken: `id-${'i'.repeat(40)}`, refreshToken: REFRESH_TOKEN, tokenType: 'Bearer',
      expiresAt: Date.now() + 3_600_000,
    });
    return { worker, id };
  }

  it('list-devices: a server message echoing the stored password and refresh token reaches the page redacted', async () => {
    // Neither value is in the ListDevices request, so the transport cannot know to remove them.
    const server = await scripted({ status: 400, body: { __type: 'InvalidParameterException', message: `bad ${ACCOUNT_PASSWORD} and ${REFRESH_TOKEN}` } });
    const { worker, id } = await signedInAccount(server.endpoint);
    const r = await worker.send({ type: 'list-devices', accountId: id });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-parameter', exception: 'InvalidParameterException', message: 'bad [redacted] and [redacted]' } });
    expect(JSON.stringify(r)).not.toContain(ACCOUNT_PASSWORD);
    expect(JSON.stringify(r)).not.toContain(REFRESH_TOKEN);
    expect(JSON.parse(server.requests[0]!.body)).not.toHaveProperty('Password');
  });

  it('forget-device: the same', async () => {
    const server = await scripted({ status: 400, body: { __type: 'ResourceNotFoundException', message: `no device for ${ACCOUNT_PASSWORD}` } });
    const { worker, id } = await signedInAccount(server.endpoint);
    const r = await worker.send({ type: 'forget-device', accountId: id, deviceKey: 'us-east-1_0a1b2c3d-0000-4000-8000-000000000000' });
    expect(r).toMatchObject({ ok: false, error: { code: 'device-not-found', exception: 'ResourceNotFoundException', message: 'no device for [redacted]' } });
    expect(JSON.stringify(r)).not.toContain(ACCOUNT_PASSWORD);
  });

  it('errors of the background itself pass unchanged (no secrets to remove)', async () => {
    const worker = await unlocked();
    const id = await addCognito(worker, 'http://127.0.0.1:9/');
    expect(await worker.send({ type: 'list-devices', accountId: id }))
      .toMatchObject({ ok: false, error: { code: 'not-found', message: 'No current sign-in for "Scripted": sign in first, then list its devices.' } });
  });
});
