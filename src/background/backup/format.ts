// The encrypted backup file (docs/backup-format.md): a JSON object with a format id and version,
// the KDF parameters (bounds-checked exactly like the vault's password slot before any work is
// done with them), and one AES-256-GCM payload holding every account with its secrets.
import * as v from 'valibot';
import { base64 } from '@scure/base';
import { AppError } from '../errors';
import { AccountSchema, type Account } from '../accounts/model';
import { AuthenticationFailed, NONCE_BYTES, TAG_BYTES, deriveKeyFromPassword, open, randomBytes, seal } from '../vault/crypto';
import { DEFAULT_ITERATIONS, DEFAULT_SALT_BYTES, KdfSchema } from '../vault/format';

export const BACKUP_FORMAT = 'cognito-authenticator/backup';
export const BACKUP_VERSION = 1;
export const MAX_BACKUP_ACCOUNTS = 10_000;

const b64bytes = (min: number) =>
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'), v.rawTransform(({ dataset, addIssue, NEVER }) => {
    try {
      const bytes = base64.decode(dataset.value);
      if (bytes.length >= min) return bytes;
      addIssue({ message: `shorter than ${min} bytes` });
    } catch {
      addIssue({ message: 'not base64' });
    }
    return NEVER;
  }));

const BackupFileSchema = v.object({
  format: v.literal(BACKUP_FORMAT, `not a ${BACKUP_FORMAT} file`),
  version: v.literal(BACKUP_VERSION, `unsupported version (this build reads ${BACKUP_VERSION})`),
  kdf: KdfSchema,
  nonce: v.pipe(b64bytes(NONCE_BYTES), v.check((b) => b.length === NONCE_BYTES, `nonce must be ${NONCE_BYTES} bytes`)),
  payload: b64bytes(TAG_BYTES),
});

const PayloadSchema = v.object({
  exportedAt: v.string(),
  accounts: v.pipe(v.array(AccountSchema), v.maxLength(MAX_BACKUP_ACCOUNTS)),
});
export type BackupPayload = v.InferOutput<typeof PayloadSchema>;

const backupInvalid = (why: string) => new AppError('backup-invalid', `This backup file cannot be used: ${why}.`);

/** Binds the format, version and KDF parameters to the payload. */
export function backupAad(iterations: number, salt: Uint8Array): Uint8Array {
  return new TextEncoder().encode(`${BACKUP_FORMAT}:${BACKUP_VERSION}:PBKDF2-SHA256:${iterations}:${base64.encode(salt)}`);
}

export async function writeBackup(accounts: Account[], password: string, now = new Date()): Promise<string> {
  const salt = randomBytes(DEFAULT_SALT_BYTES);
  const iterations = DEFAULT_ITERATIONS;
  const key = await deriveKeyFromPassword(password, salt, iterations);
  const payload: BackupPayload = { exportedAt: now.toISOString(), accounts };
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

/** Checks the file before deriving anything, then decrypts and validates every account. */
export async function readBackup(text: string, password: string): Promise<BackupPayload> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw backupInvalid('it is not JSON');
  }
  const parsed = v.safeParse(BackupFileSchema, raw, { abortEarly: true });
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.');
    throw backupInvalid(`${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`.slice(0, 200));
  }
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
  const accounts = v.safeParse(PayloadSchema, payload, { abortEarly: true });
  // The payload holds secrets: name the position, never the content.
  if (!accounts.success) throw backupInvalid(`the decrypted payload does not match the format at ${accounts.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? '?'}`);
  return accounts.output;
}
