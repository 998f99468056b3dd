/**
 * Client-side checks of request fields against the Cognito API model
 * (botocore cognito-idp 2016-04-18 service-2.json): lengths, patterns and enums.
 *
 * Catching these before sending gives a precise message ("Invalid Session: 20-2048 characters")
 * instead of a generic InvalidParameterException, and avoids spending a lockout attempt.
 * Each check throws `validationError(field, constraint)` (code `validation`); messages never contain the value,
 * because most of these fields are secrets or tokens (the model marks them "sensitive").
 * Non-secret enum fields name the rejected value, which helps and leaks nothing.
 */

import { OTP_LIMITS } from '../otp/limits';
import { validationError } from './errors';

/** Model's generic StringType limit (maps, AnalyticsEndpointId, FriendlyDeviceName…). */
const STRING_MAX = 131072;

export const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
] as const;

export const CHALLENGE_NAMES = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
] as const;

export const DEVICE_REMEMBERED_STATUSES = ['remembered', 'not_remembered'] as const;

// Patterns of the model, anchored (the model's are implicitly whole-string).
const CLIENT_ID = /^[\w+]+$/;
const CLIENT_SECRET = /^[\w+]+$/;
const DEVICE_KEY = /^[\w-]+_[0-9a-f-]+$/;
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const TOKEN = /^[A-Za-z0-9\-_=.]+$/;
const SECRET_HASH = /^[\w+=/]+$/;
const NON_SPACE = /^\S+$/u;
const USER_CODE = /^[0-9]{6}$/;
const ATTRIBUTE_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}\t\n\r ]+$/u;

function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw validationError(field, `a string (got ${describeType(value)})`);
  return value;
}

function checkLength(field: string, value: string, min: number, max: number): void {
  if (value.length < min || value.length > max) {
    const range = max === Infinity ? `at least ${min} characters` : min === max ? `exactly ${min} characters` : `${min}-${max} characters`;
    throw validationError(field, `${range} (got ${value.length})`);
  }
}

function checkPattern(field: string, value: string, pattern: RegExp, description: string): void {
  if (!pattern.test(value)) throw validationError(field, description);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

// ---- scalar fields ---------------------------------------------------------------------------

export function validateClientId(value: unknown, field = 'ClientId'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, 128);
  checkPattern(field, s, CLIENT_ID, 'letters, digits, "_" and "+" only ([\\w+]+)');
  return s;
}

export function validateClientSecret(value: unknown, field = 'ClientSecret'): string {
  const s = requireString(field, value);
  checkLength(field, s, 24, 64);
  checkPattern(field, s, CLIENT_SECRET, 'letters, digits, "_" and "+" only ([\\w+]+)');
  return s;
}

export function validateSecretHash(value: unknown, field = 'SecretHash'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, 128);
  checkPattern(field, s, SECRET_HASH, 'base64 characters ([\\w+=/]+)');
  return s;
}

export function validateSession(value: unknown, field = 'Session'): string {
  const s = requireString(field, value);
  checkLength(field, s, 20, 2048);
  return s;
}

/**
 * SecretCode of AssociateSoftwareToken: the new TOTP key, in base32. The model says [A-Za-z0-9]+,
 * 16 characters or more; the key must also decode as base32 (RFC 4648 letters and 2-7, no
 * padding) and fit the OTP key limit (OTP_LIMITS.secretBytes), or no code can ever be made of it.
 */
export function validateSecretCode(value: unknown, field = 'SecretCode'): string {
  const s = requireString(field, value);
  checkLength(field, s, 16, Math.ceil((OTP_LIMITS.secretBytes.max * 8) / 5));
  checkPattern(field, s, /^[A-Z2-7]+$/i, 'base32 letters and digits 2-7');
  return s;
}

/** Six-digit TOTP code of VerifySoftwareToken. */
export function validateUserCode(value: unknown, field = 'UserCode'): string {
  const s = requireString(field, value);
  checkPattern(field, s, USER_CODE, 'exactly 6 digits');
  return s;
}

export function validateDeviceKey(value: unknown, field = 'DeviceKey'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, 55);
  checkPattern(field, s, DEVICE_KEY, '<region>_<lowercase hex/uuid> ([\\w-]+_[0-9a-f-]+)');
  return s;
}

/**
 * DeviceGroupKey of NewDeviceMetadata. The model gives it no pattern (StringType); Cognito's are
 * short ("-" and a few letters and digits). It is hashed into the device verifier and stored with
 * the device, so only visible ASCII up to 128 characters is taken from a server.
 */
export function validateDeviceGroupKey(value: unknown, field = 'DeviceGroupKey'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, 128);
  checkPattern(field, s, /^[\x21-\x7e]+$/, 'visible ASCII characters without spaces');
  return s;
}

export function validateDeviceName(value: unknown, field = 'DeviceName'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, 1024);
  return s;
}

