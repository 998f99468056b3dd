import { describe, expect, it } from 'vitest';
import { base64 } from '@scure/base';
import { Vault } from '../../src/background/vault/vault';
import { AccountStore } from '../../src/background/accounts/store';
import { HEADER_KEY, RECORD_PREFIX, SESSION_KEY, PBKDF2_MIN_ITERATIONS } from '../../src/background/vault/format';
import { AppError } from '../../src/background/errors';
import { memoryStores } from '../background/background-helpers';

const PASSWORD = 'correct horse battery staple';
const SECRETS = { password: 'Pa55word!-never-stored-plain', totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' };

async function freshVault() {
  const stores = memoryStores();
  const vault = new Vault(stores);
  await vault.create(PASSWORD);
  const accounts = new AccountStore(vault);
  const id = await accounts.add({
    kind: 'cognito', label: 'Work', userPoolId: 'eu-west-1_AbC123', clientId: 'client123', username: 'alice',
    policy: { autoAnswer: true, rememberDevice: true }, password: SECRETS.password, totpSecret: SECRETS.totpSecret,
  });
  return { stores, vault, accounts, id };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected a rejection');
}

describe('vault', () => {
  it('round-trips a record through lock and unlock', async () => {
    const { vault, accounts, id } = await freshVault();
    await vault.lock();
    expect(await vault.isUnlocked()).toBe(false);
    expect(await codeOf(accounts.get(id))).toBe('locked');
    await vault.unlock(PASSWORD);
    const account = await accounts.getCognito(id);
    expect(account.secrets).toEqual(SECRETS);
    expect(account.username).toBe('alice');
  });

  it('stores nothing in plaintext: no secret, label or username in storage.local; only the key in session', async () => {
    const { stores } = await freshVault();
    const local = stores.local.dump();
    for (const s of [SECRETS.password, SECRETS.totpSecret, 'alice', 'Work', 'eu-west-1_AbC123', PASSWORD]) expect(local).not.toContain(s);
    // session holds exactly the raw vault key, which must not appear in local storage
    const session = await stores.session.get(null);
    expect(Object.keys(session)).toEqual([SESSION_KEY]);
    expect(base64.decode(session[SESSION_KEY] as string)).toHaveLength(32);
    expect(local).not.toContain(session[SESSION_KEY] as string);
    const header = (await stores.local.get(HEADER_KEY))[HEADER_KEY] as { slots: { kdf: { iterations: number; salt: string } }[] };
    expect(header.slots[0]!.kdf.iterations).toBeGreaterThanOrEqual(PBKDF2_MIN_ITERATIONS);
    expect(base64.decode(header.slots[0]!.kdf.salt).length).toBeGreaterThanOrEqual(16);
  });

  it('a wrong password is refused and changes nothing', async () => {
    const { stores, vault } = await freshVault();
    await vault.lock();
    const before = stores.local.dump();
    expect(await codeOf(vault.unlock('not the password'))).toBe('wrong-password');
    expect(stores.local.dump()).toBe(before);
    expect(await vault.isUnlocked()).toBe(false);
  });

  it('setup refuses to overwrite an existing (even unreadable) vault', async () => {
    const { stores, vault } = await freshVault();
    await stores.local.set({ [HEADER_KEY]: '{not json' });
    const before = stores.local.dump();
    expect(await codeOf(vault.create('another password'))).toBe('already-initialized');
    expect(stores.local.dump()).toBe(before);
  });

  it('refuses weak passwords at setup', async () => {
    expect(await codeOf(new Vault(memoryStores()).create('short'))).toBe('weak-password');
  });

  it.each([
    ['header is a string (bad JSON)', (h: any) => '{"format":'],
    ['iterations below the minimum', (h: any) => { h.slots[0].kdf.iterations = 1; return h; }],
    ['iterations above the maximum', (h: any) => { h.slots[0].kdf.iterations = 1e12; return h; }],
    ['salt too short', (h: any) => { h.slots[0].kdf.salt = base64.encode(new Uint8Array(8)); return h; }],
    ['unknown KDF', (h: any) => { h.slots[0].kdf.name = 'MD5'; return h; }],
    ['truncated wrapped key', (h: any) => { h.slots[0].key = h.slots[0].key.slice(0, 20); return h; }],
    ['future version', (h: any) => { h.version = 2; return h; }],
  ])('unlock reports a corrupt header (%s) and leaves it in place', async (_name, mutate) => {
    const { stores, vault } = await freshVault();
    await vault.lock();
    const header = (await stores.local.get(HEADER_KEY))[HEADER_KEY];
    await stores.local.set({ [HEADER_KEY]: mutate(structuredClone(header)) });
    const before = stores.local.dump();
    expect(await codeOf(vault.unlock(PASSWORD))).toBe('vault-corrupt');
    expect(stores.local.dump()).toBe(before);
  });

  it('detects in-bounds tampering with the KDF parameters (bound as additional data)', async () => {
    const { stores, vault } = await freshVault();
    await vault.lock();
    const header = structuredClone((await stores.local.get(HEADER_KEY))[HEADER_KEY]) as any;
    header.slots[0].kdf.iterations += 1;
    await stores.local.set({ [HEADER_KEY]: header });
    expect(await codeOf(vault.unlock(PASSWORD))).toBe('wrong-password');
  });

  it('detects a flipped ciphertext bit, a truncated record and a record moved to another id', async () => {
    const { stores, accounts, id } = await freshVault();
    const key = `${RECORD_PREFIX}account.${id}`;
    const original = (await stores.local.get(key))[key] as { ct: string };

    const flipped = base64.decode(original.ct);
    flipped[3]! ^= 1;
    await stores.local.set({ [key]: { ...original, ct: base64.encode(flipped) } });
    expect(await codeOf(accounts.get(id))).toBe('vault-corrupt');

    await stores.local.set({ [key]: { ...original, ct: original.ct.slice(0, 8) } });
    expect(await codeOf(accounts.get(id))).toBe('vault-corrupt');

    // Same envelope under another id: the additional data (record id) no longer matches.
    await stores.local.set({ [key]: original, [`${RECORD_PREFIX}account.other`]: original });
    expect(await codeOf(accounts.get('other'))).toBe('vault-corrupt');
    expect((await accounts.getCognito(id)).secrets.password).toBe(SECRETS.password);
  });

  it('a corrupt record is reported by list and survives: nothing is overwritten', async () => {
    const { stores, accounts, id } = await freshVault();
    const key = `${RECORD_PREFIX}account.${id}`;
    await stores.local.set({ [key]: 'garbage' });
    const err = await accounts.list().catch((e: unknown) => e as AppError);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('vault-corrupt');
    expect((err as AppError).message).toContain(key);
    expect(await codeOf(accounts.update(id, { label: 'x' }))).toBe('vault-corrupt');
    expect((await stores.local.get(key))[key]).toBe('garbage');
  });

  it('says why a record cannot be read, as a code the pages word: altered, malformed, wrong shape', async () => {
    const { stores, vault, accounts, id } = await freshVault();
    const key = `${RECORD_PREFIX}account.${id}`;
    const original = (await stores.local.get(key))[key] as { ct: string };
    const damageOf = async () => (await accounts.listReadable()).unreadable.map((u) => u.error.damage);

    const flipped = base64.decode(original.ct);
    flipped[3]! ^= 1;
    await stores.local.set({ [key]: { ...original, ct: base64.encode(flipped) } });
    expect(await damageOf()).toEqual(['altered']);

    await stores.local.set({ [key]: 'garbage' });
    expect(await damageOf()).toEqual(['malformed']);

    // Sealed with the right key, but not an account: what another version could have written.
    await vault.write(`account.${id}`, { kind: 'from-the-future' });
    expect(await damageOf()).toEqual(['wrong-shape']);
  });

  it('uses a fresh nonce for every write', async () => {
    const { stores, accounts, id } = await freshVault();
    const key = `${RECORD_PREFIX}account.${id}`;
    const a = (await stores.local.get(key))[key] as { nonce: string };
    await accounts.update(id, { label: 'Work' });
    const b = (await stores.local.get(key))[key] as { nonce: string };
    expect(a.nonce).not.toBe(b.nonce);
  });
});
