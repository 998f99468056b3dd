// The encrypted store: creates and unlocks the vault, reads/writes records (storage.local) and
// flows in flight (storage.session) encrypted with the vault key, and changes the password by
// moving everything to a new key. Stateless between calls (the worker may be stopped at any
// await): the only unlocked state is the raw vault key and its generation in storage.session,
// read again on every call.
import * as v from 'valibot';
import { base64 } from '@scure/base';
import { MIN_NEW_PASSWORD_LENGTH, isLongEnoughNewPassword } from '../../shared/password-rules';
import { AppError, lockedError } from '../errors';
import type { StorageArea, Stores } from '../storage';
import { AuthenticationFailed, deriveKeyFromPassword, importAesKey, KEY_BYTES, open, randomBytes, seal } from './crypto';
import {
  DEFAULT_ITERATIONS, DEFAULT_SALT_BYTES, FLOW_PREFIX, HEADER_KEY, MAX_GENERATION, RECORD_ID, RECORD_PREFIX, SESSION_GENERATION_KEY,
  SESSION_KEY, VAULT_FORMAT, VAULT_VERSION, VaultCorruptError, flowAad, flowKey, headerGeneration, issuePath, parseEnvelope,
  parseGenerationKey, parseHeader, recordAad, recordKey, serializeEnvelope, type Header, serializeSlot, slotAad,
} from './format';

/** One record of `Vault.readAll`: its value, or why it cannot be read. */
export type ReadAllEntry<T> = { recordId: string; value: T; error?: undefined } | { recordId: string; value?: undefined; error: VaultCorruptError };

const json = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });

