// The account records as stored (encrypted) in the vault, one record per account:
// "account.<id>" holds the account with its secrets, "tokens.<id>" the tokens of its last
// sign-in (kept apart so a token refresh never rewrites the secrets). Schemas validate what is
// decrypted, so a record from an older or damaged build is reported instead of misread.
import * as v from 'valibot';
import { ClockOffsetSecondsSchema, OtpAlgorithmSchema, PolicySchema } from '../../shared/requests';
import type { AccountSummary } from '../../shared/views';
import { storedErrorInfo } from '../../shared/error-codes';
import {
  ClientIdSchema, CounterSchema, DeviceSchema as NewDeviceSchema, DigitsSchema, EndpointSchema, IssuerSchema,
  LabelSchema, PasswordSchema, PeriodSchema, SecretSchema, StoredClientSecretSchema, StoredUsernameSchema, UserPoolIdSchema,
} from '../../shared/account-schema';
import { canonicalSecret } from '../../otp/otp-account';
import { CognitoSignInSchema, SitesSchema } from '../../shared/site-binding';

const str = v.string();
const DeviceSchema = v.object({ deviceKey: str, deviceGroupKey: str, devicePassword: str });
/**
 * The exact origins where the account is used (src/shared/site-binding.ts). Optional: records and
 * backups written before sites existed have none, and read as bound nowhere.
 */
const sites = { sites: v.optional(SitesSchema) };
/**
 * A TOTP account's Cognito user, when it was enrolled from a page whose sign-in the extension saw
 * (src/shared/site-binding.ts CognitoSignInSchema). Optional: most TOTP accounts are no Cognito user's.
 */
const cognitoSignIn = { cognito: v.optional(CognitoSignInSchema) };

const CognitoAccountSchema = v.object({
  kind: v.literal('cognito'),
  id: str,
  label: str,
  userPoolId: str,
  clientId: str,
  clientSecret: v.optional(str),
  endpoint: v.optional(str),
  username: str,
  policy: PolicySchema,
  ...sites,
  secrets: v.object({
    password: v.optional(str),
    totpSecret: v.optional(str),
    /**
     * A secret sent to VerifySoftwareToken (MFA_SETUP) whose answer has not come back yet, or never
     * did (the worker was stopped): Cognito may hold it. Used before totpSecret, and becomes it once
     * Cognito accepts a code of it (see Agent.step).
     */
    pendingTotpSecret: v.optional(str),
    device: v.optional(DeviceSchema),
  }),
});
const TotpAccountSchema = v.object({
  kind: v.literal('totp'), id: str, label: str, issuer: v.optional(str), secret: str,
  algorithm: OtpAlgorithmSchema, digits: v.number(), period: v.number(),
  /** Set by the person: seconds added to the system clock for this account's codes. */
  clockOffsetSeconds: v.optional(ClockOffsetSecondsSchema),
  ...sites,
  ...cognitoSignIn,
});
const HotpAccountSchema = v.object({
  kind: v.literal('hotp'), id: str, label: str, issuer: v.optional(str), secret: str,
  algorithm: OtpAlgorithmSchema, digits: v.number(), counter: v.number(),
  ...sites,
});
export const AccountSchema = v.variant('kind', [CognitoAccountSchema, TotpAccountSchema, HotpAccountSchema]);

export type CognitoAccount = v.InferOutput<typeof CognitoAccountSchema>;
export type TotpAccount = v.InferOutput<typeof TotpAccountSchema>;
export type HotpAccount = v.InferOutput<typeof HotpAccountSchema>;
export type Account = v.InferOutput<typeof AccountSchema>;
export type StoredDevice = v.InferOutput<typeof DeviceSchema>;

/**
 * An account as it enters the vault, by any way in: add-account, otpauth:// and QR imports,
 * Google and Aegis exports, backups. The same field rules as the add-account message
 * (src/shared/account-schema.ts), applied to the stored shape; secrets must be canonical base32
 * (see `admitAccount`, which makes them so first). AccountSchema above only reads what is stored.
 */
const NewCognitoAccountSchema = v.object({
  kind: v.literal('cognito'),
  id: str,
  label: LabelSchema,
  userPoolId: UserPoolIdSchema,
  clientId: ClientIdSchema,
  // Stored*: what earlier versions let in must still back up and restore (see account-schema.ts).
  clientSecret: v.optional(StoredClientSecretSchema),
  endpoint: v.optional(EndpointSchema),
  username: StoredUsernameSchema,
  policy: PolicySchema,
  ...sites,
  secrets: v.object({
    password: v.optional(PasswordSchema),
    totpSecret: v.optional(SecretSchema),
    pendingTotpSecret: v.optional(SecretSchema),
    device: v.optional(NewDeviceSchema),
  }),
});
const newOtp = { id: str, label: LabelSchema, issuer: v.optional(IssuerSchema), secret: SecretSchema, algorithm: OtpAlgorithmSchema, digits: DigitsSchema, ...sites };
export const NewAccountSchema = v.variant('kind', [
  NewCognitoAccountSchema,
  v.object({ kind: v.literal('totp'), ...newOtp, period: PeriodSchema, clockOffsetSeconds: v.optional(ClockOffsetSecondsSchema), ...cognitoSignIn }),
  v.object({ kind: v.literal('hotp'), ...newOtp, counter: CounterSchema }),
]);

/**
 * Checks an account that is to be stored against NewAccountSchema, after writing its secrets in
 * canonical base32 (a backup may hold them as typed). Returns the account as it is to be stored,
 * or the path of the first field that breaks a rule (never a value: the record holds secrets).
 */
