import { describe, expect, it } from 'vitest';
import { base64 } from '@scure/base';
import { readBackup, writeBackup, BACKUP_FORMAT } from '../../src/background/backup/format';
import { runImport } from '../../src/background/accounts/import-pipeline';
import { AccountStore } from '../../src/background/accounts/store';
import { AccountOrderStore } from '../../src/background/account-order';
import { Vault } from '../../src/background/vault/vault';
import { AppError } from '../../src/background/errors';
import type { Account } from '../../src/background/accounts/model';
import { memoryStores } from '../background/background-helpers';
import { deriveKeyFromPassword, randomBytes, seal } from '../../src/background/vault/crypto';
import { checkRestorable } from '../../src/background/backup/format';
import { isOtpError } from '../../src/otp/otp-errors';

/**
 * A backup file of any plaintext, written from docs/backup-format.md (not by writeBackup): what a
 * hostile or foreign build could hand over, authenticated by a password the person knows.
 */
async function backupOf(plaintext: unknown, password = BACKUP_PASSWORD): Promise<string> {
  const salt = randomBytes(16);
  const iterations = 600_000;
  const key = await deriveKeyFromPassword(password, salt, iterations);
  const aad = new TextEncoder().encode(`${BACKUP_FORMAT}:1:PBKDF2-SHA256:${iterations}:${base64.encode(salt)}`);
  const text = typeof plaintext === 'string' ? plaintext : JSON.stringify(plaintext);
  const sealed = await seal(key, new TextEncoder().encode(text), aad);
  return JSON.stringify({ format: BACKUP_FORMAT, version: 1, kdf: { name: 'PBKDF2-SHA256', iterations, salt: base64.encode(salt) },
    nonce: base64.encode(sealed.nonce), payload: base64.encode(sealed.ciphertext) });
}

