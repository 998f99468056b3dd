/**
 * otpauth:// URIs per Google's Key Uri Format:
 *   otpauth://TYPE/LABEL?secret=…&issuer=…&algorithm=…&digits=…&period=…|counter=…
 *   label = accountname / issuer (":" / "%3A") *"%20" accountname
 *
 * Hand-written rather than @otplib/uri's parser because that one decodes the label before
 * splitting it (so an encoded colon inside an issuer is mistaken for the separator), accepts hotp
 * without a counter, and puts the whole URI — secret included — into its error messages.
 *
 * Parsing rules:
 * - scheme and type are case-insensitive; parameter names too; unknown parameters are ignored;
 * - a literal ':' in the label separates issuer and account; without one, a percent-encoded
 *   colon does (the ABNF allows "%3A"), so colons inside names only survive when encoded *and* a
 *   literal separator is present — which is exactly what `formatOtpauthUri` produces;
 * - the `issuer` parameter wins over the label prefix when both are present and differ;
 * - in the query, '+' means a space (form encoding, as Android's Uri does); in the label it is '+'.
 * Errors are AppErrors with a `uri-…` code or a limit's (./otp-errors.ts); messages never contain the secret.
 */
import {
  canonicalSecret,
  createOtpAccount,
  MAX_DIGITS,
  MIN_DIGITS,
  OTP_ALGORITHMS,
  OTP_DEFAULTS,
  splitIssuerLabel,
  validateOtpAccount,
  type OtpAccount,
  type OtpAlgorithm,
  type OtpType,
} from './otp-account';
import { IMPORT_LIMITS, limitError, OTP_LIMITS } from './limits';
import { shownText } from './visible-text';
import { isOtpError, limitOf, otpauthUriError } from './otp-errors';

const KNOWN_PARAMETERS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter']);

/** Quotes a short, non-secret value from the URI for an error message. */
function quote(value: string): string {
  return JSON.stringify(shownText(value, 24));
}

function decodeComponent(raw: string, where: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw otpauthUriError('uri-bad-encoding', `The ${where} contains an invalid percent-encoding (a "%" not followed by two hex digits forming valid UTF-8).`);
  }
}

function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const name = decodeComponent(rawName.replace(/\+/g, ' '), 'name of a parameter').toLowerCase();
    if (!KNOWN_PARAMETERS.has(name)) continue;
    if (params.has(name)) {
      throw otpauthUriError('uri-duplicate-parameter', `The parameter "${name}" appears more than once.`);
    }
    params.set(name, decodeComponent(rawValue.replace(/\+/g, ' '), `"${name}" parameter`));
  }
  return params;
}

function parseAlgorithm(value: string | undefined): OtpAlgorithm {
  if (value === undefined) return OTP_DEFAULTS.algorithm;
  const upper = value.trim().toUpperCase();
  if ((OTP_ALGORITHMS as readonly string[]).includes(upper)) return upper as OtpAlgorithm;
  throw otpauthUriError('uri-unknown-algorithm', `Unknown algorithm ${quote(value)}: expected SHA1, SHA256 or SHA512.`);
}

function parseWholeNumber(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isSafeInteger(n) ? n : null;
}

function parseDigits(value: string | undefined): number {
  if (value === undefined) return OTP_DEFAULTS.digits;
  const n = parseWholeNumber(value);
  if (n === null || n < MIN_DIGITS || n > MAX_DIGITS) {
    throw otpauthUriError('uri-bad-digits', `Invalid digits ${quote(value)}: expected a number from ${MIN_DIGITS} to ${MAX_DIGITS}.`,
      n === null ? undefined : 'otp-digits-out-of-range');
  }
  return n;
}

function parsePeriod(value: string | undefined): number {
  if (value === undefined) return OTP_DEFAULTS.period;
  const n = parseWholeNumber(value);
  const { min, max } = OTP_LIMITS.period;
  if (n === null || n < min || n > max) {
    throw otpauthUriError('uri-bad-period', `Invalid period ${quote(value)}: expected a whole number of seconds from ${min} to ${max}.`,
      n === null ? undefined : 'otp-period-out-of-range');
  }
  return n;
}

function parseCounter(value: string | undefined): number {
  if (value === undefined) {
    throw otpauthUriError('uri-missing-counter', 'An HOTP URI must have a "counter" parameter.');
  }
  const n = parseWholeNumber(value);
  if (n === null || n < OTP_LIMITS.counter.min || n > OTP_LIMITS.counter.max) {
    // A digit string too long for a safe integer is out of range too, not malformed.
    const outOfRange = n !== null || /^\d+$/.test(value.trim());
    throw otpauthUriError('uri-bad-counter', `Invalid counter ${quote(value)}: expected a whole number from 0 to 2^48-1.`,
      outOfRange ? 'otp-counter-out-of-range' : undefined);
  }
  return n;
}

