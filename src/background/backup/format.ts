// The encrypted backup file (docs/backup-format.md): a JSON object with a format id and version,
// the KDF parameters (bounds-checked exactly like the vault's password slot before any work is
// done with them), and one AES-256-GCM payload holding every account with its secrets.
import * as v from 'valibot';
import { base64 } from '@scure/base';
import { AppError } from '../errors';
import { AccountSchema, admitAccount, type Account } from '../accounts/model';
import { AuthenticationFailed, NONCE_BYTES, TAG_BYTES, deriveKeyFromPassword, open, randomBytes, seal } from '../vault/crypto';
import { IMPORT_LIMITS, limitError } from '../../otp/limits';
import { shownText } from '../../otp/visible-text';
import { AccountOrderSchema, EMPTY_ACCOUNT_ORDER, orderOf, type AccountOrder } from '../../shared/account-order';
import { DEFAULT_ITERATIONS, DEFAULT_SALT_BYTES, KdfSchema, base64Bytes, describeIssue, issuePath } from '../vault/format';

export const BACKUP_FORMAT = 'cognito-authenticator/backup';
const BACKUP_VERSION = 1;
/** The import request carries at most 8 MiB of text, so no payload of a readable file is larger. */
const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

const BackupFileSchema = v.object({
  format: v.literal(BACKUP_FORMAT, `not a ${BACKUP_FORMAT} file`),
  version: v.literal(BACKUP_VERSION, `unsupported version (this build reads ${BACKUP_VERSION})`),
  kdf: KdfSchema,
  nonce: base64Bytes(NONCE_BYTES, NONCE_BYTES),
  payload: base64Bytes(TAG_BYTES, MAX_PAYLOAD_BYTES),
});

const PayloadSchema = v.object({
  /** When the file was written (Date.toISOString); a file whose date is not one is not one of ours. */
  exportedAt: v.pipe(v.string(), v.maxLength(64), v.isoTimestamp()),
  accounts: v.pipe(v.array(AccountSchema), v.maxLength(IMPORT_LIMITS.backupAccounts)),
  /**
   * The popup's pins and order, under the ids of `accounts` in this file. Absent in backups
   * written before it was kept (they restore in the by-service sort); one that does not read as an
   * order is dropped rather than refusing the accounts, which matter more.
   */
  order: v.optional(v.fallback(AccountOrderSchema, () => structuredClone(EMPTY_ACCOUNT_ORDER))),
});
export type BackupPayload = v.InferOutput<typeof PayloadSchema>;

const backupInvalid = (why: string) => new AppError('backup-invalid', `This backup file cannot be used: ${why}.`);

/** Binds the format, version and KDF parameters to the payload. */
function backupAad(iterations: number, salt: Uint8Array): Uint8Array {
  return new TextEncoder().encode(`${BACKUP_FORMAT}:${BACKUP_VERSION}:PBKDF2-SHA256:${iterations}:${base64.encode(salt)}`);
}

/** `order`: the popup's order (ids of deleted accounts are left out; none is kept when it would not read back). */
export async function writeBackup(accounts: Account[], password: string, order: AccountOrder = EMPTY_ACCOUNT_ORDER, now = new Date()): Promise<string> {
  const salt = randomBytes(DEFAULT_SALT_BYTES);
  const iterations = DEFAULT_ITERATIONS;
  const key = await deriveKeyFromPassword(password, salt, iterations);
  const kept = orderOf(order, new Set(accounts.map((a) => a.id)));
  const payload: BackupPayload = { exportedAt: now.toISOString(), accounts, ...(v.is(AccountOrderSchema, kept) ? { order: kept } : {}) };
  const sealed = await seal(key, new TextEncoder().encode(JSON.stringify(payload)), backupAad(iterations, salt));
  const file = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { name: 'PBKDF2-SHA256', iterations, salt: base64.encode(salt) },
    nonce: base64.encode(sealed.nonce),
    payload: base64.encode(sealed.ciphertext),
  };
  return JSON.stringify(file, null, 2);
}

/**
 * Refuses to export accounts that a restore would refuse (a record an older build stored, say,
 * whose counter or label breaks the rules): a backup must restore whole, so the person is told
 * which account to change or delete first, instead of holding a file that cannot be imported.
 */
export function checkRestorable(accounts: readonly Account[]): void {
  if (accounts.length > IMPORT_LIMITS.backupAccounts) {
    throw limitError('backup-too-many-accounts',
      `The vault holds ${accounts.length} accounts; a backup restores at most ${IMPORT_LIMITS.backupAccounts}. Delete some, then export again.`);
  }
  accounts.forEach((account, index) => {
    const r = admitAccount(account);
    if (!r.ok) {
      throw new AppError('account-unrestorable',
        `Account ${index + 1} ("${shownText(account.label, 64)}") breaks the rules of an account at ${r.path}, so a backup of it could not be restored. Change or delete it, then export again.`);
    }
  });
}

/** Checks the file before deriving anything, then decrypts and validates every account. */
export async function readBackup(text: string, password: string): Promise<BackupPayload> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw backupInvalid('it is not JSON');
  }
  const parsed = v.safeParse(BackupFileSchema, raw, { abortEarly: true });
  if (!parsed.success) throw backupInvalid(describeIssue(parsed.issues));
  const file = parsed.output;
  const key = await deriveKeyFromPassword(password, file.kdf.salt, file.kdf.iterations);
  let plain: Uint8Array;
  try {
    plain = await open(key, { nonce: file.nonce, ciphertext: file.payload }, backupAad(file.kdf.iterations, file.kdf.salt));
  } catch (error) {
    if (error instanceof AuthenticationFailed) throw new AppError('wrong-password', 'Wrong backup password, or the file was altered.');
    throw error;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch {
    throw backupInvalid('the decrypted payload is not JSON');
  }
  tooManyAccounts(payload);
  const accounts = v.safeParse(PayloadSchema, payload, { abortEarly: true });
  // The payload holds secrets: name the position, never the content.
  if (!accounts.success) throw backupInvalid(`the decrypted payload does not match the format at ${issuePath(accounts.issues) || '?'}`);
  return { ...accounts.output, accounts: accounts.output.accounts.map(checkAccount) };
}

/** The account budget, with its own error, before any account of the payload is read. */
function tooManyAccounts(payload: unknown): void {
  const accounts = typeof payload === 'object' && payload !== null ? (payload as { accounts?: unknown }).accounts : undefined;
  if (Array.isArray(accounts) && accounts.length > IMPORT_LIMITS.backupAccounts) {
    throw limitError('backup-too-many-accounts',
      `The backup holds ${accounts.length} accounts; at most ${IMPORT_LIMITS.backupAccounts} can be restored, so none was.`);
  }
}

/**
 * The rules add-account applies (NewAccountSchema: pool id, endpoint, username, label lengths and
 * characters, OTP parameters, secrets), applied to each restored account: the file is
 * authenticated by its password only, and may come from another build or another person. One
 * account that breaks them refuses the whole file, before anything is written.
 * Secrets come back in canonical base32; errors name the position, never the value.
 */
function checkAccount(account: Account, index: number): Account {
  const r = admitAccount(account);
  if (!r.ok) throw backupInvalid(`account ${index + 1} cannot be used, at accounts.${index}.${r.path}`);
  return r.account;
}
