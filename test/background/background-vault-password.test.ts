// change-vault-password through the router, over the in-memory browser storage: a new vault key
// under a new password slot, every record encrypted again under it, and every refusal leaves
// storage exactly as it was. Crash safety and old copies of storage: vault-rekey.test.ts.
import * as v from 'valibot';
import { base64 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { deriveKeyFromPassword, importAesKey, randomBytes, seal } from '../../src/background/vault/crypto';
import {
  HEADER_KEY, RECORD_PREFIX, SESSION_GENERATION_KEY, SESSION_KEY, VaultCorruptError, recordAad, serializeSlot, slotAad,
} from '../../src/background/vault/format';
import { decryptJson } from '../../src/background/vault/vault';
import { memoryStores, startWorker } from './background-helpers';

const OLD = 'old vault password';
const NEW = 'brand new vault password';
const SECRET_PASSWORD = 'P@ss-secret-9f3';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

async function vaultWithAccount() {
  const stores = memoryStores();
  const worker = startWorker(stores, { now: () => NOW });
  expect(await worker.send({ type: 'setup-vault', password: OLD })).toEqual({ ok: true });
  const added = await worker.send({ type: 'add-account', account: {
    kind: 'cognito', label: 'Pool label', userPoolId: 'eu-west-1_Abc', clientId: 'cid', username: 'alice-user',
    policy: { autoAnswer: true, rememberDevice: true }, password: SECRET_PASSWORD, totpSecret: TOTP_SECRET } });
  expect(added).toMatchObject({ ok: true });
  return { stores, ...worker };
}

const header = (stores: ReturnType<typeof memoryStores>) => JSON.parse(stores.local.data.get(HEADER_KEY)!);
const records = (stores: ReturnType<typeof memoryStores>) =>
  [...stores.local.data.entries()].filter(([k]) => k.startsWith(RECORD_PREFIX));

describe('change-vault-password', () => {
  it('draws a new vault key: every record is written again under it, then one header write switches, then the old generation goes', async () => {
    const { stores, send } = await vaultWithAccount();
    const before = header(stores);
    const recordsBefore = records(stores);
    const keyBefore = JSON.parse(stores.session.data.get(SESSION_KEY)!);
    const codeBefore = (await send({ type: 'get-codes' })).codes[0].code;

    // Every write during the change, in order.
    const writes: string[][] = [];
    const set = stores.local.set.bind(stores.local);
    stores.local.set = async (items) => { writes.push(Object.keys(items)); return set(items); };
    expect(await send({ type: 'change-vault-password', currentPassword: OLD, newPassword: NEW })).toEqual({ ok: true });
    stores.local.set = set;
    // The records of the next generation first, then the header alone, in one set: the switch.
    const newRecordKeys = recordsBefore.map(([k]) => k.replace(RECORD_PREFIX, `${RECORD_PREFIX}1:`));
    expect(writes).toEqual([...newRecordKeys.map((k) => [k]), [HEADER_KEY]]);

    const after = header(stores);
    expect(after.generation).toBe(1);
    expect(after.slots).toHaveLength(1);
    expect(after.slots[0].id).not.toBe(before.slots[0].id);
    expect(after.slots[0].kdf.salt).not.toBe(before.slots[0].kdf.salt);
    expect(after.slots[0].kdf).toMatchObject({ name: 'PBKDF2-SHA256', iterations: 600_000 });
    // Re-encrypted under a new key; the old generation is gone.
    expect(records(stores).map(([k]) => k)).toEqual(newRecordKeys);
    expect(JSON.parse(stores.session.data.get(SESSION_KEY)!)).not.toBe(keyBefore);
    expect(JSON.parse(stores.session.data.get(SESSION_GENERATION_KEY)!)).toBe(1);
    const oldKey = await importAesKey(base64.decode(keyBefore));
    for (const [k, raw] of records(stores)) {
      const id = k.slice(`${RECORD_PREFIX}1:`.length);
      await expect(decryptJson(oldKey, k, JSON.parse(raw), recordAad(id), v.unknown())).rejects.toThrow(VaultCorruptError);
    }

    // Still unlocked, and the records read with the new key.
    expect(await send({ type: 'status' })).toMatchObject({ ok: true, locked: false });
    expect((await send({ type: 'list-accounts' })).accounts[0]).toMatchObject({ label: 'Pool label', hasPassword: true, hasTotpSecret: true });

    expect(await send({ type: 'lock' })).toEqual({ ok: true });
    expect(await send({ type: 'unlock', password: OLD })).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(await send({ type: 'unlock', password: NEW })).toEqual({ ok: true });
    expect((await send({ type: 'get-codes' })).codes[0].code).toBe(codeBefore);

    // No plaintext anywhere in persistent storage: passwords, secrets, names, nor the vault key.
    const local = stores.local.dump();
    const vaultKey = JSON.parse(stores.session.data.get(SESSION_KEY)!);
    for (const plain of [OLD, NEW, SECRET_PASSWORD, TOTP_SECRET, 'alice-user', 'Pool label', 'eu-west-1_Abc', vaultKey, keyBefore]) {
      expect(local).not.toContain(plain);
    }
    const session = stores.session.dump();
    for (const plain of [OLD, NEW, SECRET_PASSWORD, TOTP_SECRET]) expect(session).not.toContain(plain);
  });

  it('a wrong current password is refused and leaves storage byte-identical', async () => {
    const { stores, send } = await vaultWithAccount();
    const local = new Map(stores.local.data);
    const session = new Map(stores.session.data);
    const answer = await send({ type: 'change-vault-password', currentPassword: 'not the password', newPassword: NEW });
    expect(answer).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(JSON.stringify(answer)).not.toContain(NEW);
    expect(stores.local.data).toEqual(local);
    expect(stores.session.data).toEqual(session);
    await send({ type: 'lock' });
    expect(await send({ type: 'unlock', password: OLD })).toEqual({ ok: true });
  });

  it('a new password shorter than the setup rule is refused (code points, not UTF-16 units) and nothing changes', async () => {
    const { stores, send } = await vaultWithAccount();
    const local = new Map(stores.local.data);
    // 7 code points, 8 UTF-16 units: the rule counts what a person counts.
    for (const weak of ['short', 'ab€d😀f']) {
      expect(await send({ type: 'change-vault-password', currentPassword: OLD, newPassword: weak }))
        .toMatchObject({ ok: false, error: { code: 'weak-password' } });
    }
    expect(stores.local.data).toEqual(local);
    expect(await send({ type: 'change-vault-password', currentPassword: OLD, newPassword: '' }))
      .toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(stores.local.data).toEqual(local);
  });

  it('needs the vault unlocked', async () => {
    const { stores, send } = await vaultWithAccount();
    await send({ type: 'lock' });
    const local = new Map(stores.local.data);
    expect(await send({ type: 'change-vault-password', currentPassword: OLD, newPassword: NEW }))
      .toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(stores.local.data).toEqual(local);
  });

  it('two changes racing with the same current password: one wins, the other is refused, the winner\'s password unlocks', async () => {
    const { send } = await vaultWithAccount();
    const [a, b] = await Promise.all([
      send({ type: 'change-vault-password', currentPassword: OLD, newPassword: 'first new password' }),
      send({ type: 'change-vault-password', currentPassword: OLD, newPassword: 'second new password' }),
    ]);
    const outcomes = [a, b].map((r) => r.ok);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok)).toMatchObject({ error: { code: 'wrong-password' } });
    const winner = a.ok ? 'first new password' : 'second new password';
    const loser = a.ok ? 'second new password' : 'first new password';
    await send({ type: 'lock' });
    expect(await send({ type: 'unlock', password: loser })).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(await send({ type: 'unlock', password: OLD })).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(await send({ type: 'unlock', password: winner })).toEqual({ ok: true });
  });

  it('a lock during a change wins: the vault ends locked, and the password that opens it opens every account', async () => {
    const { stores, send } = await vaultWithAccount();
    const change = send({ type: 'change-vault-password', currentPassword: OLD, newPassword: NEW });
    expect(await send({ type: 'lock' })).toEqual({ ok: true });
    const changed = await change;
    expect(await send({ type: 'status' })).toMatchObject({ ok: true, locked: true });
    expect(stores.session.data.size).toBe(0);
    const opens = changed.ok ? NEW : OLD;
    if (!changed.ok) expect(changed.error.code).toBe('locked');
    expect(await send({ type: 'unlock', password: opens })).toEqual({ ok: true });
    expect((await send({ type: 'list-accounts' })).accounts).toHaveLength(1);
  });

  it('keeps a slot that was made stronger than the default at least as strong', async () => {
    const { stores, send } = await vaultWithAccount();
    // Re-wrap the vault key by hand under a slot with more iterations, as a future build or a
    // careful user might have made it.
    const vaultKey = Uint8Array.from(Buffer.from(JSON.parse(stores.session.data.get(SESSION_KEY)!), 'base64'));
    const salt = randomBytes(16);
    const kek = await deriveKeyFromPassword(OLD, salt, 700_000);
    const wrapped = await seal(kek, vaultKey, slotAad('strong-slot', 700_000, salt));
    const strong = serializeSlot({ id: 'strong-slot', kdf: { iterations: 700_000, salt }, nonce: wrapped.nonce, key: wrapped.ciphertext });
    stores.local.data.set(HEADER_KEY, JSON.stringify({ ...header(stores), slots: [strong] }));

    expect(await send({ type: 'change-vault-password', currentPassword: OLD, newPassword: NEW })).toEqual({ ok: true });
    expect(header(stores).slots[0].kdf.iterations).toBe(700_000);
    expect(await send({ type: 'lock' })).toEqual({ ok: true });
    expect(await send({ type: 'unlock', password: NEW })).toEqual({ ok: true });
  }, 60_000);
});