function parseLabel(rawLabel: string, issuerParam: string): { issuer: string; account: string } {
  const colon = rawLabel.indexOf(':');
  if (colon >= 0) {
    const prefix = decodeComponent(rawLabel.slice(0, colon), 'label');
    const account = decodeComponent(rawLabel.slice(colon + 1), 'label').replace(/^ +/, '');
    return { issuer: issuerParam || prefix, account };
  }
  return splitIssuerLabel(decodeComponent(rawLabel, 'label'), issuerParam);
}

/** Parses an otpauth:// URI into a validated account. Throws `otpauthUriError(…)`. */
export function parseOtpauthUri(uri: string): OtpAccount {
  if (uri.length > IMPORT_LIMITS.lineChars) {
    throw limitError('import-line-too-long', `The URI has ${uri.length} characters; at most ${IMPORT_LIMITS.lineChars} are accepted.`);
  }
  const text = uri.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'otpauth' || !/^otpauth:\/\//i.test(text)) {
    const hint =
      scheme === 'otpauth-migration'
        ? ' This is a Google Authenticator export (otpauth-migration://); import it as such.'
        : '';
    throw otpauthUriError('uri-not-otpauth', `Not an otpauth:// URI.${hint}`);
  }
  let rest = text.slice('otpauth://'.length);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const question = rest.indexOf('?');
  const path = question >= 0 ? rest.slice(0, question) : rest;
  const query = question >= 0 ? rest.slice(question + 1) : '';

  const slash = path.indexOf('/');
  const rawType = (slash >= 0 ? path.slice(0, slash) : path).toLowerCase();
  if (rawType !== 'totp' && rawType !== 'hotp') {
    throw otpauthUriError('uri-unsupported-type',
      `Unsupported OTP type ${quote(rawType)}: only totp and hotp are supported.`,
    );
  }
  const type: OtpType = rawType;
  const rawLabel = slash >= 0 ? path.slice(slash + 1) : '';

  const params = parseQuery(query);
  const rawSecret = params.get('secret');
  if (rawSecret === undefined || rawSecret.trim() === '') {
    throw otpauthUriError('uri-missing-secret', 'The URI has no "secret" parameter.');
  }
  let secret: string;
  try {
    secret = canonicalSecret(rawSecret);
  } catch (error) {
    if (isOtpError(error)) throw otpauthUriError('uri-bad-secret', error.message, limitOf(error));
    throw error;
  }
  const algorithm = parseAlgorithm(params.get('algorithm'));
  const digits = parseDigits(params.get('digits'));
  // period only matters for totp and counter only for hotp; the other one is ignored, not checked.
  const period = type === 'totp' ? parsePeriod(params.get('period')) : OTP_DEFAULTS.period;
  const counter = type === 'hotp' ? parseCounter(params.get('counter')) : OTP_DEFAULTS.counter;

  const { issuer, account } = parseLabel(rawLabel, (params.get('issuer') ?? '').trim());
  if (issuer.trim() === '' && account.trim() === '') {
    throw otpauthUriError('uri-missing-label', 'The URI names neither an account nor an issuer.');
  }
  try {
    return createOtpAccount({ type, issuer, account, secret, algorithm, digits, period, counter });
  } catch (error) {
    if (isOtpError(error)) throw otpauthUriError('uri-bad-label', error.message, limitOf(error));
    throw error;
  }
}

/**
 * Formats an account as an otpauth:// URI. Issuer and account are encoded with
 * encodeURIComponent (so a ':' inside them becomes %3A and never reads as the separator); the
 * issuer appears both as label prefix and as parameter, as the Key Uri Format recommends. When
 * there is no issuer but the account contains a colon, the label starts with an empty issuer
 * (":name") so that the colon cannot be taken for the separator.
 */
export function formatOtpauthUri(input: OtpAccount): string {
  const a = validateOtpAccount(input);
  const issuer = encodeURIComponent(a.issuer);
  const account = encodeURIComponent(a.account);
  const label = a.issuer !== '' || a.account.includes(':') ? `${issuer}:${account}` : account;
  const params = [`secret=${a.secret}`];
  if (a.issuer !== '') params.push(`issuer=${issuer}`);
  params.push(`algorithm=${a.algorithm}`, `digits=${a.digits}`);
  params.push(a.type === 'totp' ? `period=${a.period}` : `counter=${a.counter}`);
  return `otpauth://${a.type}/${label}?${params.join('&')}`;
}
