// Site bindings through the background (router → handlers → SiteBindings → vault): bind, change
// the switches, unbind, and which accounts a tab of an origin gets; the bindings are in the
// encrypted account record (so they survive a worker restart and are never in storage in clear).
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/background/context';
import { handleMessage } from '../../src/background/router';
import { memoryStores, POPUP, RecordingAlarms, SELF, startWorker } from './background-helpers';

const APP = 'http://127.0.0.1:5173';
const OTHER = 'https://other.example';
const TOTP = { kind: 'totp', label: 'Plain', secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', algorithm: 'SHA1', digits: 6, period: 30 };
const COGNITO = { kind: 'cognito', label: 'Pool user', userPoolId: 'eu-west-1_abcDEF', clientId: 'client123', username: 'alice',
  policy: { autoAnswer: true, rememberDevice: false } };

async function unlockedWorker() {
  const stores = memoryStores();
  const w = startWorker(stores);
  expect(await w.send({ type: 'setup-vault', password: 'sites vault password' })).toEqual({ ok: true });
  const totp = (await w.send({ type: 'add-account', account: TOTP })).id as string;
  const cognito = (await w.send({ type: 'add-account', account: COGNITO })).id as string;
  return { ...w, stores, totp, cognito };
}

describe('site bindings in the background', () => {
  it('an account starts bound nowhere; binding lists it for that exact origin only', async () => {
    const { send, totp, cognito } = await unlockedWorker();
    expect((await send({ type: 'list-accounts' })).accounts.map((a: { sites: unknown }) => a.sites)).toEqual([[], []]);
    expect(await send({ type: 'accounts-for-origin', origin: APP })).toEqual({ ok: true, origin: APP, accounts: [], permissionGranted: true });

    expect(await send({ type: 'bind-site', accountId: totp, origin: APP })).toEqual({
      ok: true, sites: [{ origin: APP, submitAfterFill: false, observeSignIn: false }] });
    await send({ type: 'bind-site', accountId: cognito, origin: OTHER, flags: { observeSignIn: true } });

    const forApp = await send({ type: 'accounts-for-origin', origin: APP });
    expect(forApp.accounts.map((a: { id: string }) => a.id)).toEqual([totp]);
    expect(forApp.accounts[0]).not.toHaveProperty('secret');
    for (const near of ['http://127.0.0.1:5174', 'http://127.0.0.2:5173', 'https://127.0.0.1:5173', 'http://localhost:5173']) {
      expect((await send({ type: 'accounts-for-origin', origin: near })).accounts).toEqual([]);
    }
    expect((await send({ type: 'accounts-for-origin', origin: OTHER })).accounts.map((a: { id: string }) => a.id)).toEqual([cognito]);
    const listed = (await send({ type: 'list-accounts' })).accounts;
    expect(listed.find((a: { id: string }) => a.id === cognito).sites).toEqual([{ origin: OTHER, submitAfterFill: false, observeSignIn: true }]);
  });

  it('switches change one at a time; unbinding is idempotent; an unknown binding or account is not-found', async () => {
    const { send, totp } = await unlockedWorker();
    await send({ type: 'bind-site', accountId: totp, origin: APP });
    expect((await send({ type: 'update-site', accountId: totp, origin: APP, flags: { submitAfterFill: true } })).sites)
      .toEqual([{ origin: APP, submitAfterFill: true, observeSignIn: false }]);
    // Binding again keeps the switches.
    expect((await send({ type: 'bind-site', accountId: totp, origin: APP })).sites)
      .toEqual([{ origin: APP, submitAfterFill: true, observeSignIn: false }]);
    expect(await send({ type: 'update-site', accountId: totp, origin: OTHER, flags: { submitAfterFill: true } }))
      .toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await send({ type: 'bind-site', accountId: 'nobody', origin: APP })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await send({ type: 'unbind-site', accountId: totp, origin: APP })).toEqual({ ok: true, sites: [] });
    expect(await send({ type: 'unbind-site', accountId: totp, origin: APP })).toEqual({ ok: true, sites: [] });
    expect((await send({ type: 'accounts-for-origin', origin: APP })).accounts).toEqual([]);
  });

  it('refuses what is not an exact origin, and needs the vault unlocked', async () => {
    const { send, totp } = await unlockedWorker();
    for (const origin of [`${APP}/`, 'https://*.example', 'HTTPS://OTHER.EXAMPLE', 'other.example']) {
      expect(await send({ type: 'bind-site', accountId: totp, origin })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    await send({ type: 'lock' });
    expect(await send({ type: 'bind-site', accountId: totp, origin: APP })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await send({ type: 'accounts-for-origin', origin: APP })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('bindings are kept encrypted in the account record and survive a worker restart; editing the account keeps them', async () => {
    const { send, stores, totp } = await unlockedWorker();
    await send({ type: 'bind-site', accountId: totp, origin: APP, flags: { submitAfterFill: true } });
    expect(`${stores.local.dump()}${stores.session.dump()}`).not.toContain('127.0.0.1:5173');
    expect((await send({ type: 'update-account', id: totp, patch: { label: 'Renamed' } })).ok).toBe(true);
    const restarted = startWorker(stores);
    const view = await restarted.send({ type: 'accounts-for-origin', origin: APP });
    expect(view.accounts).toMatchObject([{ id: totp, label: 'Renamed', sites: [{ origin: APP, submitAfterFill: true, observeSignIn: false }] }]);
  });

  it('backups carry the bindings', async () => {
    const { send, totp } = await unlockedWorker();
    await send({ type: 'bind-site', accountId: totp, origin: APP });
    const { file } = await send({ type: 'export-backup', password: 'a backup password' });
    const other = await unlockedWorker();
    await other.send({ type: 'delete-account', id: other.totp });
    expect(await other.send({ type: 'import', data: file, password: 'a backup password' })).toMatchObject({ ok: true, added: 1 });
    expect((await other.send({ type: 'accounts-for-origin', origin: APP })).accounts.map((a: { label: string }) => a.label)).toEqual(['Plain']);
  });

  it('says whether the host permission of the origin is granted (asked for its pattern, no port)', async () => {
    const stores = memoryStores();
    const asked: string[][] = [];
    const ctx = createContext({ stores, alarms: new RecordingAlarms(), permissions: { contains: async ({ origins = [] }) => {
      asked.push(origins);
      return false;
    } } });
    const send = (msg: unknown) => handleMessage(msg, POPUP, SELF, ctx) as Promise<any>;
    await send({ type: 'setup-vault', password: 'sites vault password' });
    expect(await send({ type: 'accounts-for-origin', origin: APP })).toEqual({ ok: true, origin: APP, accounts: [], permissionGranted: false });
    expect(asked).toEqual([['http://127.0.0.1/*']]);
  });
});
