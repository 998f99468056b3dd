// Clock offsets belong to one server (issue 7, item 3): what one endpoint's Date header says is
// learnt only from its well-formed successful answers, applied only to that endpoint's accounts
// (their codes, sign-in TIMESTAMP and refresh alarm), never beyond MAX_CLOCK_OFFSET_MS (reported
// instead), and plain TOTP accounts follow the system clock unless the person sets an offset.
// The endpoints are scripted HTTP servers (they know nothing of Cognito); storage is in memory.
import { describe, expect, it } from 'vitest';
import { REFRESH_ALARM_PREFIX } from '../../src/background/agent/refresh-scheduler';
import { cognitoEngineDeps } from '../../src/background/agent/engine-deps';
import type { EngineDepsFactory } from '../../src/background/agent/engine-deps';
import { MAX_CLOCK_OFFSET_MS } from '../../src/cognito/clock';
import { MAX_SERVER_CLOCKS, ServerClockStore } from '../../src/background/server-clocks';
import { totpCode, totpExpiresAt } from '../../src/otp/totp';
import { memoryStores, RecordingAlarms, scriptedServers, startWorker } from './background-helpers';

const VAULT_PASSWORD = 'long enough pw';
const SECRET = 'JBSWY3DPEHPK3PXP';
/** The worker's "now": the middle of a 30 s step, so an offset known to ±1 s cannot cross a step. */
const NOW = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
const TEN_MINUTES = 10 * 60_000;

const scripted = scriptedServers();