export function validateFriendlyDeviceName(value: unknown, field = 'FriendlyDeviceName'): string {
  const s = requireString(field, value);
  checkLength(field, s, 0, STRING_MAX);
  return s;
}

/** ListDevices page size. */
export function validateLimit(value: unknown, field = 'Limit'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 60) {
    throw validationError(field, 'an integer from 0 to 60');
  }
  return value;
}

export function validateUserPoolId(value: unknown, field = 'UserPoolId'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, 55);
  checkPattern(field, s, USER_POOL_ID, '<region>_<id>, e.g. eu-west-2_AbC123xyz');
  return s;
}

/** Username or sign-in alias: 1-128 visible characters (letters, marks, symbols, digits, punctuation). */
export function validateUsername(value: unknown, field = 'Username'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, 128);
  checkPattern(field, s, USERNAME, 'visible characters without spaces');
  return s;
}

/** Whether `check` accepts `value`: the same rule as a test, for those that report instead of throwing. */
function passes(check: (value: unknown) => unknown, value: unknown): value is string {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
}

// The rules of the fields a person types, as tests: the options form (src/options/account-form-model.ts),
// the message schema (src/shared/account-schema.ts) and the engine all use these, so they cannot disagree.

/** The same rule as validateUsername, as a test (for names a server gives, and the forms). */
export const isUsername = (value: unknown): value is string => passes(validateUsername, value);
/** UserPoolId: the API's pattern, at most 55 characters (the region part is checked where it picks the host). */
export const isUserPoolId = (value: unknown): value is string => passes(validateUserPoolId, value);
export const isClientId = (value: unknown): value is string => passes(validateClientId, value);
/** An AWS region name (the part of a user pool id before "_" when it picks the regional host). */
export const isRegion = (value: unknown): value is string => passes(validateRegion, value);
/** An app client secret as Cognito makes them: 24-64 of [\w+]. A shorter one can never compute SECRET_HASH Cognito accepts. */
export const isClientSecret = (value: unknown): value is string => passes(validateClientSecret, value);

/** A TOTP code of an authenticator (UserCode, SOFTWARE_TOKEN_MFA_CODE): exactly 6 digits. */
export function isTotpCode(value: unknown): value is string {
  return typeof value === 'string' && USER_CODE.test(value);
}

/** A code Cognito sends by SMS or e-mail (SMS_MFA, SMS_OTP, EMAIL_OTP): 6 digits by default, 8 for e-mail OTP in some pools. */
const DELIVERED_CODE = /^[0-9]{6,8}$/;
export function isDeliveredCode(value: unknown): value is string {
  return typeof value === 'string' && DELIVERED_CODE.test(value);
}

/**
 * The longest token accepted, sent or received. The model sets no maximum; Cognito's tokens are a
 * few kilobytes (an ID token with many groups and attributes stays far below 64 Ki). A server's
 * megabyte token would otherwise be stored in the vault and sent back with every call.
 */
export const TOKEN_MAX_CHARS = 65_536;

/** AccessToken / RefreshToken / IdToken (TokenModelType): JWT-ish characters, never empty. */
export function validateToken(value: unknown, field = 'AccessToken'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, TOKEN_MAX_CHARS);
  checkPattern(field, s, TOKEN, 'token characters only ([A-Za-z0-9-_=.]+)');
  return s;
}

/** PasswordType: up to 256 non-space characters (the model allows empty for passwordless sign-up). */
export function validatePassword(value: unknown, field = 'Password'): string {
  const s = requireString(field, value);
  checkLength(field, s, 0, 256);
  if (s.length > 0) checkPattern(field, s, NON_SPACE, 'characters other than spaces');
  return s;
}

export function validateConfirmationCode(value: unknown, field = 'ConfirmationCode'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, 2048);
  checkPattern(field, s, NON_SPACE, 'characters other than spaces');
  return s;
}

export function validatePaginationToken(value: unknown, field = 'PaginationToken'): string {
  const s = requireString(field, value);
  checkLength(field, s, 1, Infinity);
  checkPattern(field, s, NON_SPACE, 'characters other than spaces');
  return s;
}

export function validateBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw validationError(field, `true or false (got ${describeType(value)})`);
  return value;
}

function validateEnum<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  const s = requireString(field, value);
  if (!(allowed as readonly string[]).includes(s)) {
    // Enum values are not secrets; naming the rejected one helps the reader.
    throw validationError(field, `one of ${allowed.join(', ')} (got "${s.slice(0, 40)}")`);
  }
  return s as T;
}

export function validateAuthFlow(value: unknown, field = 'AuthFlow'): (typeof AUTH_FLOWS)[number] {
  return validateEnum(value, field, AUTH_FLOWS);
}

export function validateChallengeName(value: unknown, field = 'ChallengeName'): (typeof CHALLENGE_NAMES)[number] {
  return validateEnum(value, field, CHALLENGE_NAMES);
}

