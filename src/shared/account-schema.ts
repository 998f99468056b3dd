// The rules of an account's fields, one schema each, defined once: the message schema of the
// add-account request (./requests.ts), the vault's check of every account that comes in
// (src/background/accounts/model.ts NewAccountSchema: add-account, otpauth:// and QR imports,
// Google and Aegis exports, backups) and the stored records all build on these. Numbers and
// lengths come from src/otp/limits.ts, the OTP checks from src/otp/otp-account.ts, so the
// parsers in src/otp (which cannot import this layer) apply the very same bounds.
//
// Pure module: no browser APIs.
import * as v from 'valibot';
import { isClientId, isClientSecret, isUserPoolId, isUsername } from '../cognito/validate';
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
// The Cognito fields have their rule in the protocol core (src/cognito/validate.ts, the API
// model's constraints, which the engine checks before sending): these schemas are those rules.
const coreRule = (test: (value: string) => boolean, message: string) => v.check<string, string>((s) => test(s), message);
export const UserPoolIdSchema = v.pipe(v.string(), coreRule(isUserPoolId, 'userPoolId must look like <region>_<id> (at most 55 characters)'));
export const ClientIdSchema = v.pipe(v.string(), coreRule(isClientId, 'clientId must be 1-128 of letters, digits, _ and +'));
export const ClientSecretSchema = v.pipe(v.string(), coreRule(isClientSecret, 'clientSecret must be 24-64 of letters, digits, _ and +'));
/**
 * Optional custom Cognito endpoint (local pool, VPC endpoint, proxy): http(s) origin + path.
 * No user name or password in it: "https://cognito-idp.us-east-1.amazonaws.com@evil.example/"
 * reads as Amazon's and is evil.example's (and fetch refuses a URL with credentials anyway).
 */
export const EndpointSchema = v.pipe(v.string(), v.maxLength(2048), v.url('endpoint must be an absolute URL'),
  v.regex(/^https?:\/\//, 'endpoint must be http:// or https://'),
  // Read from the text, not from URL(): "https://@host/" has an empty user name, but an "@" all the same.
  v.check((s) => !(s.slice(s.indexOf('//') + 2).split(/[/?#\\]/)[0] ?? '').includes('@'), 'endpoint must not hold a user name or password'));
/** The name the person signs in with (or an alias): the API's Username rule (1-128 visible characters, no spaces). */
export const UsernameSchema = v.pipe(v.string(), coreRule(isUsername, 'username must be 1-128 visible characters without spaces'), displayable());
/**
 * What the vault admits in these two fields when it restores or exports a backup: the rule of
 * earlier versions (a client secret of up to 64 characters, a username of up to 128 displayable
 * ones), so that an account saved before the API's rule was enforced still backs up and restores
 * (test/fixtures/frozen holds one with a "-" in its secret). Everything a person enters now (the
 * options form, the add-account and update-account requests) must pass the API rule above.
 */
export const StoredClientSecretSchema = nonEmpty(64);
export const StoredUsernameSchema = v.pipe(nonEmpty(128), displayable());
/** Vault, backup and account passwords; a new vault password must also pass ./password-rules.ts. */
export const PasswordSchema = nonEmpty(1024);
/** A remembered Cognito device, as ConfirmDevice made it (bounded like the API model's fields). */
export const DeviceSchema = v.strictObject({
  // The API model's DeviceKeyType is 1-55 characters of [\w-]+_[0-9a-f-]+; the characters alone are checked here.
  deviceKey: v.pipe(v.string(), v.regex(/^[\w-]{1,55}$/)),
  deviceGroupKey: nonEmpty(256),
  devicePassword: nonEmpty(256),
});