export class Vault {
  /**
   * Record, flow and re-key operations of this worker, one at a time: a record written while a
   * password change copies the vault would otherwise land in the generation being left behind.
   */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly stores: Stores) {}

  /** True as soon as a header exists, readable or not: setup must never overwrite one. */
  async isInitialized(): Promise<boolean> {
    const got = await this.stores.local.get(HEADER_KEY);
    return got[HEADER_KEY] !== undefined;
  }

  async isUnlocked(): Promise<boolean> {
    return (await this.unlockedKey()) !== undefined;
  }

  /** Creates the vault with one password slot and leaves it unlocked. */
  async create(password: string): Promise<void> {
    checkNewPassword(password);
    if (await this.isInitialized()) throw new AppError('already-initialized', 'A vault already exists; unlock it instead.');
    const vaultKey = randomBytes(KEY_BYTES);
    const header = { format: VAULT_FORMAT, version: VAULT_VERSION, slots: [await passwordSlot(password, vaultKey)] };
    // Re-check right before writing: two setup requests racing must not replace each other's key.
    if (await this.isInitialized()) throw new AppError('already-initialized', 'A vault already exists; unlock it instead.');
    await this.stores.local.set({ [HEADER_KEY]: header });
    await this.putSessionKey(vaultKey, 0);
  }

  /**
   * Unwraps the vault key with the password; a wrong password changes nothing. Then deletes what
   * a password change cut off may have left: records and flows of any other generation.
   */
  async unlock(password: string): Promise<void> {
    const { vaultKey, raw, header } = await this.openSlot(password);
    const generation = header.generation ?? 0;
    await this.exclusive(async () => {
      // A password change that ended while the key was derived made this key the old one.
      if (JSON.stringify((await this.stores.local.get(HEADER_KEY))[HEADER_KEY]) !== JSON.stringify(raw)) {
        throw new AppError('wrong-password', 'The vault password was changed meanwhile; the vault is unchanged. Unlock with the new password.');
      }
      await this.putSessionKey(vaultKey, generation);
      await this.sweepAllBut(generation);
    });
  }

  /**
   * A new password means a new vault key: every record (accounts, tokens) and every flow in
   * flight is decrypted and encrypted again under a fresh random key as the next generation, next
   * to the current one; one header write (the new generation and its single password slot) then
   * switches to it, and the old generation is deleted. Killed at any step, storage holds the old
   * vault or the new one, whole: readers follow the header's generation only, and a half-written
   * generation is deleted at the next unlock or change. An old copy of storage and the old
   * password therefore open nothing written after the change.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    checkNewPassword(newPassword);
    const { vaultKey: oldBytes, raw, header, slotIndex } = await this.openSlot(currentPassword);
    // A slot someone made stronger (more iterations) stays at least as strong. Other slots wrap
    // the old key, which opens nothing after the change: the new header has this one slot only.
    const iterations = Math.max(DEFAULT_ITERATIONS, header.slots[slotIndex]!.kdf.iterations);
    const newBytes = randomBytes(KEY_BYTES);
    const slot = await passwordSlot(newPassword, newBytes, iterations);
    await this.exclusive(async () => {
      // The derivations above take a while: if the header changed meanwhile (a second change,
      // say), going on would drop that change, so refuse instead.
      const now = (await this.stores.local.get(HEADER_KEY))[HEADER_KEY];
      if (JSON.stringify(now) !== JSON.stringify(raw)) {
        throw new AppError('wrong-password', 'The vault password was changed meanwhile; nothing was changed. Try again with the current password.');
      }
      // Locked while the keys were derived: the person asked for no key in the session, and the
      // change would put one there.
      if (!(await this.unlockedKey())) throw lockedError();
      const from = header.generation ?? 0;
      if (from >= MAX_GENERATION) throw new VaultCorruptError(HEADER_KEY, 'no generation left after this one');
      const to = from + 1;
      const [oldKey, newKey] = await Promise.all([importAesKey(oldBytes), importAesKey(newBytes)]);
      // Leftovers of a change cut off earlier (generation `to` half-written) must not mix in.
      await this.sweepAllBut(from);
      try {
        await this.copyGeneration(this.stores.local, RECORD_PREFIX, recordKey, recordAad, from, to, oldKey, newKey);
        await this.copyGeneration(this.stores.session, FLOW_PREFIX, flowKey, flowAad, from, to, oldKey, newKey);
      } catch (error) {
        // A write refused (storage full: the copy needs room for a second vault) leaves the old
        // vault as the vault; its half-written successor goes now rather than at the next unlock.
        await this.sweepAllBut(from).catch(() => undefined);
        throw error;
      }
      // The switch: one storage set. Before it the old vault is the vault, after it the new one.
      await this.stores.local.set({ [HEADER_KEY]: { format: VAULT_FORMAT, version: VAULT_VERSION, generation: to, slots: [slot] } });
      await this.putSessionKey(newBytes, to);
      await this.sweepAllBut(to);
    });
  }

  /**
   * Throws `wrong-password` unless the password opens a key slot: asked again before a secret is
   * shown (an account export), so an unlocked vault left alone does not hand secrets to anyone.
   */
  async checkPassword(password: string): Promise<void> {
    await this.openSlot(password);
  }

  /** Finds the slot the password opens: the vault key, the header as stored and parsed, and the slot's index. */
  private async openSlot(password: string): Promise<{ vaultKey: Uint8Array; raw: unknown; header: Header; slotIndex: number }> {
    const raw = (await this.stores.local.get(HEADER_KEY))[HEADER_KEY];
    if (raw === undefined) throw new AppError('not-initialized', 'There is no vault yet: set a password first.');
    const header = parseHeader(raw);
    for (const [slotIndex, slot] of header.slots.entries()) {
      const kek = await deriveKeyFromPassword(password, slot.kdf.salt, slot.kdf.iterations);
      try {
        const vaultKey = await open(kek, { nonce: slot.nonce, ciphertext: slot.key }, slotAad(slot.id, slot.kdf.iterations, slot.kdf.salt));
        if (vaultKey.length !== KEY_BYTES) throw new VaultCorruptError(HEADER_KEY, `slot ${slot.id} holds a ${vaultKey.length}-byte key`);
        return { vaultKey, raw, header, slotIndex };
      } catch (error) {
        if (!(error instanceof AuthenticationFailed)) throw error;
      }
    }
    throw new AppError('wrong-password', 'Wrong password (or the key slot was altered); the vault is unchanged.');
  }

  /** Forgets the vault key and every flow encrypted with it (after a password change running now, which would set a key again). */
  async lock(): Promise<void> {
    await this.exclusive(async () => {
      const all = await this.stores.session.get(null);
      const keys = Object.keys(all).filter((k) => k === SESSION_KEY || k === SESSION_GENERATION_KEY || k.startsWith(FLOW_PREFIX));
      if (keys.length) await this.stores.session.remove(keys);
    });
  }

  /** The vault key as a non-extractable CryptoKey; throws `locked` when there is none. */
  async key(): Promise<CryptoKey> {
    return (await this.current()).key;
  }

  async read<T>(recordId: string, schema: v.GenericSchema<unknown, T>): Promise<T | undefined> {
    checkRecordId(recordId);
    return this.exclusive(async () => {
      const { key, generation } = await this.current();
      const where = recordKey(generation, recordId);
      const raw = (await this.stores.local.get(where))[where];
      if (raw === undefined) return undefined;
      return decryptJson(key, where, raw, recordAad(recordId), schema);
    });
  }

  async write(recordId: string, value: unknown): Promise<void> {
    await this.writeMany([[recordId, value]]);
  }

  /**
   * Encrypts every record first, then stores them all in one storage set: the browser applies a
   * set whole or not at all (Chrome checks the quota for the whole set before writing any of it;
   * Firefox writes it in one IndexedDB transaction), so an import that does not fit adds nothing.
   * A full storage area is `storage-full`.
   */
  async writeMany(records: readonly (readonly [recordId: string, value: unknown])[]): Promise<void> {
    for (const [recordId] of records) checkRecordId(recordId);
    await this.exclusive(async () => {
      const { key, generation } = await this.current();
      const items: Record<string, unknown> = {};
      for (const [recordId, value] of records) items[recordKey(generation, recordId)] = await encryptJson(key, value, recordAad(recordId));
      try {
        await this.stores.local.set(items);
      } catch (error) {
        if (isQuotaError(error)) {
          throw new AppError('storage-full', `The browser's storage for this extension is full; nothing of these ${records.length} record(s) was written. Delete accounts you no longer use, then try again.`);
        }
        throw error;
      }
    });
  }

  async remove(recordId: string): Promise<void> {
    checkRecordId(recordId);
    await this.exclusive(async () => {
      // Removing needs no key, but the generation: while locked, every generation's copy goes.
      const unlocked = await this.unlockedKey();
      const all = await this.stores.local.get(null);
      const keys = Object.keys(all).filter((k) => {
        const parsed = parseGenerationKey(RECORD_PREFIX, k);
        return parsed?.id === recordId && (!unlocked || parsed.generation === unlocked.generation);
      });
      if (keys.length) await this.stores.local.remove(keys);
    });
  }

  /** Record ids of one kind ("account" / "tokens"), in storage order. */
  async list(kind: 'account' | 'tokens'): Promise<string[]> {
    return this.exclusive(async () => {
      const { generation } = await this.current();
      return (await this.idsOf(this.stores.local, RECORD_PREFIX, generation)).filter((id) => id.startsWith(`${kind}.`));
    });
  }

  /**
   * Every record of one kind ("account" / "tokens"), in storage order: one storage read, one key
   * import, and the decryptions run together. Reading them one by one costs three storage round
   * trips and a key import per record, and the popup asks for every account each time it opens
   * and whenever a code expires (1 000 accounts: 1.8 s before, see bench/sections/scale-extension.ts).
   * A record that cannot be read comes back with its VaultCorruptError instead of a value, so one
   * damaged record leaves the others readable; anything else (locked) throws.
   */
  async readAll<T>(kind: 'account' | 'tokens', schema: v.GenericSchema<unknown, T>): Promise<ReadAllEntry<T>[]> {
    return this.exclusive(async () => {
      const { key, generation } = await this.current();
      const all = await this.stores.local.get(null);
      const reads: Promise<ReadAllEntry<T>>[] = [];
      for (const [where, raw] of Object.entries(all)) {
        const parsed = parseGenerationKey(RECORD_PREFIX, where);
        if (parsed?.generation !== generation || !parsed.id.startsWith(`${kind}.`)) continue;
        const recordId = parsed.id;
        reads.push(decryptJson(key, where, raw, recordAad(recordId), schema).then(
          (value): ReadAllEntry<T> => ({ recordId, value }),
          (error: unknown): ReadAllEntry<T> => {
            if (error instanceof VaultCorruptError) return { recordId, error };
            throw error;
          },
        ));
      }
      return Promise.all(reads);
    });
  }

  /** A flow in flight (storage.session), decrypted and checked; undefined when there is none. */
  async readFlow<T>(flowId: string, schema: v.GenericSchema<unknown, T>): Promise<T | undefined> {
    return this.exclusive(async () => {
      const { key, generation } = await this.current();
      const where = flowKey(generation, flowId);
      const raw = (await this.stores.session.get(where))[where];
      if (raw === undefined) return undefined;
      return decryptJson(key, where, raw, flowAad(flowId), schema);
    });
  }

  async writeFlow(flowId: string, value: unknown): Promise<void> {
    await this.exclusive(async () => {
      const { key, generation } = await this.current();
      await this.stores.session.set({ [flowKey(generation, flowId)]: await encryptJson(key, value, flowAad(flowId)) });
    });
  }

  async removeFlow(flowId: string): Promise<void> {
    await this.exclusive(async () => {
      const all = await this.stores.session.get(null);
      const keys = Object.keys(all).filter((k) => parseGenerationKey(FLOW_PREFIX, k)?.id === flowId);
      if (keys.length) await this.stores.session.remove(keys);
    });
  }

  /** Ids of the flows of the current generation, in storage order. */
  async listFlows(): Promise<string[]> {
    return this.exclusive(async () => this.idsOf(this.stores.session, FLOW_PREFIX, (await this.current()).generation));
  }

  /**
   * The key to read and write with, and its generation. The session's key counts only while it
   * is of the generation the header names: a change cut off between its header write and its
   * session write leaves the vault locked (the new password opens it), never writing into a
   * generation that is no longer the vault.
   */
  private async current(): Promise<{ key: CryptoKey; generation: number }> {
    const unlocked = await this.unlockedKey();
    if (!unlocked) throw lockedError();
    return { key: await importAesKey(unlocked.bytes), generation: unlocked.generation };
  }

  private async unlockedKey(): Promise<{ bytes: Uint8Array; generation: number } | undefined> {
    const session = await this.stores.session.get([SESSION_KEY, SESSION_GENERATION_KEY]);
    const raw = session[SESSION_KEY];
    if (typeof raw !== 'string') return undefined;
    let bytes: Uint8Array;
    try {
      bytes = base64.decode(raw);
    } catch {
      return undefined;
    }
    if (bytes.length !== KEY_BYTES) return undefined;
    const stored = session[SESSION_GENERATION_KEY] ?? 0;
    const header = headerGeneration((await this.stores.local.get(HEADER_KEY))[HEADER_KEY]);
    return typeof stored === 'number' && stored === header ? { bytes, generation: stored } : undefined;
  }

  /** The key and its generation in one storage set (generation 0 is written as no generation). */
  private async putSessionKey(vaultKey: Uint8Array, generation: number): Promise<void> {
    if (generation === 0) {
      const stale = (await this.stores.session.get(SESSION_GENERATION_KEY))[SESSION_GENERATION_KEY];
      if (stale !== undefined) await this.stores.session.remove(SESSION_GENERATION_KEY);
      await this.stores.session.set({ [SESSION_KEY]: base64.encode(vaultKey) });
      return;
    }
    await this.stores.session.set({ [SESSION_KEY]: base64.encode(vaultKey), [SESSION_GENERATION_KEY]: generation });
  }

  private async idsOf(area: StorageArea, prefix: string, generation: number): Promise<string[]> {
    const all = await area.get(null);
    const ids: string[] = [];
    for (const k of Object.keys(all)) {
      const parsed = parseGenerationKey(prefix, k);
      if (parsed?.generation === generation) ids.push(parsed.id);
    }
    return ids;
  }

  /**
   * Writes every entry of generation `from` again as generation `to`: decrypted with the old key
   * and encrypted with the new one under the same additional data, as bytes (never parsed). An
   * entry the old key cannot open is copied as it is: it was unreadable and stays so (listed as
   * unreadable, deletable), rather than stopping the change or vanishing without a word.
   */
  private async copyGeneration(
    area: StorageArea, prefix: string, keyOf: (generation: number, id: string) => string, aadOf: (id: string) => Uint8Array,
    from: number, to: number, oldKey: CryptoKey, newKey: CryptoKey,
  ): Promise<void> {
    const all = await area.get(null);
    for (const [k, raw] of Object.entries(all)) {
      const parsed = parseGenerationKey(prefix, k);
      if (parsed?.generation !== from) continue;
      await area.set({ [keyOf(to, parsed.id)]: await reseal(raw, k, aadOf(parsed.id), oldKey, newKey) });
    }
  }

  /** Deletes records and flows of every generation but `keep` (left by a change that was cut off, or just finished). */
  private async sweepAllBut(keep: number): Promise<void> {
    for (const [area, prefix] of [[this.stores.local, RECORD_PREFIX], [this.stores.session, FLOW_PREFIX]] as const) {
      const all = await area.get(null);
      const stale = Object.keys(all).filter((k) => {
        const parsed = parseGenerationKey(prefix, k);
        return parsed !== undefined && parsed.generation !== keep;
      });
      if (stale.length) await area.remove(stale);
    }
  }

  private exclusive<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** An envelope decrypted with one key and encrypted with another, same additional data; unreadable ones as they are. */
