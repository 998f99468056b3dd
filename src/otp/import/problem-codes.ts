// Why an entry of an import was not added, as a stable code the pages translate (no sentence
// travels to a page). Each error the importers meet maps to one code here; a limit of
// ../limits.ts keeps its own code.
import type { LimitErrorCode } from '../limits';
import { LimitError } from '../limits';
import { OtpParameterError, type OtpField } from '../otp-account';
import { OtpauthUriError, type OtpauthUriErrorReason } from '../otpauth-uri';
import { OtpImportError } from './import-result';

export const IMPORT_PROBLEM_CODES = [
  'nothing-to-import',     // the text is empty
  'not-otp-line',          // a line that is neither otpauth:// nor otpauth-migration://
  'uri-malformed',         // an otpauth:// URI that cannot be read (encoding, repeated parameter, …)
  'type-unsupported',      // not TOTP or HOTP (Steam, Yandex, an unknown type)
  'secret-invalid',        // no secret, or not base32
  'algorithm-unsupported', // not SHA1, SHA256 or SHA512
  'digits-invalid',
  'period-invalid',
  'counter-invalid',       // an HOTP entry without a usable counter
  'label-invalid',         // no name and no issuer, or a name that cannot be shown safely
  'entry-not-object',      // an Aegis entry that is not a JSON object
  'entry-damaged',         // a Google export entry that cannot be decoded
  'batch-incomplete',      // QR codes of a multi-part Google export are missing (`missing`, `size`)
  'no-accounts',           // a Google export that holds no account
  'not-aegis',             // JSON that is not an Aegis export
  'aegis-encrypted',       // an encrypted Aegis export (only plain-text exports are read)
  'aegis-unreadable',      // an Aegis export that is not valid JSON or has no entries
  'migration-unreadable',  // a Google export whose data cannot be decoded
] as const;

export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number] | LimitErrorCode;
/** A whole document that cannot be read. */
export type DocumentProblemCode = Extract<ImportProblemCode, 'not-aegis' | 'aegis-encrypted' | 'aegis-unreadable' | 'migration-unreadable'>;

const URI_REASON_CODES: Readonly<Record<OtpauthUriErrorReason, ImportProblemCode>> = {
  'not-otpauth': 'uri-malformed',
  'unsupported-type': 'type-unsupported',
  'bad-encoding': 'uri-malformed',
  'missing-label': 'label-invalid',
  'bad-label': 'label-invalid',
  'duplicate-parameter': 'uri-malformed',
  'missing-secret': 'secret-invalid',
  'bad-secret': 'secret-invalid',
  'unknown-algorithm': 'algorithm-unsupported',
  'bad-digits': 'digits-invalid',
  'bad-period': 'period-invalid',
  'missing-counter': 'counter-invalid',
  'bad-counter': 'counter-invalid',
  'too-long': 'import-line-too-long',
};

const FIELD_CODES: Readonly<Record<OtpField, ImportProblemCode>> = {
  type: 'type-unsupported',
  issuer: 'label-invalid',
  account: 'label-invalid',
  secret: 'secret-invalid',
  algorithm: 'algorithm-unsupported',
  digits: 'digits-invalid',
  period: 'period-invalid',
  counter: 'counter-invalid',
  // Not fields of an imported entry (code generation options); listed so the table is whole.
  window: 'uri-malformed',
  time: 'uri-malformed',
};

/** The problem code of an error an importer met, or undefined for an error that is no import problem. */
export function problemCodeOf(error: unknown): ImportProblemCode | undefined {
  if (error instanceof LimitError) return error.code;
  if (error instanceof OtpauthUriError) return error.code ?? URI_REASON_CODES[error.reason];
  if (error instanceof OtpParameterError) return error.code ?? FIELD_CODES[error.field];
  if (error instanceof OtpImportError) return error.code;
  return undefined;
}