/** A worker with a fixed clock; records the clock offset each sign-in's engine was given, by endpoint. */
async function worker(stores = memoryStores(), alarms = new RecordingAlarms()) {
  const engineOffsets: { endpoint: string | undefined; offsetMs: number }[] = [];
  const makeDeps: EngineDepsFactory = (client, clock) => {
    engineOffsets.push({ endpoint: client.endpoint, offsetMs: clock.offsetMs });
    return cognitoEngineDeps(client, clock);
  };
  const w = startWorker(stores, { alarms, makeDeps, now: () => NOW });
  if ((await w.send({ type: 'status' })).initialized) expect(await w.send({ type: 'unlock', password: VAULT_PASSWORD })).toEqual({ ok: true });
  else expect(await w.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
  return { ...w, stores, engineOffsets };
}
type Worker = Awaited<ReturnType<typeof worker>>;

async function addCognito(w: Worker, endpoint: string, label: string): Promise<string> {
  const added = await w.send({ type: 'add-account', account: {
    kind: 'cognito', label, userPoolId: 'us-east-1_Clock1', clientId: 'clockclient', username: 'alice', endpoint,
    totpSecret: SECRET, policy: { autoAnswer: true, rememberDevice: true } } });
  expect(added).toMatchObject({ ok: true });
  // A current sign-in, so list-devices calls the endpoint straight away.
  await w.ctx.accounts.saveTokens(added.id, { accessToken: 'a'.repeat(40), idToken: 'i'.repeat(40), tokenType: 'Bearer', expiresAt: NOW + 3_600_000 });
  return added.id;
}

async function addTotp(w: Worker, extra: Record<string, unknown> = {}) {
  return w.send({ type: 'add-account', account: { kind: 'totp', label: 'Plain', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, ...extra } });
}

async function codeOf(w: Worker, id: string) {
  const answer = await w.send({ type: 'get-codes' });
  expect(answer).toMatchObject({ ok: true });
  return answer.codes.find((c: { id: string }) => c.id === id);
}

const devicesPage = (offsetMs: number) => ({ status: 200, dateOffsetMs: offsetMs, body: { Devices: [] } });

describe('clock offsets per endpoint', () => {
  it('an offset learnt from one endpoint shifts the codes and sign-ins of its accounts only', async () => {
    const ahead = await scripted(devicesPage(TEN_MINUTES));
    const other = await scripted({ status: 400, body: { __type: 'NotAuthorizedException', message: 'no' } });
    const w = await worker();
    const a = await addCognito(w, ahead.endpoint, 'Ahead');
    const b = await addCognito(w, other.endpoint, 'Other');
    const plain = (await addTotp(w)).id;

    expect(await w.send({ type: 'list-devices', accountId: a })).toEqual({ ok: true, devices: [] });

    // The account on that endpoint follows its clock; the others keep this computer's.
    const learnt = await w.ctx.clocks.offsetFor(new URL(ahead.endpoint).origin);
    expect(Math.abs(learnt - TEN_MINUTES)).toBeLessThan(2_000);
    // expiresAt is on the local clock: the end of the server's step, minus the offset.
    expect(await codeOf(w, a)).toEqual({ id: a, kind: 'totp', period: 30, code: totpCode(SECRET, {}, NOW + TEN_MINUTES),
      expiresAt: totpExpiresAt(30, NOW + TEN_MINUTES) - learnt });
    expect((await codeOf(w, b)).code).toBe(totpCode(SECRET, {}, NOW));
    expect((await codeOf(w, plain)).code).toBe(totpCode(SECRET, {}, NOW));

    const clocks = (await w.send({ type: 'list-server-clocks' })).clocks;
    expect(clocks).toHaveLength(1);
    expect(clocks[0].endpoint).toBe(new URL(ahead.endpoint).origin);
    expect(Math.abs(clocks[0].offsetMs - TEN_MINUTES)).toBeLessThan(2_000);

    // Sign-ins: the engine of each account gets its own endpoint's clock.
    await w.send({ type: 'sign-in', accountId: a });
    await w.send({ type: 'sign-in', accountId: b });
    const byEndpoint = new Map(w.engineOffsets.map((e) => [e.endpoint, e.offsetMs]));
    expect(Math.abs(byEndpoint.get(ahead.endpoint)! - TEN_MINUTES)).toBeLessThan(2_000);
    expect(byEndpoint.get(other.endpoint)).toBe(0);
  });

  it('an error answer teaches nothing, and an offset beyond the bound is reported, not applied', async () => {
    const refusing = await scripted({ status: 400, dateOffsetMs: 5 * 60_000, body: { __type: 'NotAuthorizedException', message: 'Access Token has been revoked' } });
    const hostile = await scripted(devicesPage(3 * 3_600_000));
    const w = await worker();
    const r = await addCognito(w, refusing.endpoint, 'Refusing');
    const h = await addCognito(w, hostile.endpoint, 'Hostile');
    expect(await w.send({ type: 'list-devices', accountId: r })).toMatchObject({ ok: false, error: { exception: 'NotAuthorizedException' } });
    expect(await w.send({ type: 'list-devices', accountId: h })).toEqual({ ok: true, devices: [] });

    const clocks = (await w.send({ type: 'list-server-clocks' })).clocks;
    expect(clocks).toEqual([{ endpoint: new URL(hostile.endpoint).origin, ignored: { offsetMs: expect.any(Number), observedAt: expect.any(Number) } }]);
    expect(Math.abs(clocks[0].ignored.offsetMs - 3 * 3_600_000)).toBeLessThan(2_000);
    expect(Math.abs(clocks[0].ignored.offsetMs)).toBeGreaterThan(MAX_CLOCK_OFFSET_MS);
    expect((await codeOf(w, h)).code).toBe(totpCode(SECRET, {}, NOW));
    expect((await codeOf(w, r)).code).toBe(totpCode(SECRET, {}, NOW));
  });

  it('the refresh alarm of an account is on the local clock, using its own endpoint\'s offset', async () => {
    const behind = await scripted(devicesPage(-TEN_MINUTES));
    const alarms = new RecordingAlarms();
    const w = await worker(memoryStores(), alarms);
    const id = await addCognito(w, behind.endpoint, 'Behind');
    const other = await addCognito(w, 'http://127.0.0.1:9/', 'Other');
    await w.send({ type: 'list-devices', accountId: id });
    const offset = await w.ctx.clocks.offsetFor(new URL(behind.endpoint).origin);
    expect(Math.abs(offset + TEN_MINUTES)).toBeLessThan(2_000);
    const expiresAt = NOW + 3_600_000; // server time
    for (const accountId of [id, other]) {
      await w.ctx.accounts.saveTokens(accountId, { accessToken: 'a'.repeat(40), idToken: 'i'.repeat(40), refreshToken: 'r'.repeat(40), tokenType: 'Bearer', expiresAt });
    }
    await w.ctx.agent.scheduleAllRefreshes();
    expect(alarms.alarms.get(REFRESH_ALARM_PREFIX + id)).toEqual({ when: expiresAt - offset - 5 * 60_000 });
    expect(alarms.alarms.get(REFRESH_ALARM_PREFIX + other)).toEqual({ when: expiresAt - 5 * 60_000 });
  });
});

describe('plain TOTP accounts and their own offset', () => {
  it('use the system clock unless the person sets an offset, which can be changed and cleared', async () => {
    const w = await worker();
    const id = (await addTotp(w, { clockOffsetSeconds: 90 })).id;
    expect(await codeOf(w, id)).toEqual({ id, kind: 'totp', period: 30, code: totpCode(SECRET, {}, NOW + 90_000), expiresAt: totpExpiresAt(30, NOW + 90_000) - 90_000 });
    expect((await w.send({ type: 'list-accounts' })).accounts[0]).toMatchObject({ kind: 'totp', clockOffsetSeconds: 90 });

    expect(await w.send({ type: 'update-account', id, patch: { clockOffsetSeconds: -45 } })).toEqual({ ok: true, id });
    expect((await codeOf(w, id)).code).toBe(totpCode(SECRET, {}, NOW - 45_000));
    expect(await w.send({ type: 'update-account', id, patch: { clockOffsetSeconds: null } })).toEqual({ ok: true, id });
    expect((await codeOf(w, id)).code).toBe(totpCode(SECRET, {}, NOW));
    expect((await w.send({ type: 'list-accounts' })).accounts[0].clockOffsetSeconds).toBeUndefined();
  });

  it('refuses an offset beyond the bound, a fraction, and an offset on an HOTP account', async () => {
    const w = await worker();
    const limit = MAX_CLOCK_OFFSET_MS / 1000;
    expect(await addTotp(w, { clockOffsetSeconds: limit + 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await addTotp(w, { clockOffsetSeconds: 1.5 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await addTotp(w, { clockOffsetSeconds: -limit })).toMatchObject({ ok: true });
    const hotp = await w.send({ type: 'add-account', account: { kind: 'hotp', label: 'H', secret: SECRET, algorithm: 'SHA1', digits: 6, counter: 0 } });
    expect(await w.send({ type: 'update-account', id: hotp.id, patch: { clockOffsetSeconds: 30 } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('the global offset of older builds', () => {
  it('a stored clockOffsetMs does not break reading the settings, shifts no code, and is gone at the next save', async () => {
    const stores = memoryStores();
    const first = await worker(stores);
    const plain = (await addTotp(first)).id;
    await stores.local.set({ settings: { autoLockMinutes: 7, defaultPolicy: { autoAnswer: false, rememberDevice: true }, clockOffsetMs: 86_400_000 } });

    const w = await worker(stores);
    expect(await w.send({ type: 'get-settings' })).toEqual({ ok: true, settings: { autoLockMinutes: 7, defaultPolicy: { autoAnswer: false, rememberDevice: true }, theme: 'system', clipboardClearSeconds: 0 } });
    expect((await codeOf(w, plain)).code).toBe(totpCode(SECRET, {}, NOW));
    // Pages cannot set it any more.
    expect(await w.send({ type: 'set-settings', settings: { clockOffsetMs: 60_000 } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await w.send({ type: 'set-settings', settings: { autoLockMinutes: 8 } })).toMatchObject({ ok: true, settings: { autoLockMinutes: 8 } });
    expect(stores.local.dump()).not.toContain('clockOffsetMs');
  });
});

describe('ServerClockStore', () => {
  const at = Date.UTC(2026, 0, 1);
  it('keeps at most MAX_SERVER_CLOCKS endpoints (the longest unheard goes), skips damaged entries, and a fresh offset clears an ignored claim', async () => {
    const stores = memoryStores();
    const clocks = new ServerClockStore(stores.local);
    for (let i = 0; i < MAX_SERVER_CLOCKS + 5; i++) await clocks.record(`https://h${i}.example`, { offsetMs: i + 1, applied: true, at: at + i });
    const kept = await clocks.list();
    expect(kept).toHaveLength(MAX_SERVER_CLOCKS);
    expect(kept.map((c) => c.endpoint)).not.toContain('https://h0.example');
    expect(await clocks.offsetFor(`https://h${MAX_SERVER_CLOCKS + 4}.example`)).toBe(MAX_SERVER_CLOCKS + 5);

    // A claim beyond the bound keeps the offset applied before, and is listed as ignored.
    await clocks.record('https://h68.example', { offsetMs: 86_400_000, applied: false, at: at + 100 });
    expect(await clocks.offsetFor('https://h68.example')).toBe(69);
    expect((await clocks.list()).find((c) => c.endpoint === 'https://h68.example')?.ignored).toEqual({ offsetMs: 86_400_000, observedAt: at + 100 });
    await clocks.record('https://h68.example', { offsetMs: 1_000, applied: true, at: at + 200 });
    expect((await clocks.list()).find((c) => c.endpoint === 'https://h68.example')).toEqual({ endpoint: 'https://h68.example', offsetMs: 1_000, observedAt: at + 200 });

    // Damaged storage: an offset beyond the bound, a non-origin, a non-object; the good entry stays usable.
    await stores.local.set({ serverClocks: [{ endpoint: 'https://a.example', offsetMs: 86_400_000 }, { endpoint: 'javascript:x', offsetMs: 1 }, 7,
      { endpoint: 'https://b.example', offsetMs: 2_000, observedAt: at }] });
    expect(await clocks.offsetFor('https://a.example')).toBe(0);
    expect(await clocks.offsets()).toEqual(new Map([['https://b.example', 2_000]]));
    await stores.local.set({ serverClocks: 'garbage' });
    expect(await clocks.list()).toEqual([]);
  });

  it('two endpoints recorded at once both stay', async () => {
    const clocks = new ServerClockStore(memoryStores().local);
    await Promise.all([clocks.record('https://a.example', { offsetMs: 1_000, applied: true, at }), clocks.record('https://b.example', { offsetMs: 2_000, applied: true, at })]);
    expect(await clocks.offsets()).toEqual(new Map([['https://a.example', 1_000], ['https://b.example', 2_000]]));
  });
});
