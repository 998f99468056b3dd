// The background end to end in node: router → handlers → agent → vault → (in-memory browser)
// storage, with the real sign-in engine. A "worker restart" is a new context built over the same
// storage objects, exactly what the browser gives a restarted worker.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/background/context';
import { handleMessage } from '../../src/background/router';
import { cognitoEngineDeps } from '../../src/background/agent/engine-deps';
import { FlowStore } from '../../src/background/agent/flow-store';
import { AUTO_LOCK_ALARM } from '../../src/background/lock/auto-lock';
import type { Stores } from '../../src/background/storage';
import type { PermissionsApi } from '../../src/background/permissions';
import type { RequestType } from '../../src/shared/requests';
import { allowAllPermissions, memoryStores, RecordingAlarms } from './background-helpers';

const SELF = { id: 'ext-id', baseUrl: 'chrome-extension://ext-id/' };
const PAGE = { id: 'ext-id', url: 'chrome-extension://ext-id/src/popup/popup.html' };

function worker(stores: Stores, alarms = new RecordingAlarms(), permissions: PermissionsApi = allowAllPermissions) {
  const ctx = createContext({
    stores, alarms, permissions, makeDeps: cognitoEngineDeps,
  });
  const send = (msg: unknown, sender: { id?: string; url?: string; origin?: string; frameId?: number; tab?: unknown } = PAGE) => handleMessage(msg, sender, SELF, ctx) as Promise<any>;
  return { ctx, send, alarms };
}