export function admitAccount(account: unknown): { ok: true; account: Account } | { ok: false; path: string } {
  const r = v.safeParse(NewAccountSchema, withCanonicalSecrets(account), { abortEarly: true });
  if (r.success) return { ok: true, account: r.output };
  return { ok: false, path: r.issues[0]?.path?.map((p) => String(p.key)).join('.') || '(account)' };
}

function withCanonicalSecrets(account: unknown): unknown {
  if (typeof account !== 'object' || account === null) return account;
  const a = account as Record<string, unknown>;
  const canonical = (s: unknown) => {
    try {
      return canonicalSecret(s);
    } catch {
      return s; // left as it is: the schema then names the field
    }
  };
  if (a.kind === 'cognito' && typeof a.secrets === 'object' && a.secrets !== null) {
    const secrets = a.secrets as Record<string, unknown>;
    return secrets.totpSecret === undefined ? a : { ...a, secrets: { ...secrets, totpSecret: canonical(secrets.totpSecret) } };
  }
  return 'secret' in a ? { ...a, secret: canonical(a.secret) } : a;
}

export const StoredTokensSchema = v.object({
  accessToken: str,
  idToken: str,
  refreshToken: v.optional(str),
  tokenType: str,
  /** epoch ms (server clock) when the access token expires */
  expiresAt: v.number(),
  /** how long the access token was valid when issued (ExpiresIn), which sets how early it is renewed */
  lifetimeMs: v.optional(v.number()),
  /** the username as the pool stores it (SECRET_HASH of a refresh with a client secret) */
  canonicalUsername: v.optional(str),
  /** why the last automatic refresh failed (cleared by the next success or sign-in) */
  refreshError: v.optional(v.object({ code: str, message: str, exception: v.optional(str), at: v.number() })),
});
export type StoredTokens = v.InferOutput<typeof StoredTokensSchema>;

/**
 * The TOTP secret a Cognito account answers with: a pending one (an enrolment cut off at
 * VerifySoftwareToken) before the stored one, since MFA_SETUP is only asked of a user without a
 * working factor, so a secret held from before cannot be the one Cognito expects.
 */
export function activeTotpSecret(account: CognitoAccount): string | undefined {
  return account.secrets.pendingTotpSecret ?? account.secrets.totpSecret;
}

export const accountRecordId = (id: string) => `account.${id}`;
export const tokensRecordId = (id: string) => `tokens.${id}`;

/** The page's view of an account: which secrets exist, never their values. */
export function summarize(account: Account, tokens?: StoredTokens): AccountSummary {
  switch (account.kind) {
    case 'cognito':
      return {
        kind: 'cognito', id: account.id, label: account.label, userPoolId: account.userPoolId, clientId: account.clientId,
        ...(account.endpoint ? { endpoint: account.endpoint } : {}),
        username: account.username, policy: account.policy, sites: account.sites ?? [],
        hasClientSecret: account.clientSecret !== undefined,
        hasPassword: account.secrets.password !== undefined,
        hasTotpSecret: account.secrets.totpSecret !== undefined,
        ...(account.secrets.device ? { deviceKey: account.secrets.device.deviceKey } : {}),
        ...(tokens ? { tokensExpireAt: tokens.expiresAt } : {}),
        ...(tokens?.refreshError ? { refreshError: { ...storedErrorInfo(tokens.refreshError), at: tokens.refreshError.at } } : {}),
      };
    case 'totp':
      return { kind: 'totp', id: account.id, label: account.label, ...(account.issuer ? { issuer: account.issuer } : {}),
        algorithm: account.algorithm, digits: account.digits, period: account.period, sites: account.sites ?? [],
        ...(account.clockOffsetSeconds !== undefined ? { clockOffsetSeconds: account.clockOffsetSeconds } : {}),
        ...(account.cognito ? { cognito: account.cognito } : {}) };
    case 'hotp':
      return { kind: 'hotp', id: account.id, label: account.label, ...(account.issuer ? { issuer: account.issuer } : {}),
        algorithm: account.algorithm, digits: account.digits, counter: account.counter, sites: account.sites ?? [] };
  }
}

/**
 * What makes an account the same one, whatever its id and label: a Cognito user of the same
 * pool, client and endpoint, or an OTP account of the same kind and secret. Two accounts are the
 * same when their identities are equal; as a string it goes into a Set, so an import checks N
 * accounts against a vault of M in N + M steps instead of N × M (a backup may hold 10 000).
 * In memory only, like the account it is made from: it holds the OTP secret.
 */
export function accountIdentity(a: Account): string {
  return a.kind === 'cognito'
    ? JSON.stringify(['cognito', a.userPoolId, a.clientId, a.username, a.endpoint ?? ''])
    : JSON.stringify([a.kind, a.secret]);
}

// NewAccountSchema must admit every field the stored shape has: valibot's v.object drops keys it
// does not list, so a field added to AccountSchema alone would be silently lost at the next
// add, update or import. This line stops the build instead.
type AllKeys<T> = T extends object ? { [K in keyof T]-?: AllKeys<NonNullable<T[K]>> } : T;
type SameShape<A, B> = [AllKeys<A>] extends [AllKeys<B>] ? ([AllKeys<B>] extends [AllKeys<A>] ? true : false) : false;
const newAccountKeepsEveryField: SameShape<v.InferOutput<typeof NewAccountSchema>, Account> = true;
void newAccountKeepsEveryField;
