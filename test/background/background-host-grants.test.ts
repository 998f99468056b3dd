// What follows a change of where accounts are used (AccountStore.onPlacesChanged): the code-fill
// script's registration, and giving back a host permission nothing uses any more
// (src/background/sites/host-grants.ts). Driven through the router as the pages drive it. The
// browser's permission set and its content-script registry are modelled in memory here; the real
// ones are exercised in test/e2e/code-fill.test.ts ("options: …a site on another host…").
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/background/context';
import type { ScriptingPort } from '../../src/background/fill/page-scripts';
import { handleMessage } from '../../src/background/router';
import { RECORD_PREFIX } from '../../src/background/vault/format';
import { COGNITO_HOST_PERMISSIONS } from '../../src/cognito/user-pool-endpoints';
import { memoryStores, POPUP, RecordingAlarms, SELF } from './background-helpers';

const APP = 'http://127.0.0.1:5173';
const APP_OTHER_PORT = 'http://127.0.0.1:8080';
const SHOP = 'https://shop.example';
const TOTP = { kind: 'totp', label: 'Plain', secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', algorithm: 'SHA1', digits: 6, period: 30 };
const LOCAL_POOL_USER = { kind: 'cognito', label: 'Local pool user', userPoolId: 'eu-west-1_localPool', clientId: 'client123', username: 'alice',
  endpoint: 'http://127.0.0.1:9229/', policy: { autoAnswer: true, rememberDevice: false } };
const AWS_USER = { kind: 'cognito', label: 'AWS user', userPoolId: 'eu-west-1_abcDEF', clientId: 'client123', username: 'bob',
  policy: { autoAnswer: true, rememberDevice: false } };

/** The browser's grants: the manifest's hosts (which cannot be removed) and what the person granted. */
class BrowserPermissions {
  readonly granted = new Set<string>();
  readonly removed: string[] = [];
  constructor(...optional: string[]) { for (const p of optional) this.granted.add(p); }
  async contains({ origins = [] }: { origins?: string[] }) {
    return origins.every((o) => this.granted.has(o) || COGNITO_HOST_PERMISSIONS.includes(o));
  }
  async remove({ origins = [] }: { origins?: string[] }) {
    if (origins.some((o) => COGNITO_HOST_PERMISSIONS.includes(o))) throw new Error('You cannot remove required permissions.');
    for (const o of origins) { this.granted.delete(o); this.removed.push(o); }
    return true;
  }
}

/** The browser's registered content scripts, as scripting.* keeps them. */
class Registry implements ScriptingPort {
  matches: string[] | undefined;
  async getRegisteredContentScripts() { return this.matches ? [{ id: 'code-fill' }] : []; }
  async registerContentScripts([script]: { matches: string[] }[]) { this.matches = script!.matches; }
  async updateContentScripts([script]: { matches: string[] }[]) { this.matches = script!.matches; }
  async unregisterContentScripts() { this.matches = undefined; }
}

async function worker(permissions = new BrowserPermissions('http://127.0.0.1/*', 'https://shop.example/*')) {
  const stores = memoryStores();
  const scripting = new Registry();
  const ctx = createContext({ stores, alarms: new RecordingAlarms(), permissions, scripting });
  const send = (msg: unknown) => handleMessage(msg, POPUP, SELF, ctx) as Promise<any>;
  expect(await send({ type: 'setup-vault', password: 'host grants vault password' })).toEqual({ ok: true });
  const add = async (account: unknown) => {
    const reply = await send({ type: 'add-account', account });
    expect(reply).toMatchObject({ ok: true });
    return reply.id as string;
  };
  const bind = async (accountId: string, origin: string) => expect(await send({ type: 'bind-site', accountId, origin })).toMatchObject({ ok: true });
  return { stores, ctx, send, add, bind, permissions, scripting };
}

describe('host permissions are given back when nothing uses them', () => {
  it("unbinding a host's last site gives its grant back; a binding on another port of the host keeps it", async () => {
    const { send, add, bind, permissions } = await worker();
    const a = await add(TOTP);
    const b = await add({ ...TOTP, label: 'Second', secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' });
    await bind(a, APP);
    await bind(b, APP_OTHER_PORT);
    await bind(a, SHOP);

    await send({ type: 'unbind-site', accountId: a, origin: APP });
    expect(permissions.removed, 'http://127.0.0.1/* still serves :8080').toEqual([]);
    await send({ type: 'unbind-site', accountId: b, origin: APP_OTHER_PORT });
    expect(permissions.removed).toEqual(['http://127.0.0.1/*']);
    expect(permissions.granted).toEqual(new Set(['https://shop.example/*']));
  });

  it("a Cognito account's endpoint on the same host keeps the grant (patterns carry no port)", async () => {
    const { send, add, bind, permissions } = await worker();
    const totp = await add(TOTP);
    const pool = await add(LOCAL_POOL_USER);
    await bind(totp, APP);
    await send({ type: 'unbind-site', accountId: totp, origin: APP });
    expect(permissions.removed).toEqual([]);
    // The account goes: nothing needs 127.0.0.1 any more.
    expect(await send({ type: 'delete-account', id: pool })).toMatchObject({ ok: true });
    expect(permissions.removed).toEqual(['http://127.0.0.1/*']);
  });

  it("deleting an account gives back its sites' grants; moving a Cognito account to a listed endpoint gives back the old one", async () => {
    const { send, add, bind, permissions } = await worker();
    const totp = await add(TOTP);
    await bind(totp, SHOP);
    const pool = await add(LOCAL_POOL_USER);
    await send({ type: 'delete-account', id: totp });
    expect(permissions.removed).toEqual(['https://shop.example/*']);
    expect(await send({ type: 'update-account', id: pool, patch: { endpoint: null } })).toMatchObject({ ok: true });
    expect(permissions.removed).toEqual(['https://shop.example/*', 'http://127.0.0.1/*']);
  });

  it("a manifest-listed endpoint's grant is never given back, and what the person granted for no account is left alone", async () => {
    const { send, add, permissions } = await worker(new BrowserPermissions('http://127.0.0.1/*', 'https://unrelated.example/*'));
    const aws = await add(AWS_USER);
    await send({ type: 'delete-account', id: aws });
    const local = await add(LOCAL_POOL_USER);
    await send({ type: 'update-account', id: local, patch: { label: 'Renamed' } });
    expect(permissions.removed).toEqual([]);
    expect(permissions.granted).toEqual(new Set(['http://127.0.0.1/*', 'https://unrelated.example/*']));
  });

  it('nothing is given back while a damaged record cannot be read: it may be the one that needs the grant', async () => {
    const { stores, send, add, bind, permissions } = await worker();
    const a = await add(TOTP);
    const b = await add({ ...TOTP, label: 'Second', secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU' });
    await bind(a, SHOP);
    await bind(b, SHOP);
    // Damage b's record: one ciphertext character flipped, GCM refuses it.
    const key = `${RECORD_PREFIX}account.${b}`;
    const envelope = (await stores.local.get(key))[key] as { ct: string };
    await stores.local.set({ [key]: { ...envelope, ct: (envelope.ct[0] === 'A' ? 'B' : 'A') + envelope.ct.slice(1) } });
    expect((await send({ type: 'list-accounts' })).unreadable).toHaveLength(1);

    await send({ type: 'unbind-site', accountId: a, origin: SHOP });
    expect(permissions.removed).toEqual([]);
  });
});

describe('the code-fill script follows every change of the bindings', () => {
  it('binding registers it for the host; deleting the account unregisters it; a backup with bindings registers it where imported', async () => {
    const { send, add, bind, scripting } = await worker();
    const totp = await add(TOTP);
    expect(scripting.matches).toBeUndefined();
    await bind(totp, SHOP);
    expect(scripting.matches).toEqual(['https://shop.example/*']);
    const { file } = await send({ type: 'export-backup', password: 'a backup password' });
    await send({ type: 'delete-account', id: totp });
    expect(scripting.matches, 'no site is bound any more').toBeUndefined();

    const other = await worker();
    expect(await other.send({ type: 'import', data: file, password: 'a backup password' })).toMatchObject({ ok: true, added: 1 });
    expect(other.scripting.matches).toEqual(['https://shop.example/*']);
  });
});