describe('background router', () => {
  it('answers only the extension\'s own pages', async () => {
    const { send } = worker(memoryStores());
    for (const sender of [
      { id: 'other-ext', url: 'chrome-extension://other-ext/x.html' },
      { id: 'ext-id', url: 'https://evil.example/' },          // content script of this extension
      { id: 'ext-id' },
      {},
    ]) {
      expect(await send({ type: 'status' }, sender)).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.any(String) } });
    }
    expect(await send({ type: 'status' })).toMatchObject({ ok: true, initialized: false, locked: true });
  });

  // One valid request of every type (a Record: a new request type needs its line here), so that a
  // refusal below is the sender check's and not the schema's.
  const EVERY_REQUEST: Record<RequestType, Record<string, unknown>> = {
    'status': {}, 'keep-alive': {}, 'setup-vault': { password: 'long enough pw' }, 'unlock': { password: 'long enough pw' }, 'lock': {},
    'change-vault-password': { currentPassword: 'long enough pw', newPassword: 'another long pw' },
    'list-accounts': {}, 'get-codes': {}, 'hotp-next': { id: 'abc' }, 'totp-next-period': { id: 'abc' },
    'add-account': { account: { kind: 'totp', label: 'Evil', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 } },
    'update-account': { id: 'abc', patch: { label: 'x' } }, 'delete-account': { id: 'abc' },
    'import': { data: 'otpauth://totp/Evil?secret=JBSWY3DPEHPK3PXP' },
    'import-preview': { data: 'otpauth://totp/Evil?secret=JBSWY3DPEHPK3PXP' },
    'export-backup': { password: 'a backup password' }, 'export-account': { id: 'abc', password: 'long enough pw' },
    'sign-in': { accountId: 'abc' }, 'sign-in-tab': { accountId: 'abc', tabId: 7 }, 'flow-status': { flowId: 'f1' },
    'flow-answer': { flowId: 'f1', answer: { kind: 'approve', approve: true } }, 'flow-cancel': { flowId: 'f1' },
    'list-devices': { accountId: 'abc' }, 'forget-device': { accountId: 'abc', deviceKey: 'eu-west-1_abc' },
    'sign-out': { accountId: 'abc' }, 'get-account-order': {}, 'set-account-order': { order: { pinned: ['abc'], order: [] } }, 'get-settings': {}, 'set-settings': { settings: { autoLockMinutes: 5 } }, 'list-server-clocks': {}, 'clipboard-copied': {},
    'bind-site': { accountId: 'abc', origin: 'https://evil.example' }, 'unbind-site': { accountId: 'abc', origin: 'https://evil.example' },
    'update-site': { accountId: 'abc', origin: 'https://evil.example', flags: { submitAfterFill: true } },
    'accounts-for-origin': { origin: 'https://evil.example' }, 'fill-code': { tabId: 1 },
    'enrol-from-page': { tabId: 1, origin: 'https://evil.example', data: 'otpauth://totp/Evil?secret=JBSWY3DPEHPK3PXP' },
    'answer-page-approval': { id: 'a1', answer: 'deny' }, 'tab-sign-in': { tab: { id: 3 } },
  };
  const HOSTILE_SENDERS = [
    ['a web page (https)', { url: 'https://evil.example/' }],
    ['a web page (http)', { url: 'http://evil.example/login' }],
    ['a content script of this extension (it reports the page\'s URL)', { id: 'ext-id', url: 'https://evil.example/', tab: { id: 1 }, frameId: 0 }],
    ['another extension', { id: 'other-ext', url: 'chrome-extension://other-ext/page.html' }],
    ['another extension naming our page', { id: 'other-ext', url: 'chrome-extension://ext-id/src/popup/popup.html' }],
    ['our id with another extension\'s page', { id: 'ext-id', url: 'chrome-extension://other-ext/page.html' }],
    ['a look-alike host', { id: 'ext-id', url: 'chrome-extension://ext-id.evil.example/src/popup/popup.html' }],
    ['our page with a web origin', { ...PAGE, origin: 'https://evil.example' }],
    ['our page framed in a tab', { ...PAGE, tab: { id: 1 }, frameId: 3 }],
    ['a blob: URL', { id: 'ext-id', url: 'blob:https://evil.example/1234' }],
    ['a data: URL', { id: 'ext-id', url: 'data:text/html,<p>x' }],
    ['no URL', { id: 'ext-id' }],
  ] as const;

  it.each(HOSTILE_SENDERS)('refuses every request type from %s, and nothing changes', async (_name, sender) => {
    const stores = memoryStores();
    const { send } = worker(stores);
    expect(await send({ type: 'setup-vault', password: 'long enough pw' })).toEqual({ ok: true });
    const before = [...stores.local.data.entries()];
    for (const [type, fields] of Object.entries(EVERY_REQUEST)) {
      expect(await send({ type, ...fields }, sender), type).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.any(String) } });
    }
    expect([...stores.local.data.entries()]).toEqual(before);
    expect(await send({ type: 'list-accounts' })).toEqual({ ok: true, accounts: [] });
  });

  it('the requests above are valid: from the own page none is refused by the sender check or the schema', async () => {
    const { send } = worker(memoryStores());
    for (const [type, fields] of Object.entries(EVERY_REQUEST)) {
      const answer = await send({ type, ...fields });
      expect(answer.ok ? 'ok' : answer.error.code, type).not.toMatch(/^(forbidden-sender|invalid-request)$/);
      expect(await send({ type, ...fields, extra: 1 }), type).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('at extra') } });
      expect(await send(JSON.parse(JSON.stringify({ type, ...fields }).replace(/^\{/, '{"__proto__":{"x":1},'))), type)
        .toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('at __proto__') } });
      // Every field of the wrong type, one at a time, is refused at its name (a number field: a
      // number breaking its rule instead of 42).
      for (const field of Object.keys(fields)) {
        const wrongNumber = typeof fields[field] === 'number' ? -1.5 : 42;
        for (const wrong of [wrongNumber, true, null, ['x'], { x: 1 }, 'x'.repeat(9 * 1024 * 1024)]) {
          expect(await send({ type, ...fields, [field]: wrong }), `${type}.${field}`)
            .toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining(`at ${field}`) } });
        }
      }
    }
  });

  it('sets up, refuses vault requests while locked, and re-arms auto-lock on activity', async () => {
    const stores = memoryStores();
    const { send, alarms } = worker(stores);
    expect(await send({ type: 'list-accounts' })).toMatchObject({ ok: false, error: { code: 'not-initialized' } });
    expect(await send({ type: 'setup-vault', password: 'long enough pw' })).toEqual({ ok: true });
    expect(alarms.alarms.get(AUTO_LOCK_ALARM)).toEqual({ delayInMinutes: 15 });
    alarms.alarms.clear();
    expect(await send({ type: 'list-accounts' })).toEqual({ ok: true, accounts: [] });
    expect(alarms.alarms.has(AUTO_LOCK_ALARM)).toBe(true); // activity re-armed it
    expect(await send({ type: 'lock' })).toEqual({ ok: true });
    expect(alarms.alarms.has(AUTO_LOCK_ALARM)).toBe(false);
    expect(await send({ type: 'list-accounts' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await send({ type: 'unlock', password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(await send({ type: 'unlock', password: 'long enough pw' })).toEqual({ ok: true });
  });

  it('the auto-lock alarm locks the vault', async () => {
    const { ctx, send } = worker(memoryStores());
    await send({ type: 'setup-vault', password: 'long enough pw' });
    expect(await ctx.lock.onAlarm(AUTO_LOCK_ALARM)).toBe(true);
    expect(await send({ type: 'status' })).toMatchObject({ ok: true, locked: true });
  });

  it('lists accounts without secrets and serves TOTP codes', async () => {
    const { send } = worker(memoryStores());
    await send({ type: 'setup-vault', password: 'long enough pw' });
    const added = await send({ type: 'add-account', account: {
      kind: 'cognito', label: 'Pool', userPoolId: 'eu-west-1_Abc', clientId: 'cid', username: 'alice',
      policy: { autoAnswer: true, rememberDevice: true }, password: 'P@ss-secret', totpSecret: 'jbsw y3dp ehpk 3pxp' } });
    expect(added).toMatchObject({ ok: true, id: expect.any(String) });
    const list = await send({ type: 'list-accounts' });
    expect(JSON.stringify(list)).not.toContain('P@ss-secret');
    expect(JSON.stringify(list)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(list.accounts[0]).toMatchObject({ hasPassword: true, hasTotpSecret: true, username: 'alice' });
    const codes = await send({ type: 'get-codes' });
    expect(codes.codes[0]).toMatchObject({ id: added.id, kind: 'totp', period: 30, code: expect.stringMatching(/^\d{6}$/) });
    expect(await send({ type: 'add-account', account: { kind: 'totp', label: 'x', secret: 'not!base32', algorithm: 'SHA1', digits: 6, period: 30 } }))
      .toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('character 4') } });
  });

  it('takes a password only with a backup import, and says so instead of ignoring it', async () => {
    const { send } = worker(memoryStores());
    await send({ type: 'setup-vault', password: 'long enough pw' });
    const uri = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example';
    expect(await send({ type: 'import', data: uri, password: 'a password' }))
      .toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('Only backup imports take a password') } });
    expect((await send({ type: 'list-accounts' })).accounts).toEqual([]);
    expect(await send({ type: 'import', data: uri })).toMatchObject({ ok: true, added: 1 });
  });

  it('refuses a regional account whose cognito-idp host the person revoked (Firefox allows that), naming the host', async () => {
    const revoked = 'https://cognito-idp.eu-west-1.amazonaws.com/*';
    const { send } = worker(memoryStores(), new RecordingAlarms(), { contains: async ({ origins }) => !origins?.includes(revoked) });
    await send({ type: 'setup-vault', password: 'long enough pw' });
    const account = { kind: 'cognito', label: 'Regional', userPoolId: 'eu-west-1_Abc', clientId: 'cid', username: 'a', policy: { autoAnswer: true, rememberDevice: true } };
    expect(await send({ type: 'add-account', account })).toMatchObject({ ok: false, error: { code: 'permission-missing', message: expect.stringContaining(revoked) } });
    const other = await send({ type: 'add-account', account: { ...account, userPoolId: 'eu-west-2_Abc' } });
    expect(other).toMatchObject({ ok: true });
    // Dropping a custom endpoint leads back to the regional host: checked too.
    const local = await send({ type: 'add-account', account: { ...account, userPoolId: 'eu-west-1_Def', endpoint: 'http://127.0.0.1:9/' } });
    expect(await send({ type: 'update-account', id: local.id, patch: { endpoint: null } })).toMatchObject({ ok: false, error: { code: 'permission-missing' } });
  });

  it('refuses an account on a custom endpoint without host permission', async () => {
    const { send } = worker(memoryStores(), new RecordingAlarms(), { contains: async () => false });
    await send({ type: 'setup-vault', password: 'long enough pw' });
    const r = await send({ type: 'add-account', account: {
      kind: 'cognito', label: 'Local', userPoolId: 'local_Abc', clientId: 'cid', username: 'a', endpoint: 'http://127.0.0.1:9/',
      policy: { autoAnswer: true, rememberDevice: true } } });
    expect(r).toMatchObject({ ok: false, error: { code: 'permission-missing', message: expect.stringContaining('http://127.0.0.1/*') } });
  });

  it('a flow survives a worker restart: found by flow-status, resumed by flow-answer (encrypted in session)', async () => {
    const stores = memoryStores();
    const first = worker(stores);
    await first.send({ type: 'setup-vault', password: 'long enough pw' });
    // No stored password: the engine asks for it before any request. The endpoint is a closed
    // local port, so the resumed flow reaches the network step and fails there, for real.
    const { id } = await first.send({ type: 'add-account', account: {
      kind: 'cognito', label: 'Local', userPoolId: 'local_Abc', clientId: 'cid', username: 'alice', endpoint: 'http://127.0.0.1:9/',
      policy: { autoAnswer: true, rememberDevice: true } } });
    const started = await first.send({ type: 'sign-in', accountId: id });
    expect(started).toMatchObject({ ok: true, flow: { status: 'needs-input', prompt: { kind: 'password' } } });
    const flowId = started.flow.flowId;
    expect((await first.send({ type: 'status' })).pendingApprovals).toEqual([{ flowId, accountId: id, label: 'Local', promptKind: 'password' }]);
    expect(stores.session.dump()).not.toContain('alice');

    const second = worker(stores); // the browser stopped and restarted the worker
    expect(await second.send({ type: 'flow-status', flowId })).toMatchObject({ ok: true, flow: { status: 'needs-input', prompt: { kind: 'password' } } });
    const answered = await second.send({ type: 'flow-answer', flowId, answer: { kind: 'password', password: 'typed-secret' } });
    expect(answered).toMatchObject({ ok: true, flow: { status: 'failed', error: { code: 'transport' } } });
    expect(JSON.stringify(answered)).not.toContain('typed-secret');
    expect(stores.session.dump()).not.toContain('typed-secret');
    expect(await second.send({ type: 'flow-answer', flowId, answer: { kind: 'password', password: 'x' } }))
      .toMatchObject({ ok: false, error: { code: 'flow-not-waiting' } });
  }, 60_000);

  it('a flow cut off while running ends as interrupted after a restart', async () => {
    const stores = memoryStores();
    const first = worker(stores);
    await first.send({ type: 'setup-vault', password: 'long enough pw' });
    const flows = new FlowStore(first.ctx.vault);
    await flows.put({ flowId: 'cut', accountId: 'acc', status: 'running', progress: [{ kind: 'signing-in', username: 'alice', at: 1, level: 'info' }], updatedAt: 1 });
    const second = worker(stores);
    expect(await second.send({ type: 'flow-status', flowId: 'cut' })).toMatchObject({
      ok: true,
      flow: { status: 'failed', error: { code: 'interrupted', message: 'interrupted: the browser stopped the background worker, start again' } },
    });
  });

  it('locking drops flows in flight', async () => {
    const stores = memoryStores();
    const { send, ctx } = worker(stores);
    await send({ type: 'setup-vault', password: 'long enough pw' });
    await new FlowStore(ctx.vault).put({ flowId: 'f', accountId: 'a', status: 'needs-input', progress: [], updatedAt: 1 });
    await send({ type: 'lock' });
    expect(await stores.session.get(null)).toEqual({});
  });
});