const BACKUP_PASSWORD = 'backup-password-123';
const ACCOUNTS: Account[] = [
  { kind: 'totp', id: 'a1', label: 'GitHub', issuer: 'GitHub', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
  { kind: 'cognito', id: 'a2', label: 'Pool', userPoolId: 'us-east-1_Abc', clientId: 'cid', username: 'bob@example.com',
    policy: { autoAnswer: false, rememberDevice: true },
    secrets: { password: 'S3cret-pass', device: { deviceKey: 'us-east-1_dev', deviceGroupKey: 'grp', devicePassword: 'devpass-xyz' } } },
];

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => { throw new Error('expected a rejection'); }, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('backup file', () => {
  it('round-trips every account with its secrets, and holds none in clear', async () => {
    const file = await writeBackup(ACCOUNTS, BACKUP_PASSWORD);
    const parsed = JSON.parse(file);
    expect(parsed.format).toBe(BACKUP_FORMAT);
    expect(parsed.version).toBe(1);
    expect(parsed.kdf).toMatchObject({ name: 'PBKDF2-SHA256', iterations: 600000 });
    // Each needle holds a character base64 never writes ('-', '@', '.') or is long enough (6+) that random ciphertext cannot match it by chance: a 3-letter 'bob' matched about one run in 500.
    for (const s of ['S3cret-pass', 'devpass-xyz', 'JBSWY3DP', 'GitHub', 'bob@example.com']) expect(file).not.toContain(s);
    const back = await readBackup(file, BACKUP_PASSWORD);
    expect(back.accounts).toEqual(ACCOUNTS);
  });

  it('refuses a wrong password', async () => {
    const file = await writeBackup(ACCOUNTS, BACKUP_PASSWORD);
    expect((await rejection(readBackup(file, 'wrong-password'))).code).toBe('wrong-password');
  });

  const hostile: [string, (f: any) => unknown, RegExp][] = [
    ['iterations 1', (f) => ({ ...f, kdf: { ...f.kdf, iterations: 1 } }), /iterations below 600000/],
    ['iterations 10^12', (f) => ({ ...f, kdf: { ...f.kdf, iterations: 1e12 } }), /iterations above 10000000/],
    ['fractional iterations', (f) => ({ ...f, kdf: { ...f.kdf, iterations: 600000.5 } }), /integer/],
    ['short salt', (f) => ({ ...f, kdf: { ...f.kdf, salt: base64.encode(new Uint8Array(4)) } }), /salt/],
    ['unknown kdf', (f) => ({ ...f, kdf: { ...f.kdf, name: 'scrypt' } }), /kdf\.name/],
    ['other format', (f) => ({ ...f, format: 'aegis' }), /not a cognito-authenticator\/backup file/],
    ['future version', (f) => ({ ...f, version: 9 }), /unsupported version/],
    ['bad nonce', (f) => ({ ...f, nonce: 'AAAA' }), /nonce/],
    ['payload not base64', (f) => ({ ...f, payload: '!!!' }), /payload/],
    ['array instead of object', () => [], /./],
    ['iterations as a string', (f) => ({ ...f, kdf: { ...f.kdf, iterations: '600000' } }), /kdf\.iterations/],
    ['iterations 1e9', (f) => ({ ...f, kdf: { ...f.kdf, iterations: 1e9 } }), /iterations above 10000000/],
    ['a 1 MB salt', (f) => ({ ...f, kdf: { ...f.kdf, salt: base64.encode(new Uint8Array(1 << 20)) } }), /salt/],
    ['a 13-byte nonce', (f) => ({ ...f, nonce: base64.encode(new Uint8Array(13)) }), /nonce.*12/],
    ['a nonce that is a number', (f) => ({ ...f, nonce: 12 }), /nonce/],
  ];
  it.each(hostile)('rejects a hostile file before deriving a key: %s', async (_name, mutate, message) => {
    const file = JSON.parse(await writeBackup(ACCOUNTS, BACKUP_PASSWORD));
    const err = await rejection(readBackup(JSON.stringify(mutate(file)), BACKUP_PASSWORD));
    expect(err.code).toBe('backup-invalid');
    expect(err.message).toMatch(message);
  });

  it('rejects text that is not JSON', async () => {
    const err = await rejection(readBackup('{"format": "cognito-authenticator/backup", ', BACKUP_PASSWORD));
    expect(err.code).toBe('backup-invalid');
    expect(err.message).toMatch(/not JSON/);
  });

  it('detects a truncated payload and in-bounds KDF changes (authenticated as additional data)', async () => {
    const file = JSON.parse(await writeBackup(ACCOUNTS, BACKUP_PASSWORD));
    const truncated = { ...file, payload: base64.encode(base64.decode(file.payload).slice(0, 40)) };
    expect((await rejection(readBackup(JSON.stringify(truncated), BACKUP_PASSWORD))).code).toBe('wrong-password');
    const bumped = { ...file, kdf: { ...file.kdf, iterations: file.kdf.iterations + 1 } };
    expect((await rejection(readBackup(JSON.stringify(bumped), BACKUP_PASSWORD))).code).toBe('wrong-password');
  });

  // A backup is authenticated by its password, not vouched for by this extension: a file from an
  // older or another build, or one handed over by someone else, may hold OTP parameters that
  // add-account refuses. Stored, one such account made get-codes fail for every account.
  const unusable: [string, Partial<Account>, RegExp][] = [
    ['digits out of range', { digits: 1000 }, /accounts\.0\.digits/],
    ['fractional period', { period: 0.5 }, /accounts\.0\.period/],
    ['secret not base32', { secret: 'NOT-BASE32-!!-SECRETVALUE' }, /accounts\.0\.secret/],
  ];
  it.each(unusable)('refuses an account whose codes cannot be computed: %s', async (_name, change, where) => {
    const bad = { ...ACCOUNTS[0]!, ...change } as Account;
    const err = await rejection(readBackup(await writeBackup([bad, ACCOUNTS[1]!], BACKUP_PASSWORD), BACKUP_PASSWORD));
    expect(err.code).toBe('backup-invalid');
    expect(err.message).toMatch(where);
    expect(err.message).not.toContain('SECRETVALUE');
  });

  // The decrypted payload is as untrusted as the file: a foreign build, or someone else's file.
  const totp = ACCOUNTS[0]!;
  const payloads: [string, unknown, RegExp][] = [
    ['an exportedAt that is not a date', { exportedAt: 'yesterday', accounts: [totp] }, /at exportedAt/],
    ['an exportedAt that is a number', { exportedAt: 1733342400000, accounts: [totp] }, /at exportedAt/],
    ['no accounts list', { exportedAt: '2026-12-04T20:00:00.000Z', accounts: { 0: totp, length: 1 } }, /at accounts/],
    ['a payload that is a list', [totp], /does not match the format/],
    ['a payload nested 100 000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /does not match the format/],
    ['an account of an unknown kind "__proto__"', { exportedAt: '2026-12-04T20:00:00.000Z', accounts: [{ ...totp, kind: '__proto__' }] }, /accounts\.0\.kind/],
  ];
  it.each(payloads)('refuses a payload with %s, naming where', async (_name, plaintext, where) => {
    const err = await rejection(readBackup(await backupOf(plaintext), BACKUP_PASSWORD));
    expect(err.code).toBe('backup-invalid');
    expect(err.message).toMatch(where);
  });

  it('"__proto__", "constructor" and "prototype" keys in a payload are data to drop, not a prototype to follow', async () => {
    const account = JSON.stringify(totp).slice(0, -1) +
      ',"__proto__":{"kind":"cognito","clockOffsetSeconds":3600,"polluted":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true}}';
    const text = `{"exportedAt":"2026-12-04T20:00:00.000Z","__proto__":{"accounts":[]},"accounts":[${account}]}`;
    const { accounts } = await readBackup(await backupOf(text), BACKUP_PASSWORD);
    expect(accounts).toEqual([totp]);
    expect(Object.keys(accounts[0]!).sort()).toEqual(Object.keys(totp).sort());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a payload of 10 001 accounts with its own code, before reading any, and adds nothing', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ ...totp, id: `a${i}`, label: `L${i}` }));
    const file = await backupOf({ exportedAt: '2026-12-04T20:00:00.000Z', accounts: many });
    const e = await readBackup(file, BACKUP_PASSWORD).then(() => undefined, (err: unknown) => err);
    expect(isOtpError(e, 'backup-too-many-accounts')).toBe(true);
    expect(e).toMatchObject({ code: 'backup-too-many-accounts', message: expect.stringMatching(/10001 accounts; at most 10000/) });
    const stores = memoryStores();
    const vault = new Vault(stores);
    await vault.create('vault-password');
    const store = new AccountStore(vault);
    const orders = new AccountOrderStore(stores.local);
    await expect(runImport(store, orders, { data: file, password: BACKUP_PASSWORD })).rejects.toMatchObject({ code: 'backup-too-many-accounts' });
    expect(await store.list()).toEqual([]);
    // The export refuses to write what the import would refuse.
    expect(() => checkRestorable(many as Account[])).toThrow(expect.objectContaining({ code: 'backup-too-many-accounts' }));
    expect(() => checkRestorable(many.slice(0, 10_000) as Account[])).not.toThrow();
  });

  it('restores a payload whose accounts share an id, or repeat one account, as distinct records (nothing overwritten)', async () => {
    const other = { ...totp, label: 'Other', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
    const file = await backupOf({ exportedAt: '2026-12-04T20:00:00.000Z', accounts: [totp, { ...other, id: totp.id }, { ...totp, id: 'again' }] });
    const stores = memoryStores();
    const vault = new Vault(stores);
    await vault.create('vault-password');
    const store = new AccountStore(vault);
    const orders = new AccountOrderStore(stores.local);
    expect(await runImport(store, orders, { data: file, password: BACKUP_PASSWORD })).toEqual({ format: 'backup', added: 2, skipped: 1, problems: [] });
    const held = await store.list();
    expect(held.map((a) => a.label)).toEqual(['GitHub', 'Other']);
    expect(new Set(held.map((a) => a.id)).size).toBe(2);
  });

  it('an export refused for a stored label with a text-direction override names it without the override', () => {
    const stored = { ...ACCOUNTS[0]!, label: 'moc.elgoog\u202eevil\nline' } as Account;
    expect(() => checkRestorable([stored])).toThrow(expect.objectContaining({ code: 'account-unrestorable',
      message: expect.stringContaining('"moc.elgoog\ufffdevil\ufffdline"') }));
  });

  it('refuses a Cognito account whose TOTP secret is not base32', async () => {
    const cognito = ACCOUNTS[1]!;
    if (cognito.kind !== 'cognito') throw new Error('fixture changed');
    const bad: Account = { ...cognito, secrets: { ...cognito.secrets, totpSecret: 'not base32 at all' } };
    const err = await rejection(readBackup(await writeBackup([bad], BACKUP_PASSWORD), BACKUP_PASSWORD));
    expect(err.message).toMatch(/accounts\.0\.secrets\.totpSecret/);
  });

  it('imports into a vault and skips accounts it already holds', async () => {
    const stores = memoryStores();
    const vault = new Vault(stores);
    await vault.create('vault-password');
    const store = new AccountStore(vault);
    const orders = new AccountOrderStore(stores.local);
    const file = await writeBackup(ACCOUNTS, BACKUP_PASSWORD);
    expect(await runImport(store, orders, { data: file, password: BACKUP_PASSWORD })).toEqual({ format: 'backup', added: 2, skipped: 0, problems: [] });
    expect(await runImport(store, orders, { data: file, password: BACKUP_PASSWORD })).toEqual({ format: 'backup', added: 0, skipped: 2, problems: [] });
    const stored = await store.list();
    expect(stored.map((a) => a.label).sort()).toEqual(['GitHub', 'Pool']);
    const pool = stored.find((a) => a.kind === 'cognito');
    expect(pool?.kind === 'cognito' && pool.secrets.device?.devicePassword).toBe('devpass-xyz');
  });
});

describe('backup file: the popup order', () => {
  async function emptyVault() {
    const stores = memoryStores();
    const vault = new Vault(stores);
    await vault.create('vault-password');
    return { store: new AccountStore(vault), orders: new AccountOrderStore(stores.local) };
  }
  const THIRD: Account = { kind: 'hotp', id: 'a3', label: 'Bank', issuer: 'Bank', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, counter: 0 };
  const labelsInOrder = async (store: AccountStore, orders: AccountOrderStore) => {
    const order = await orders.get();
    const byId = new Map((await store.list()).map((a) => [a.id, a.label]));
    return { pinned: order.pinned.map((id) => byId.get(id)), order: order.order.map((id) => byId.get(id)) };
  };

  it('carries the pins and order of the exported accounts only (a deleted account\'s id is left out)', async () => {
    const file = await writeBackup([...ACCOUNTS, THIRD], BACKUP_PASSWORD, { pinned: ['a3', 'gone'], order: ['a2', 'a1'] });
    expect((await readBackup(file, BACKUP_PASSWORD)).order).toEqual({ pinned: ['a3'], order: ['a2', 'a1'] });
  });

  it('restores it into an empty vault under the ids the accounts get there', async () => {
    const { store, orders } = await emptyVault();
    const file = await writeBackup([...ACCOUNTS, THIRD], BACKUP_PASSWORD, { pinned: ['a3'], order: ['a2', 'a1'] });
    await runImport(store, orders, { data: file, password: BACKUP_PASSWORD });
    expect(await labelsInOrder(store, orders)).toEqual({ pinned: ['Bank'], order: ['Pool', 'GitHub'] });
    expect((await store.list()).map((a) => a.id)).not.toContain('a3');
  });

  it('keeps the order already in the vault first, and adds the backup\'s for accounts it does not list', async () => {
    const { store, orders } = await emptyVault();
    await runImport(store, orders, { data: await writeBackup([ACCOUNTS[0]!], BACKUP_PASSWORD), password: BACKUP_PASSWORD });
    const github = (await store.list())[0]!.id;
    await orders.set({ pinned: [], order: [github] });
    // The backup pins GitHub (held here, already ordered: the vault's order wins) and Bank, and orders Pool.
    const file = await writeBackup([...ACCOUNTS, THIRD], BACKUP_PASSWORD, { pinned: ['a1', 'a3'], order: ['a2'] });
    expect(await runImport(store, orders, { data: file, password: BACKUP_PASSWORD })).toMatchObject({ added: 2, skipped: 1 });
    expect(await labelsInOrder(store, orders)).toEqual({ pinned: ['Bank'], order: ['GitHub', 'Pool'] });
  });

  it('imports a backup written before the order was kept, leaving the order as it was', async () => {
    const { store, orders } = await emptyVault();
    const file = await backupOf({ exportedAt: '2026-12-01T10:00:00.000Z', accounts: ACCOUNTS });
    expect(await runImport(store, orders, { data: file, password: BACKUP_PASSWORD })).toEqual({ format: 'backup', added: 2, skipped: 0, problems: [] });
    expect(await orders.get()).toEqual({ pinned: [], order: [] });
  });

  it('restores the accounts of a backup whose order does not read as one, without it', async () => {
    const { store, orders } = await emptyVault();
    const file = await backupOf({ exportedAt: '2026-12-01T10:00:00.000Z', accounts: ACCOUNTS, order: { pinned: ['not an id!'], order: 7 } });
    expect(await runImport(store, orders, { data: file, password: BACKUP_PASSWORD })).toMatchObject({ added: 2 });
    expect(await orders.get()).toEqual({ pinned: [], order: [] });
  });
});
