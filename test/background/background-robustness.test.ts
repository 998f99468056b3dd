// The background's defences, each tied to a fix: who may send requests, damaged storage records,
// servers that answer nonsense or echo secrets, token refreshes that fail for a passing reason,
// and the auto-lock honoured by a restarted worker. Misbehaving endpoints are scripted HTTP
// servers (they know nothing of Cognito); the browser's storage and alarms are in-memory fakes.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFRESH_ALARM_PREFIX, REFRESH_RETRY_MS } from '../../src/background/agent/refresh-scheduler';
import { FlowStore } from '../../src/background/agent/flow-store';
import { AUTO_LOCK_ALARM } from '../../src/background/lock/auto-lock';
import { isOwnPage } from '../../src/background/router';
import { FLOW_PREFIX, RECORD_PREFIX } from '../../src/background/vault/format';
import { memoryStores, POPUP, RecordingAlarms, SELF, scriptedServers, startWorker } from './background-helpers';

const VAULT_PASSWORD = 'long enough pw';
const ACCOUNT_PASSWORD = 'Account-Password-Secret-1';

const scripted = scriptedServers();

async function unlockedWorker(stores = memoryStores(), alarms = new RecordingAlarms()) {
  const worker = startWorker(stores, { alarms });
  expect(await worker.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
  return { ...worker, stores };
}

async function addCognito(worker: Awaited<ReturnType<typeof unlockedWorker>>, endpoint: string, label = 'Scripted') {
  const added = await worker.send({ type: 'add-account', account: {
    kind: 'cognito', label, userPoolId: 'us-east-1_Scripted1', clientId: 'scriptedclient', username: 'alice', endpoint,
    password: ACCOUNT_PASSWORD, policy: { autoAnswer: true, rememberDevice: true } } });
  expect(added).toMatchObject({ ok: true });
  return added.id as string;
}

describe('who may send requests', () => {
  const ok = (sender: Parameters<typeof isOwnPage>[0]) => isOwnPage(sender, SELF);

  it('accepts the popup, and the options page opened as a tab (top frame)', () => {
    expect(ok(POPUP)).toBe(true);
    expect(ok({ id: 'ext-id', url: 'chrome-extension://ext-id/src/options/options.html', tab: { id: 3 }, frameId: 0, origin: 'chrome-extension://ext-id' })).toBe(true);
  });

  it('refuses a sub-frame, a foreign origin, look-alike URLs and content scripts', () => {
    // An extension page embedded in a web page's frame (CSP forbids it; the router must too).
    expect(ok({ id: 'ext-id', url: 'chrome-extension://ext-id/src/popup/popup.html', tab: { id: 3 }, frameId: 7 })).toBe(false);
    // Chrome's `origin` of the sending document disagrees with the URL.
    expect(ok({ ...POPUP, origin: 'https://evil.example' })).toBe(false);
    // Prefix tricks that a startsWith check on a base URL without care would let through.
    expect(isOwnPage({ id: 'ext-id', url: 'chrome-extension://ext-id.evil/x.html' }, { id: 'ext-id', baseUrl: 'chrome-extension://ext-id' })).toBe(false);
    expect(ok({ id: 'ext-id', url: 'chrome-extension://ext-id@evil.example/x.html' })).toBe(false);
    expect(ok({ id: 'ext-id', url: 'not a url' })).toBe(false);
    expect(ok({ id: 'ext-id', url: 'https://evil.example/', tab: { id: 1 }, frameId: 0 })).toBe(false);
  });

  it('the router answers a framed sender with forbidden-sender and does nothing', async () => {
    const { send, stores } = await unlockedWorker();
    const framed = { ...POPUP, tab: { id: 1 }, frameId: 2 };
    expect(await send({ type: 'lock' }, framed)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(Object.keys(await stores.session.get(null))).not.toHaveLength(0); // still unlocked
  });
});

describe('damaged storage records', () => {
  it('one bad account record is named, and the other accounts, codes and sign-ins still work', async () => {
    const worker = await unlockedWorker();
    const good = await worker.send({ type: 'add-account', account: { kind: 'totp', label: 'Good', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 } });
    const bad = await worker.send({ type: 'add-account', account: { kind: 'totp', label: 'Bad', secret: 'KRSXG5CTMVRXEZLU', algorithm: 'SHA1', digits: 6, period: 30 } });
    const key = `${RECORD_PREFIX}account.${bad.id}`;
    const envelope = (await worker.stores.local.get(key))[key] as { ct: string };
    // Flip one ciphertext character: GCM authentication fails for this record only.
    await worker.stores.local.set({ [key]: { ...envelope, ct: (envelope.ct[0] === 'A' ? 'B' : 'A') + envelope.ct.slice(1) } });

    const listed = await worker.send({ type: 'list-accounts' });
    expect(listed).toMatchObject({ ok: true, accounts: [{ id: good.id, label: 'Good' }] });
    expect(listed.unreadable).toEqual([{ id: bad.id, record: 'account', damage: 'altered', message: expect.stringContaining(key) }]);
    expect(listed.unreadable[0].message).toContain('authentication tag mismatch');
    const codes = await worker.send({ type: 'get-codes' });
    expect(codes.codes.map((c: { id: string }) => c.id)).toEqual([good.id]);
    // A backup must not silently leave an account out: it names the record instead.
    expect(await worker.send({ type: 'export-backup', password: 'backup password' }))
      .toMatchObject({ ok: false, error: { code: 'vault-corrupt', message: expect.stringContaining(key) } });
    // The way out: the damaged record can be deleted, after which everything works again.
    expect(await worker.send({ type: 'delete-account', id: bad.id })).toEqual({ ok: true, id: bad.id });
    expect((await worker.send({ type: 'list-accounts' })).unreadable).toBeUndefined();
    expect(await worker.send({ type: 'export-backup', password: 'backup password' })).toMatchObject({ ok: true });
  });

  it('a bad tokens record leaves its account listed and usable', async () => {
    const worker = await unlockedWorker();
    const id = await addCognito(worker, 'http://127.0.0.1:9/');
    await worker.ctx.accounts.saveTokens(id, { accessToken: 'a'.repeat(20), idToken: 'i'.repeat(20), tokenType: 'Bearer', expiresAt: Date.now() + 3_600_000 });
    await worker.stores.local.set({ [`${RECORD_PREFIX}tokens.${id}`]: { schema: 1, nonce: 'not base64!', ct: '' } });
    const listed = await worker.send({ type: 'list-accounts' });
    expect(listed.accounts).toEqual([expect.objectContaining({ id, hasPassword: true })]);
    expect(listed.accounts[0]).not.toHaveProperty('tokensExpireAt');
    // The page says the account is fine and to sign in again (unreadableTokensReason), by `record`.
    expect(listed.unreadable).toEqual([{ id, record: 'tokens', damage: 'malformed', message: expect.stringMatching(/tokens\./) }]);
  });

  it('a bad flow record in storage.session does not break status (pending approvals)', async () => {
    const worker = await unlockedWorker();
    const flows = new FlowStore(worker.ctx.vault);
    await flows.put({ flowId: 'fine', accountId: 'a', status: 'needs-input', prompt: { kind: 'password', username: 'alice' }, progress: [], updatedAt: 1 });
    await worker.stores.session.set({ [`${FLOW_PREFIX}broken`]: { schema: 1, nonce: 'AAAAAAAAAAAAAAAA', ct: 'AAAAAAAAAAAAAAAAAAAAAA==' } });
    const status = await worker.send({ type: 'status' });
    expect(status).toMatchObject({ ok: true, pendingApprovals: [{ flowId: 'fine', promptKind: 'password' }] });
    expect(await worker.send({ type: 'flow-status', flowId: 'broken' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('misbehaving endpoints', () => {
  it('a 200 answer that is not Cognito\'s ends the flow with a clear error in the FlowView', async () => {
    const server = await scripted({ status: 200, body: { Unexpected: true } });
    const worker = await unlockedWorker();
    const id = await addCognito(worker, server.endpoint);
    const r = await worker.send({ type: 'sign-in', accountId: id });
    expect(r).toMatchObject({ ok: true, flow: { status: 'failed', error: { code: 'malformed-response', message: expect.stringMatching(/^InitiateAuth returned an unusable response: /) } } });
    // Only the error's own words: the page translates the advice for the code.
    expect(r.flow.error.message).not.toContain('does not behave like Amazon Cognito');
    expect(r.flow.progress.at(-1)).toMatchObject({ kind: 'failed', level: 'warning' });
  });

  it('a non-JSON body is named as such', async () => {
    const server = await scripted({ status: 200, body: '<html>captive portal</html>', headers: { 'content-type': 'text/html' } });
    const worker = await unlockedWorker();
    const id = await addCognito(worker, server.endpoint);
    expect(await worker.send({ type: 'sign-in', accountId: id })).toMatchObject({
      ok: true, flow: { status: 'failed', error: { message: expect.stringContaining('InitiateAuth returned an unusable response: (body) is not JSON') } } });
  });

  it('a secret the account holds, echoed in a server message, never reaches the page or storage', async () => {
    // The request's own secrets are scrubbed by the transport; the stored password is not in
    // InitiateAuth (SRP), so only the background's own scrubbing can catch this echo.
    const server = await scripted({ status: 400, body: { __type: 'NotAuthorizedException', message: `Wrong password ${ACCOUNT_PASSWORD} for alice` } });
    const worker = await unlockedWorker();
    const id = await addCognito(worker, server.endpoint);
    const r = await worker.send({ type: 'sign-in', accountId: id });
    expect(r).toMatchObject({ ok: true, flow: { status: 'failed', error: { exception: 'NotAuthorizedException', message: 'Wrong password [redacted] for alice' } } });
    expect(JSON.stringify(r)).not.toContain(ACCOUNT_PASSWORD);
    expect(JSON.stringify(await worker.send({ type: 'flow-status', flowId: r.flow.flowId }))).not.toContain(ACCOUNT_PASSWORD);
    expect(worker.stores.local.dump() + worker.stores.session.dump()).not.toContain(ACCOUNT_PASSWORD);
  });
});

describe('token refresh failures', () => {
  it('a passing failure (service unavailable: the outcome of the refresh is unknown) keeps the refresh token, says why, and tries again later', async () => {
    const server = await scripted({ status: 503, body: { __type: 'ServiceUnavailableException', message: 'try later' } });
    const alarms = new RecordingAlarms();
    const worker = await unlockedWorker(memoryStores(), alarms);
    const id = await addCognito(worker, server.endpoint);
    const refreshToken = 'r'.repeat(40);
    await worker.ctx.accounts.saveTokens(id, { accessToken: 'a'.repeat(40), idToken: 'i'.repeat(40), refreshToken, tokenType: 'Bearer', expiresAt: Date.now() + 60_000 });
    const before = Date.now();
    // GetTokensFromRefreshToken changes state (rotation): after a 503 it is not sent again at once.
    await expect(worker.ctx.agent.onAlarm(REFRESH_ALARM_PREFIX + id)).rejects.toMatchObject({ code: 'outcome-unknown' });
    const tokens = (await worker.ctx.accounts.getTokens(id))!;
    expect(tokens.refreshToken).toBe(refreshToken);
    expect(tokens.refreshError).toMatchObject({ code: 'outcome-unknown', message: expect.stringContaining('ServiceUnavailableException, HTTP 503: try later') });
    expect(alarms.alarms.get(REFRESH_ALARM_PREFIX + id)?.when).toBeGreaterThanOrEqual(before + REFRESH_RETRY_MS);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('the refresh alarm is on the local clock: the learnt server offset is taken out of expiresAt', async () => {
    const alarms = new RecordingAlarms();
    const worker = await unlockedWorker(memoryStores(), alarms);
    const id = await addCognito(worker, 'http://127.0.0.1:9/');
    const offset = -10 * 60_000; // the local clock runs 10 minutes ahead of this endpoint's
    await worker.ctx.clocks.record('http://127.0.0.1:9', { offsetMs: offset, applied: true, at: Date.now() });
    const expiresAt = Date.now() + 3_600_000; // server time
    await worker.ctx.accounts.saveTokens(id, { accessToken: 'a'.repeat(40), idToken: 'i'.repeat(40), refreshToken: 'r'.repeat(40), tokenType: 'Bearer', expiresAt });
    await worker.ctx.agent.scheduleAllRefreshes();
    expect(alarms.alarms.get(REFRESH_ALARM_PREFIX + id)).toEqual({ when: expiresAt - offset - 5 * 60_000 });
  });

  it('deleting an account clears its refresh alarm', async () => {
    const alarms = new RecordingAlarms();
    const worker = await unlockedWorker(memoryStores(), alarms);
    const id = await addCognito(worker, 'http://127.0.0.1:9/');
    alarms.alarms.set(REFRESH_ALARM_PREFIX + id, { when: Date.now() + 60_000 });
    expect(await worker.send({ type: 'delete-account', id })).toEqual({ ok: true, id });
    expect(alarms.alarms.has(REFRESH_ALARM_PREFIX + id)).toBe(false);
  });
});

describe('auto-lock and lock', () => {
  it('the auto-lock alarm set by one worker locks the vault in the next one, dropping flows in flight', async () => {
    const stores = memoryStores();
    const alarms = new RecordingAlarms();
    const first = await unlockedWorker(stores, alarms);
    const id = await addCognito(first, 'http://127.0.0.1:9/');
    await first.ctx.accounts.update(id, { password: null });
    const started = await first.send({ type: 'sign-in', accountId: id });
    expect(started.flow.status).toBe('needs-input');
    expect(alarms.alarms.get(AUTO_LOCK_ALARM)).toEqual({ delayInMinutes: 15 });

    const second = startWorker(stores, { alarms }); // restarted worker receives the alarm
    expect(await second.ctx.lock.onAlarm(AUTO_LOCK_ALARM)).toBe(true);
    expect(await stores.session.get(null)).toEqual({});
    expect(await second.send({ type: 'flow-answer', flowId: started.flow.flowId, answer: { kind: 'password', password: 'x' } }))
      .toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await second.send({ type: 'unlock', password: VAULT_PASSWORD })).toEqual({ ok: true });
    // The flow died with the lock; it is not resurrected by unlocking.
    expect(await second.send({ type: 'flow-status', flowId: started.flow.flowId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});

describe('source rules', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
  const own = ['src/background', 'src/shared', 'src/cognito'].flatMap(files);

  it('no console output in the background, the message schema or the protocol core', () => {
    expect(own.filter((f) => /\bconsole\.\w+\s*\(/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('storage.session is never opened to content scripts (setAccessLevel is not called)', () => {
    expect(files('src').filter((f) => /setAccessLevel/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
