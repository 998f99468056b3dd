// The stored shapes of the vault (docs/vault-format.md is the prose version of this file): the
// header with its password key slot, the record envelopes, their additional data, and the bounds
// every stored KDF parameter is checked against before it is used. Reading never trusts storage:
// anything that does not match is reported as VaultCorruptError, naming the key and the rule.
import * as v from 'valibot';
import { base64 } from '@scure/base';
import { AppError } from '../errors';
import { KEY_BYTES, NONCE_BYTES, TAG_BYTES, type Sealed } from './crypto';
import type { VaultDamage } from '../../shared/vault-damage';

export const VAULT_FORMAT = 'cognito-authenticator/vault';
export const VAULT_VERSION = 1;
/** Schema version of record plaintexts; bound into each record's additional data. */
const RECORD_SCHEMA = 1;

/** storage.local keys */
export const HEADER_KEY = 'vault.header';
export const RECORD_PREFIX = 'vault.record:';
/** storage.session keys */
export const SESSION_KEY = 'session.vaultKey';
/** The generation of the vault key in SESSION_KEY; absent means generation 0 (see vaultGeneration). */
export const SESSION_GENERATION_KEY = 'session.vaultGeneration';
export const FLOW_PREFIX = 'session.flow:';

/**
 * Generations: every vault password change draws a new vault key and writes every record again
 * under it, as generation n + 1, next to generation n; one header write then switches to n + 1
 * (docs/vault-format.md, "Changing the vault password"). Generation 0 is the first vault key (a
 * header without "generation"), whose keys carry no number, so vaults written before generations
 * existed read as they are. Readers only ever look at the header's generation.
 */
export const MAX_GENERATION = 2 ** 31 - 1;
const GENERATION = v.pipe(v.number(), v.integer('generation must be an integer'), v.minValue(1, 'generation below 1'),
  v.maxValue(MAX_GENERATION, `generation above ${MAX_GENERATION}`));

/** storage.local key of a record of one generation: "vault.record:<id>" (0), "vault.record:<n>:<id>". */
export function recordKey(generation: number, recordId: string): string {
  return `${RECORD_PREFIX}${generation === 0 ? '' : `${generation}:`}${recordId}`;
}

/** storage.session key of a flow of one generation: "session.flow:<id>" (0), "session.flow:<n>:<id>". */
export function flowKey(generation: number, flowId: string): string {
  return `${FLOW_PREFIX}${generation === 0 ? '' : `${generation}:`}${flowId}`;
}

/** The generation and id in a key made by recordKey/flowKey (`prefix` is theirs); undefined for anything else. */
export function parseGenerationKey(prefix: string, key: string): { generation: number; id: string } | undefined {
  if (!key.startsWith(prefix)) return undefined;
  const m = /^(?:([1-9][0-9]{0,9}):)?([^:]+)$/.exec(key.slice(prefix.length));
  if (!m) return undefined;
  const generation = m[1] === undefined ? 0 : Number(m[1]);
  return generation <= MAX_GENERATION ? { generation, id: m[2]! } : undefined;
}

/** OWASP 2023 minimum for PBKDF2-HMAC-SHA256, and a ceiling that keeps an unlock under a minute. */
export const PBKDF2_MIN_ITERATIONS = 600_000;
const PBKDF2_MAX_ITERATIONS = 10_000_000;
const SALT_MIN_BYTES = 16;
const SALT_MAX_BYTES = 64;
export const DEFAULT_ITERATIONS = 600_000;
export const DEFAULT_SALT_BYTES = 16;

/** Stored vault data that cannot be read; `damage` says why, as a code the pages word (src/shared/vault-damage.ts). */
export class VaultCorruptError extends AppError<'vault-corrupt'> {
  constructor(where: string, rule: string, readonly damage: VaultDamage = 'malformed') {
    super('vault-corrupt', `Stored vault data "${where}" cannot be read (${rule}); nothing was changed.`);
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Record ids: "<kind>.<id>" */
export const RECORD_ID = /^(account|tokens)\.[A-Za-z0-9_-]{1,64}$/;

/** Standard padded base64 (as @scure/base decodes it strictly) of min to max bytes, decoded. */
export const base64Bytes = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      let bytes: Uint8Array;
      try {
        bytes = base64.decode(dataset.value);
      } catch {
        addIssue({ message: 'not base64' });
        return NEVER;
      }
      if (bytes.length < min || bytes.length > max) {
        addIssue({ message: `length ${bytes.length} bytes, expected ${min === max ? min : `${min}-${max}`}` });
        return NEVER;
      }
      return bytes;
    }),
  );

export const KdfSchema = v.strictObject({
  name: v.literal('PBKDF2-SHA256'),
  iterations: v.pipe(
    v.number(),
    v.integer('iterations must be an integer'),
    v.minValue(PBKDF2_MIN_ITERATIONS, `iterations below ${PBKDF2_MIN_ITERATIONS}`),
    v.maxValue(PBKDF2_MAX_ITERATIONS, `iterations above ${PBKDF2_MAX_ITERATIONS}`),
  ),
  salt: base64Bytes(SALT_MIN_BYTES, SALT_MAX_BYTES),
});
export type Kdf = v.InferOutput<typeof KdfSchema>;

