// Why an entry of an import was not added, as a stable code the pages translate (no sentence
// travels to a page). Each error the importers meet maps to one code here; a limit of
// ../limits.ts keeps its own code.
import type { LimitErrorCode } from '../limits';
import type { OtpField } from '../otp-account';
import { isOtpError, limitOf, type Base32ErrorCode, type DocumentErrorCode, type OtpauthUriErrorCode } from '../otp-errors';

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
/** A whole document that cannot be read: the OTP layer's document error codes are import problem codes as they are. */
export type DocumentProblemCode = DocumentErrorCode & ImportProblemCode;

const URI_CODES: Readonly<Record<OtpauthUriErrorCode, ImportProblemCode>> = {
  'uri-not-otpauth': 'uri-malformed',
  'uri-unsupported-type': 'type-unsupported',
  'uri-bad-encoding': 'uri-malformed',
  'uri-missing-label': 'label-invalid',
  'uri-bad-label': 'label-invalid',
  'uri-duplicate-parameter': 'uri-malformed',
  'uri-missing-secret': 'secret-invalid',
  'uri-bad-secret': 'secret-invalid',
  'uri-unknown-algorithm': 'algorithm-unsupported',
  'uri-bad-digits': 'digits-invalid',
  'uri-bad-period': 'period-invalid',
  'uri-missing-counter': 'counter-invalid',
  'uri-bad-counter': 'counter-invalid',
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

/** A secret that is not base32 is one problem, whatever the reason. */
const BASE32_CODES: Readonly<Record<Base32ErrorCode, ImportProblemCode>> = {
  'base32-empty': 'secret-invalid',
  'base32-invalid-character': 'secret-invalid',
  'base32-invalid-length': 'secret-invalid',
  'base32-too-short': 'secret-invalid',
};

const DOCUMENT_CODES: ReadonlySet<string> = new Set<DocumentProblemCode>(['not-aegis', 'aegis-encrypted', 'aegis-unreadable', 'migration-unreadable']);

/** The problem code of an error an importer met, or undefined for an error that is no import problem. */
export function problemCodeOf(error: unknown): ImportProblemCode | undefined {
  if (!isOtpError(error)) return undefined;
  const { code } = error;
  // A limit names itself; a document error is already an import problem.
  const limit = limitOf(error);
  if (limit !== undefined) return limit;
  if (DOCUMENT_CODES.has(code)) return code as ImportProblemCode;
  if (code === 'otp-parameter-invalid') return FIELD_CODES[error.details.field as OtpField] ?? 'uri-malformed';
  return URI_CODES[code as OtpauthUriErrorCode] ?? BASE32_CODES[code as Base32ErrorCode];
}