async function reseal(raw: unknown, where: string, aad: Uint8Array, oldKey: CryptoKey, newKey: CryptoKey): Promise<unknown> {
  let plain: Uint8Array;
  try {
    plain = await open(oldKey, parseEnvelope(where, raw), aad);
  } catch (error) {
    if (error instanceof AuthenticationFailed || error instanceof VaultCorruptError) return raw;
    throw error;
  }
  return serializeEnvelope(await seal(newKey, plain, aad));
}

/** Decrypts a stored envelope and validates the JSON inside; any failure is VaultCorruptError. */
export async function decryptJson<T>(
  key: CryptoKey, where: string, raw: unknown, aad: Uint8Array, schema: v.GenericSchema<unknown, T>,
): Promise<T> {
  const sealed = parseEnvelope(where, raw);
  let plain: Uint8Array;
  try {
    plain = await open(key, sealed, aad);
  } catch (error) {
    if (error instanceof AuthenticationFailed) throw new VaultCorruptError(where, 'authentication tag mismatch: ciphertext, nonce or id altered', 'altered');
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.decode(plain));
  } catch {
    throw new VaultCorruptError(where, 'decrypted content is not JSON', 'not-json');
  }
  const r = v.safeParse(schema, parsed);
  // Never quote the decrypted content: it holds secrets.
  if (!r.success) throw new VaultCorruptError(where, `decrypted record does not match its schema at ${issuePath(r.issues) || '?'}`, 'wrong-shape');
  return r.output;
}

