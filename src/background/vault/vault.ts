// The encrypted store: creates and unlocks the vault, and reads/writes records encrypted with
// the vault key. Stateless between calls (the worker may be stopped at any await): the only
// unlocked state is the raw vault key in storage.session, read again on every call.
import * as v from 'valibot';
import { base64 } from '@scure/base';
import { MIN_NEW_PASSWORD_LENGTH, isLongEnoughNewPassword } from '../../shared/password-rules';
import { AppError, lockedError } from '../errors';
import type { Stores } from '../storage';
import { AuthenticationFailed, deriveKeyFromPassword, importAesKey, KEY_BYTES, open, randomBytes, seal } from './crypto';
import {
  DEFAULT_ITERATIONS, DEFAULT_SALT_BYTES, FLOW_PREFIX, HEADER_KEY, RECORD_ID, RECORD_PREFIX, SESSION_KEY,
  VAULT_FORMAT, VAULT_VERSION, VaultCorruptError, issuePath, parseEnvelope, parseHeader, recordAad, serializeEnvelope,
  type Header,
  serializeSlot, slotAad,
} from './format';

const json = new TextEncoder();
const text = new TextDecoder('utf-8', { fatal: true });

export class Vault {
  constructor(private readonly stores: Stores) {}

  /** True as soon as a header exists, readable or not: setup must never overwrite one. */
  async isInitialized(): Promise<boolean> {
    const got = await this.stores.local.get(HEADER_KEY);
    return got[HEADER_KEY] !== undefined;
  }

  async isUnlocked(): Promise<boolean> {
    return (await this.sessionKeyBytes()) !== undefined;
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
    await this.stores.session.set({ [SESSION_KEY]: base64.encode(vaultKey) });
  }

  /** Unwraps the vault key with the password; a wrong password changes nothing. */
  async unlock(password: string): Promise<void> {
    const { vaultKey } = await this.openSlot(password);
    await this.stores.session.set({ [SESSION_KEY]: base64.encode(vaultKey) });
  }

  /**
   * Re-wraps the same vault key under a new password: the slot the current password opens is
   * replaced by a new one (new id, salt and nonce) and the header is written in one storage set,
   * so a crash leaves the old header or the new one, never neither. Records are not touched.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    checkNewPassword(newPassword);
    const { vaultKey, raw, header, slotIndex } = await this.openSlot(currentPassword);
    const slots = header.slots.map((slot) => serializeSlot(slot));
    // A slot someone made stronger (more iterations) stays at least as strong.
    const iterations = Math.max(DEFAULT_ITERATIONS, header.slots[slotIndex]!.kdf.iterations);
    slots[slotIndex] = await passwordSlot(newPassword, vaultKey, iterations);
    // The derivation above takes a while: if the header changed meanwhile (a second change,
    // say), writing ours would drop that change, so refuse instead.
    const now = (await this.stores.local.get(HEADER_KEY))[HEADER_KEY];
    if (JSON.stringify(now) !== JSON.stringify(raw)) {
      throw new AppError('wrong-password', 'The vault password was changed meanwhile; nothing was changed. Try again with the current password.');
    }
    await this.stores.local.set({ [HEADER_KEY]: { format: VAULT_FORMAT, version: VAULT_VERSION, slots } });
    await this.stores.session.set({ [SESSION_KEY]: base64.encode(vaultKey) });
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

  /** Forgets the vault key and every flow encrypted with it. */
  async lock(): Promise<void> {
    const all = await this.stores.session.get(null);
    const keys = Object.keys(all).filter((k) => k === SESSION_KEY || k.startsWith(FLOW_PREFIX));
    if (keys.length) await this.stores.session.remove(keys);
  }

  /** The vault key as a non-extractable CryptoKey; throws `locked` when there is none. */
  async key(): Promise<CryptoKey> {
    const bytes = await this.sessionKeyBytes();
    if (!bytes) throw lockedError();
    return importAesKey(bytes);
  }

  async read<T>(recordId: string, schema: v.GenericSchema<unknown, T>): Promise<T | undefined> {
    checkRecordId(recordId);
    const where = RECORD_PREFIX + recordId;
    const raw = (await this.stores.local.get(where))[where];
    if (raw === undefined) return undefined;
    const key = await this.key();
    return decryptJson(key, where, raw, recordAad(recordId), schema);
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
    const key = await this.key();
    const items: Record<string, unknown> = {};
    for (const [recordId, value] of records) items[RECORD_PREFIX + recordId] = await encryptJson(key, value, recordAad(recordId));
    try {
      await this.stores.local.set(items);
    } catch (error) {
      if (isQuotaError(error)) {
        throw new AppError('storage-full', `The browser's storage for this extension is full; nothing of these ${records.length} record(s) was written. Delete accounts you no longer use, then try again.`);
      }
      throw error;
    }
  }

  async remove(recordId: string): Promise<void> {
    checkRecordId(recordId);
    await this.stores.local.remove(RECORD_PREFIX + recordId);
  }

  /** Record ids of one kind ("account" / "tokens"), in storage order. */
  async list(kind: 'account' | 'tokens'): Promise<string[]> {
    const all = await this.stores.local.get(null);
    const prefix = `${RECORD_PREFIX}${kind}.`;
    return Object.keys(all).filter((k) => k.startsWith(prefix)).map((k) => k.slice(RECORD_PREFIX.length));
  }

  private async sessionKeyBytes(): Promise<Uint8Array | undefined> {
    const raw = (await this.stores.session.get(SESSION_KEY))[SESSION_KEY];
    if (typeof raw !== 'string') return undefined;
    try {
      const bytes = base64.decode(raw);
      return bytes.length === KEY_BYTES ? bytes : undefined;
    } catch {
      return undefined;
    }
  }
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
    if (error instanceof AuthenticationFailed) throw new VaultCorruptError(where, 'authentication tag mismatch: ciphertext, nonce or id altered');
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.decode(plain));
  } catch {
    throw new VaultCorruptError(where, 'decrypted content is not JSON');
  }
  const r = v.safeParse(schema, parsed);
  // Never quote the decrypted content: it holds secrets.
  if (!r.success) throw new VaultCorruptError(where, `decrypted record does not match its schema at ${issuePath(r.issues) || '?'}`);
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