const PasswordSlotSchema = v.strictObject({
  type: v.literal('password'),
  id: v.pipe(v.string(), v.regex(ID, 'slot id must be 1-64 of A-Z a-z 0-9 _ -')),
  kdf: KdfSchema,
  nonce: base64Bytes(NONCE_BYTES, NONCE_BYTES),
  /** the 32-byte vault key encrypted under the password key: 32 + 16 tag bytes */
  key: base64Bytes(KEY_BYTES + TAG_BYTES, KEY_BYTES + TAG_BYTES),
});
export type PasswordSlot = v.InferOutput<typeof PasswordSlotSchema>;

const HeaderSchema = v.strictObject({
  format: v.literal(VAULT_FORMAT, `format must be "${VAULT_FORMAT}"`),
  version: v.literal(VAULT_VERSION, `unsupported version (this build reads ${VAULT_VERSION})`),
  /** absent: generation 0 */
  generation: v.optional(GENERATION),
  slots: v.pipe(v.array(PasswordSlotSchema), v.minLength(1, 'no key slot'), v.maxLength(8, 'more than 8 key slots')),
});
export type Header = v.InferOutput<typeof HeaderSchema>;

const EnvelopeSchema = v.strictObject({
  schema: v.literal(RECORD_SCHEMA, `unsupported record schema (this build reads ${RECORD_SCHEMA})`),
  nonce: base64Bytes(NONCE_BYTES, NONCE_BYTES),
  ct: base64Bytes(TAG_BYTES, 4 * 1024 * 1024),
});

/** Where the first issue is ("slots.0.kdf.salt"), for errors that must not quote the value. */
export function issuePath(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues[0]?.path?.map((p) => String(p.key)).join('.') ?? '';
}

/** The first issue's path and rule ("kdf.iterations: iterations below 600000"), at most 200 characters. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const path = issuePath(issues);
  // Issue messages here are our own rule texts or valibot's "Invalid type: Expected … but
  // received …". Only use this on public data (ciphertext, KDF parameters), never on decrypted content.
  return `${path ? `${path}: ` : ''}${issue.message}`.slice(0, 200);
}

export function parseHeader(raw: unknown): Header {
  const r = v.safeParse(HeaderSchema, raw);
  if (!r.success) throw new VaultCorruptError(HEADER_KEY, describeIssue(r.issues));
  return r.output;
}

/**
 * The generation a stored header names, checking only that field: record reads need it on every
 * call, and must not start failing because an unrelated part of the header is damaged (unlock
 * reports that). Absent header: undefined.
 */
export function headerGeneration(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const generation = typeof raw === 'object' && raw !== null ? (raw as { generation?: unknown }).generation : undefined;
  if (generation === undefined) return 0;
  const r = v.safeParse(GENERATION, generation);
  if (!r.success) throw new VaultCorruptError(HEADER_KEY, `generation: ${r.issues[0]?.message ?? 'invalid'}`);
  return r.output;
}

export function parseEnvelope(where: string, raw: unknown): Sealed {
  const r = v.safeParse(EnvelopeSchema, raw);
  if (!r.success) throw new VaultCorruptError(where, describeIssue(r.issues));
  return { nonce: r.output.nonce, ciphertext: r.output.ct };
}

export function serializeSlot(slot: { id: string; kdf: { iterations: number; salt: Uint8Array }; nonce: Uint8Array; key: Uint8Array }) {
  return {
    type: 'password' as const,
    id: slot.id,
    kdf: { name: 'PBKDF2-SHA256' as const, iterations: slot.kdf.iterations, salt: base64.encode(slot.kdf.salt) },
    nonce: base64.encode(slot.nonce),
    key: base64.encode(slot.key),
  };
}

export function serializeEnvelope(sealed: Sealed) {
  return { schema: RECORD_SCHEMA, nonce: base64.encode(sealed.nonce), ct: base64.encode(sealed.ciphertext) };
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Additional data of a password slot: binds the slot's id and every KDF parameter, so a changed
 * parameter fails authentication instead of silently deriving another key.
 */
export function slotAad(slotId: string, iterations: number, salt: Uint8Array): Uint8Array {
  return utf8(`${VAULT_FORMAT}:${VAULT_VERSION}:slot:password:${slotId}:PBKDF2-SHA256:${iterations}:${base64.encode(salt)}`);
}

/** Additional data of a record: its id and schema version (a record cannot be moved or replayed as another). */
export function recordAad(recordId: string): Uint8Array {
  return utf8(`${VAULT_FORMAT}:${VAULT_VERSION}:record:${recordId}:${RECORD_SCHEMA}`);
}

/** Additional data of a flow kept in storage.session. */
export function flowAad(flowId: string): Uint8Array {
  return utf8(`${VAULT_FORMAT}:${VAULT_VERSION}:flow:${flowId}:${RECORD_SCHEMA}`);
}
