/**
 * Every bound on what may come in: one number per rule, defined here once and imported wherever
 * the rule is checked (the add-account form and its message schema, otpauth:// URIs, QR codes,
 * Google Authenticator and Aegis exports, backups, stored records, the code generators).
 *
 * Pure data plus one error class, at the bottom of the layers (src/otp imports nothing above it),
 * so the protocol core, the background, the shared message schema and the pages can all use it.
 *
 * Each limit that can refuse an input has its own stable error code (LIMIT_ERROR_CODES): the
 * pages map it to a translated sentence (src/ui/error-messages.ts), and tests name it.
 */

import { AppError } from '../cognito/errors';

/** OTP parameters. */
export const OTP_LIMITS = {
  /** RFC 4226 §5.3 allows 6 to 8 digits (otplib, Google Authenticator and Aegis agree). */
  digits: { min: 6, max: 8 },
  /**
   * TOTP time step in seconds. Up to one day: services with steps over an hour exist (otplib's
   * own default stops at an hour, see otplib-options.ts), longer ones would show a code for days.
   */
  period: { min: 1, max: 86_400 },
  /**
   * HOTP counter of the next code. 2^48 − 1 (at one code a second, nine million years) instead of
   * 2^53 − 1: the counter is incremented and searched ahead of (RFC 4226 §7.4), and every value
   * reached that way must still be an exact integer the same rule accepts (the next code, a backup
   * of the account). Google's int64 and Aegis's Java long above it are refused, not rounded.
   */
  counter: { min: 0, max: 2 ** 48 - 1 },
  /**
   * Secret key, in bytes. At least 80 bits (base32.ts, MIN_SECRET_BITS); at most 256 bytes (2048
   * bits): twice the HMAC-SHA512 block, far above any real key (Google and Aegis use ≤ 64 bytes),
   * and small enough that a hostile import cannot make the vault hold megabytes per account.
   */
  secretBytes: { min: 10, max: 256 },
} as const;

/** Names a person reads: an account's label, an OTP issuer, an OTP account name (characters). */
export const LABEL_MAX_CHARS = 200;

/**
 * Budgets of the import parsers, checked before anything is decoded, so a hostile input costs
 * only its own length.
 */
export const IMPORT_LIMITS = {
  /** Pasted text or an uploaded Aegis file, in characters (a real Aegis export of 1 000 entries is ~400 KB). */
  textChars: 1024 * 1024,
  /** Accounts, lines or entries one import may hold (a Google export QR code holds about ten). */
  entries: 1000,
  /** One otpauth:// or otpauth-migration:// line: a QR code holds at most 4 296 characters. */
  lineChars: 4296,
  /** The text jsQR decoded from one QR code (version 40: 4 296 alphanumeric characters at most). */
  qrChars: 4296,
  /**
   * Google export batch: the number of QR codes one export is split into, and the position of
   * this one. Google Authenticator splits into QR codes of about ten accounts, so 100 codes are
   * 1 000 accounts, the entries budget above.
   */
  migrationBatchSize: 100,
  /**
   * Accounts one backup file may restore (docs/backup-format.md). Above `entries`: a backup is
   * the whole vault of a person, not one import; checked before any account of it is read.
   */
  backupAccounts: 10_000,
} as const;

export const LIMIT_ERROR_CODES = [
  'otp-digits-out-of-range',      // digits not in OTP_LIMITS.digits
  'otp-period-out-of-range',      // TOTP period not in OTP_LIMITS.period
  'otp-counter-out-of-range',     // HOTP counter not in OTP_LIMITS.counter (also: the next code would pass it)
  'otp-secret-too-long',          // more than OTP_LIMITS.secretBytes.max bytes
  'label-too-long',               // a label, issuer or account name over LABEL_MAX_CHARS
  'import-too-large',             // import text over IMPORT_LIMITS.textChars
  'import-line-too-long',         // one line over IMPORT_LIMITS.lineChars
  'import-too-many-entries',      // more than IMPORT_LIMITS.entries accounts, lines or entries
  'qr-too-large',                 // a QR code's text over IMPORT_LIMITS.qrChars
  'migration-batch-out-of-range', // a Google export's batch size/index outside IMPORT_LIMITS.migrationBatchSize
  'backup-too-many-accounts',     // a backup holding more than IMPORT_LIMITS.backupAccounts accounts
] as const;
export type LimitErrorCode = (typeof LIMIT_ERROR_CODES)[number];

/** An input beyond one of the limits above: an AppError with the limit's code. The message says which and by how much, never the value of a secret. */
export function limitError(code: LimitErrorCode, message: string): AppError<LimitErrorCode> {
  return new AppError(code, message);
}

/** Throws `limitError(code)` when `text` has more than `max` characters (UTF-16 units, as String.length). */
export function checkLength(code: LimitErrorCode, what: string, text: string, max: number): void {
  if (text.length > max) {
    throw limitError(code, `The ${what} has ${text.length} characters; at most ${max} are accepted.`);
  }
}
