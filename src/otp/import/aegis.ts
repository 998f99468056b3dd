/**
 * Aegis Authenticator vault exports (docs/vault.md of beemdevelopment/Aegis):
 *   { version: 1, header: { slots, params }, db: { version, entries: [...], groups } }
 * A plain export has `header.slots` and `header.params` null and `db` as an object. An encrypted
 * one has slots and `db` as a base64 string; decrypting it would mean asking for the Aegis
 * password here, so it is refused with instructions instead.
 * Entry types other than totp/hotp (steam, motp, yandex) use non-standard algorithms and are
 * skipped and reported.
 * Budgets (./limits.ts): the text's length is checked before JSON.parse, the number of entries
 * before any is read; each entry then meets the same rules as an otpauth:// URI.
 */
import { createOtpAccount, type OtpAccount, type OtpType } from '../otp-account';
import { documentError, isParameterError, otpParameterError } from '../otp-errors';
import { describeEntry, type ImportProblem, type ImportResult } from './import-result';
import { problemCodeOf } from './problem-codes';
import { checkLength, IMPORT_LIMITS, limitError } from '../limits';
import { shownText } from '../visible-text';

// A Map, not an object literal: the type comes from the file, and an object would answer
// "constructor" or "__proto__" with what it inherits.
const SKIPPED_TYPES: ReadonlyMap<string, string> = new Map([
  ['steam', 'Steam Guard'],
  ['motp', 'mOTP'],
  ['yandex', 'Yandex'],
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** True for JSON that has the outer shape of an Aegis vault (used to detect the format). */
export function looksLikeAegisVault(value: unknown): boolean {
  return isObject(value) && 'header' in value && 'db' in value;
}

function entryToAccount(entry: Record<string, unknown>, type: OtpType): OtpAccount {
  const info = entry.info;
  if (!isObject(info)) throw otpParameterError('secret', 'The entry has no "info" object.');
  if (typeof info.secret !== 'string') throw otpParameterError('secret', 'The entry has no secret.');
  if (type === 'hotp' && info.counter === undefined) {
    throw otpParameterError('counter', 'The HOTP entry has no counter.');
  }
  return createOtpAccount({
    type,
    issuer: text(entry.issuer),
    account: text(entry.name),
    secret: info.secret,
    // createOtpAccount checks the values; undefined falls back to the Key Uri defaults.
    algorithm: info.algo as OtpAccount['algorithm'] | undefined,
    digits: info.digits as number | undefined,
    period: type === 'totp' ? (info.period as number | undefined) : undefined,
    counter: type === 'hotp' ? (info.counter as number) : undefined,
  });
}

/** Imports already-parsed Aegis JSON. Throws a document error (../otp-errors.ts) for encrypted or malformed vaults. */
export function importAegisVault(vault: unknown): ImportResult {
  if (!looksLikeAegisVault(vault)) {
    throw documentError('not-aegis', 'This is not an Aegis vault export (expected "header" and "db").');
  }
  const { header, db } = vault as { header: unknown; db: unknown };
  const encrypted =
    typeof db === 'string' || (isObject(header) && header.slots !== null && header.slots !== undefined);
  if (encrypted) {
    throw documentError(
      'aegis-encrypted',
      'This Aegis export is encrypted. In Aegis, export the vault again with encryption turned off ' +
        '(plain-text JSON), import that file, then delete it.',
    );
  }
  if (!isObject(db) || !Array.isArray(db.entries)) {
    throw documentError('aegis-unreadable', 'The Aegis export has no list of entries ("db.entries").');
  }
  if (db.entries.length > IMPORT_LIMITS.entries) {
    throw limitError('import-too-many-entries', `The Aegis export holds ${db.entries.length} entries; at most ${IMPORT_LIMITS.entries} are accepted at once.`);
  }

  const accounts: OtpAccount[] = [];
  const problems: ImportProblem[] = [];
  db.entries.forEach((entry: unknown, index) => {
    const where = { entry: index + 1 };
    if (!isObject(entry)) {
      problems.push({ ...where, code: 'entry-not-object', message: 'The entry is not an object.' });
      return;
    }
    const label = describeEntry(text(entry.issuer), text(entry.name));
    const at = label ? { ...where, label } : where;
    const type = text(entry.type).toLowerCase();
    if (type !== 'totp' && type !== 'hotp') {
      const known = SKIPPED_TYPES.get(type);
      problems.push({
        ...at,
        code: 'type-unsupported',
        message: known
          ? `Skipped: ${known} entries use a non-standard algorithm that is not supported.`
          : `Skipped: unknown entry type ${JSON.stringify(shownText(text(entry.type), 24))}.`,
      });
      return;
    }
    try {
      accounts.push(entryToAccount(entry, type));
    } catch (error) {
      if (!isParameterError(error)) throw error;
      problems.push({ ...at, code: problemCodeOf(error)!, message: error.message });
    }
  });
  return { accounts, problems };
}

/** Imports the text of an Aegis plain-text export. Throws a document error (../otp-errors.ts). */
export function importAegisJson(json: string): ImportResult {
  checkLength('import-too-large', 'Aegis export', json, IMPORT_LIMITS.textChars);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    // JSON.parse's message quotes part of the input, which may contain secrets.
    throw documentError('aegis-unreadable', 'The Aegis export is not valid JSON (the file is damaged or incomplete).');
  }
  return importAegisVault(parsed);
}