export async function encryptJson(key: CryptoKey, value: unknown, aad: Uint8Array) {
  return serializeEnvelope(await seal(key, json.encode(JSON.stringify(value)), aad));
}

/** The rule every new vault password meets (setup and change alike). */
function checkNewPassword(password: string): void {
  if (!isLongEnoughNewPassword(password)) {
    throw new AppError('weak-password', `The vault password must have at least ${MIN_NEW_PASSWORD_LENGTH} characters.`);
  }
}

/** A new password slot wrapping the vault key; `iterations` never goes below this build's default. */
async function passwordSlot(password: string, vaultKey: Uint8Array, iterations = DEFAULT_ITERATIONS) {
  const slotId = base64urlId();
  const salt = randomBytes(DEFAULT_SALT_BYTES);
  const kek = await deriveKeyFromPassword(password, salt, iterations);
  const wrapped = await seal(kek, vaultKey, slotAad(slotId, iterations, salt));
  return serializeSlot({ id: slotId, kdf: { iterations, salt }, nonce: wrapped.nonce, key: wrapped.ciphertext });
}

/**
 * Chrome rejects a set over storage.local's 10 MB (QUOTA_BYTES, the manifest asks for no
 * unlimitedStorage) with "Resource::kQuotaBytes quota exceeded"; Firefox's IndexedDB backend
 * with a QuotaExceededError. Both say "quota".
 */
function isQuotaError(error: unknown): boolean {
  return error instanceof Error && (/quota/i.test(error.message) || /quota/i.test(error.name));
}

function checkRecordId(id: string): void {
  if (!RECORD_ID.test(id)) throw new RangeError(`invalid record id "${id}"`);
}

/** 16 random bytes as base64url without padding: ids of slots, accounts and flows. */
export function base64urlId(): string {
  return base64.encode(randomBytes(16)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
