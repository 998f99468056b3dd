/**
 * The OTP layer's errors are AppErrors (the extension's one error type, src/cognito/errors.ts),
 * each with a code from the lists below or a limit's code (./limits.ts, LIMIT_ERROR_CODES). The
 * codes say exactly what was refused; `details.field` names the OTP field at fault,
 * `details.position` the rejected character of a secret and `details.limit` the limit passed,
 * when that is why (the pages word it by that limit's code). Messages never hold a secret.
 *
 * These codes are finer than what a page shows: an import names the problem by
 * ./import/problem-codes.ts, and the background turns any other into `import-failed`
 * (src/background/error-info.ts), so only the limits' codes reach the pages as they are.
 */
import { AppError, isAppError } from '../cognito/errors';
import { LIMIT_ERROR_CODES, type LimitErrorCode } from './limits';
import type { OtpField } from './otp-account';

/** Why a base32 secret was refused (./base32.ts). */
export const BASE32_ERROR_CODES = [
  'base32-empty',             // nothing but spaces or padding
  'base32-invalid-character', // a character outside A–Z, 2–7 (`details.position`, 1-based)
  'base32-invalid-length',    // no byte string has this many symbols, or padding in the middle
  'base32-too-short',         // under MIN_SECRET_BITS
] as const;
export type Base32ErrorCode = (typeof BASE32_ERROR_CODES)[number];

/** Why an otpauth:// URI was refused (./otpauth-uri.ts). */
export const OTPAUTH_URI_ERROR_CODES = [
  'uri-not-otpauth', 'uri-unsupported-type', 'uri-bad-encoding', 'uri-missing-label', 'uri-bad-label',
  'uri-duplicate-parameter', 'uri-missing-secret', 'uri-bad-secret', 'uri-unknown-algorithm',
  'uri-bad-digits', 'uri-bad-period', 'uri-missing-counter', 'uri-bad-counter',
] as const;
export type OtpauthUriErrorCode = (typeof OTPAUTH_URI_ERROR_CODES)[number];

/** Whole documents an importer cannot read (./import/*). */
export const DOCUMENT_ERROR_CODES = ['not-aegis', 'aegis-encrypted', 'aegis-unreadable', 'migration-unreadable'] as const;
export type DocumentErrorCode = (typeof DOCUMENT_ERROR_CODES)[number];

/** An account field or OTP parameter missing or out of range; `details.field` says which. */
export const OTP_PARAMETER_ERROR = 'otp-parameter-invalid';

export const OTP_ERROR_CODES = [
  ...BASE32_ERROR_CODES, ...OTPAUTH_URI_ERROR_CODES, ...DOCUMENT_ERROR_CODES, OTP_PARAMETER_ERROR, ...LIMIT_ERROR_CODES,
] as const;
export type OtpErrorCode = (typeof OTP_ERROR_CODES)[number];
export type OtpError<C extends OtpErrorCode = OtpErrorCode> = AppError<C>;

const OTP_CODES: ReadonlySet<string> = new Set(OTP_ERROR_CODES);

/** `error` is an OTP-layer error, with one of `codes` when given. */
export function isOtpError<C extends OtpErrorCode>(error: unknown, ...codes: C[]): error is OtpError<C> {
  return isAppError(error) && OTP_CODES.has(error.code) && (codes.length === 0 || (codes as string[]).includes(error.code));
}

const LIMIT_CODES: ReadonlySet<string> = new Set(LIMIT_ERROR_CODES);

/** The limit an OTP error names, if it was refused for passing one: its code, or the limit in its details. */
export function limitOf(error: OtpError): LimitErrorCode | undefined {
  if (LIMIT_CODES.has(error.code)) return error.code as LimitErrorCode;
  const { limit } = error.details;
  return limit !== undefined && LIMIT_CODES.has(limit) ? (limit as LimitErrorCode) : undefined;
}

const withLimit = (limit: LimitErrorCode | undefined) => (limit !== undefined ? { limit } : {});

export function base32Error(code: Base32ErrorCode, message: string, position?: number): OtpError<Base32ErrorCode> {
  return new AppError({ code, message, ...(position !== undefined ? { details: { position } } : {}) });
}

/** `limit`: the limit of ./limits.ts that was passed, when that is why the URI was refused. */
export function otpauthUriError(code: OtpauthUriErrorCode, message: string, limit?: LimitErrorCode): OtpError<OtpauthUriErrorCode> {
  return new AppError({ code, message, details: withLimit(limit) });
}

/** `limit`: the limit of ./limits.ts that was passed, when that is why the field was refused. */
export function otpParameterError(field: OtpField, message: string, limit?: LimitErrorCode): OtpError<typeof OTP_PARAMETER_ERROR> {
  return new AppError({ code: OTP_PARAMETER_ERROR, message, details: { field, ...withLimit(limit) } });
}

/** An account field or OTP parameter was refused (otpParameterError, with its own code or a limit's). */
export function isParameterError(error: unknown): error is OtpError {
  return isOtpError(error) && error.details.field !== undefined;
}

export function documentError(code: DocumentErrorCode, message: string): OtpError<DocumentErrorCode> {
  return new AppError(code, message);
}
