// The rules of an account's fields, one schema each, defined once: the message schema of the
// add-account request (./requests.ts), the vault's check of every account that comes in
// (src/background/accounts/model.ts NewAccountSchema: add-account, otpauth:// and QR imports,
// Google and Aegis exports, backups) and the stored records all build on these. Numbers and
// lengths come from src/otp/limits.ts, the OTP checks from src/otp/otp-account.ts, so the
// parsers in src/otp (which cannot import this layer) apply the very same bounds.
//
// Pure module: no browser APIs.
import * as v from 'valibot';
import { LABEL_MAX_CHARS, OTP_LIMITS } from '../otp/limits';
import { canonicalSecret, CONTROL_CHARS, OTP_ALGORITHMS } from '../otp/otp-account';

const LONE_SURROGATE = /\p{Surrogate}/u;

/** Text a person reads in lists: no control or text-direction characters (CONTROL_CHARS says why), no lone surrogates. */
const displayable = <T extends string>() =>
  v.check<T, string>((s) => !CONTROL_CHARS.test(s) && !LONE_SURROGATE.test(s), 'no control or text-direction characters');

/** An account's label: trimmed, 1-200 displayable characters. */
export const LabelSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LABEL_MAX_CHARS), displayable());
/** An OTP issuer: like a label, but may be empty. */
export const IssuerSchema = v.pipe(v.string(), v.trim(), v.maxLength(LABEL_MAX_CHARS), displayable());

export const OtpAlgorithmSchema = v.picklist(OTP_ALGORITHMS);
const wholeIn = (range: { min: number; max: number }) =>
  v.pipe(v.number(), v.safeInteger(), v.minValue(range.min), v.maxValue(range.max));
export const DigitsSchema = wholeIn(OTP_LIMITS.digits);
export const PeriodSchema = wholeIn(OTP_LIMITS.period);
export const CounterSchema = wholeIn(OTP_LIMITS.counter);

/**
 * A secret as typed or pasted (spaces, lower case, padding allowed): bounded text. The background
 * normalises it with an error naming the rule (src/background/accounts/secrets.ts).
 */
export const SecretTextSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
/**
 * A secret as the vault keeps it: canonical base32 of 80 bits to OTP_LIMITS.secretBytes.max bytes
 * (canonicalSecret). Non-canonical text is refused, not rewritten: records are stored canonical.
 */
export const SecretSchema = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check((s) => {
    try {
      return canonicalSecret(s) === s;
    } catch {
      return false;
    }
  }, 'a canonical base32 secret of 80 bits to 256 bytes'),
);

export const PolicySchema = v.strictObject({
  /** false: the popup asks before the extension answers TOTP / device challenges. */
  autoAnswer: v.boolean(),
  /** true: confirm and remember the device Cognito offers, so later sign-ins skip MFA. */
  rememberDevice: v.boolean(),
});

const nonEmpty = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
export const UserPoolIdSchema = v.pipe(v.string(), v.regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'userPoolId must look like <region>_<id>'), v.maxLength(55));
export const ClientIdSchema = v.pipe(v.string(), v.regex(/^[\w+]{1,128}$/, 'clientId must be 1-128 word characters'));
export const ClientSecretSchema = nonEmpty(64);
/**
 * Optional custom Cognito endpoint (local pool, VPC endpoint, proxy): http(s) origin + path.
 * No user name or password in it: "https://cognito-idp.us-east-1.amazonaws.com@evil.example/"
 * reads as Amazon's and is evil.example's (and fetch refuses a URL with credentials anyway).
 */
export const EndpointSchema = v.pipe(v.string(), v.maxLength(2048), v.url('endpoint must be an absolute URL'),
  v.regex(/^https?:\/\//, 'endpoint must be http:// or https://'),
  // Read from the text, not from URL(): "https://@host/" has an empty user name, but an "@" all the same.
  v.check((s) => !(s.slice(s.indexOf('//') + 2).split(/[/?#\\]/)[0] ?? '').includes('@'), 'endpoint must not hold a user name or password'));
/** The name the person signs in with (or an alias): 1-128 characters, none of them a control character. */
export const UsernameSchema = v.pipe(nonEmpty(128), displayable());
/** Vault, backup and account passwords; a new vault password must also pass ./password-rules.ts. */
export const PasswordSchema = nonEmpty(1024);
/** A remembered Cognito device, as ConfirmDevice made it (bounded like the API model's fields). */
export const DeviceSchema = v.strictObject({
  // The API model's DeviceKeyType is 1-55 characters of [\w-]+_[0-9a-f-]+; the characters alone are checked here.
  deviceKey: v.pipe(v.string(), v.regex(/^[\w-]{1,55}$/)),
  deviceGroupKey: nonEmpty(256),
  devicePassword: nonEmpty(256),
});