export function validateDeviceRememberedStatus(value: unknown, field = 'DeviceRememberedStatus'): (typeof DEVICE_REMEMBERED_STATUSES)[number] {
  return validateEnum(value, field, DEVICE_REMEMBERED_STATUSES);
}

// ---- structured fields -----------------------------------------------------------------------

/**
 * AuthParameters / ChallengeResponses / ClientMetadata: string→string maps. Cognito rejects
 * non-string values, so a boolean or number here is a caller bug (encode it as a string).
 */
export function validateStringMap(value: unknown, field: string): Record<string, string> {
  if (!isPlainObject(value)) throw validationError(field, `an object of string values (got ${describeType(value)})`);
  for (const [key, v] of Object.entries(value)) {
    if (key.length > STRING_MAX) throw validationError(field, `keys of at most ${STRING_MAX} characters`);
    if (typeof v !== 'string') {
      // The key is a parameter name (e.g. PASSWORD), never a secret; the value is not shown.
      throw validationError(`${field}.${key}`, `a string (got ${describeType(v)}; encode numbers, booleans and lists as strings)`);
    }
    if (v.length > STRING_MAX) throw validationError(`${field}.${key}`, `at most ${STRING_MAX} characters`);
  }
  return value as Record<string, string>;
}

/** Reject keys the model does not define: a misspelt key would otherwise be dropped silently by the service. */
function checkKnownKeys(value: Record<string, unknown>, field: string, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw validationError(field, `only the fields ${known.join(', ')} (found "${key.slice(0, 40)}")`);
  }
}

function validateOptionalStringMember(obj: Record<string, unknown>, key: string, field: string): void {
  const v = obj[key];
  if (v === undefined) return;
  const s = requireString(`${field}.${key}`, v);
  checkLength(`${field}.${key}`, s, 0, STRING_MAX);
}

export function validateAnalyticsMetadata(value: unknown, field = 'AnalyticsMetadata'): { AnalyticsEndpointId?: string } {
  if (!isPlainObject(value)) throw validationError(field, `an object (got ${describeType(value)})`);
  checkKnownKeys(value, field, ['AnalyticsEndpointId']);
  validateOptionalStringMember(value, 'AnalyticsEndpointId', field);
  return value as { AnalyticsEndpointId?: string };
}

export function validateUserContextData(value: unknown, field = 'UserContextData'): { IpAddress?: string; EncodedData?: string } {
  if (!isPlainObject(value)) throw validationError(field, `an object (got ${describeType(value)})`);
  checkKnownKeys(value, field, ['IpAddress', 'EncodedData']);
  validateOptionalStringMember(value, 'IpAddress', field);
  validateOptionalStringMember(value, 'EncodedData', field);
  return value as { IpAddress?: string; EncodedData?: string };
}

/** SMSMfaSettings / SoftwareTokenMfaSettings / EmailMfaSettings: {Enabled?, PreferredMfa?}. */
export function validateMfaSettings(value: unknown, field: string, keys: readonly string[] = ['Enabled', 'PreferredMfa']): void {
  if (!isPlainObject(value)) throw validationError(field, `an object (got ${describeType(value)})`);
  checkKnownKeys(value, field, keys);
  for (const key of keys) if (value[key] !== undefined) validateBoolean(value[key], `${field}.${key}`);
}

/** AttributeNameType: 1-32 visible characters, e.g. email or custom:team. */
export function validateAttributeName(value: unknown, field = 'Name'): string {
  const name = requireString(field, value);
  checkLength(field, name, 1, 32);
  checkPattern(field, name, ATTRIBUTE_NAME, 'an attribute name such as email or custom:team');
  return name;
}

/** UserAttributes / ValidationData of SignUp: [{Name, Value?}]. Values may be personal data and are never shown. */
export function validateAttributeList(value: unknown, field: string): void {
  if (!Array.isArray(value)) throw validationError(field, `a list (got ${describeType(value)})`);
  value.forEach((item: unknown, i: number) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(item)) throw validationError(at, `an object {Name, Value} (got ${describeType(item)})`);
    checkKnownKeys(item, at, ['Name', 'Value']);
    validateAttributeName(item.Name, `${at}.Name`);
    if (item.Value !== undefined) checkLength(`${at}.Value`, requireString(`${at}.Value`, item.Value), 0, 2048);
  });
}

/** Region part of a user pool id (before the first "_"), checked to be a plain DNS label. */
export function regionOfUserPoolId(userPoolId: unknown): string {
  const id = validateUserPoolId(userPoolId);
  const region = id.slice(0, id.indexOf('_'));
  validateRegion(region, 'UserPoolId');
  return region;
}

/** An AWS region name such as eu-west-2 or cn-north-1: it becomes part of a host name. */
export function validateRegion(value: unknown, field = 'region'): string {
  const s = requireString(field, value);
  if (!/^[a-z]{2,}(-[a-z0-9]+)+$/.test(s)) throw validationError(field, 'an AWS region such as eu-west-2 before the "_"');
  return s;
}
