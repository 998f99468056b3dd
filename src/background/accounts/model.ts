// The account records as stored (encrypted) in the vault, one record per account:
// "account.<id>" holds the account with its secrets, "tokens.<id>" the tokens of its last
// sign-in (kept apart so a token refresh never rewrites the secrets). Schemas validate what is
// decrypted, so a record from an older or damaged build is reported instead of misread.
import * as v from 'valibot';
import { OtpAlgorithmSchema, PolicySchema, type AccountSummary } from '../../shared/messages';

const str = v.string();
const DeviceSchema = v.object({ deviceKey: str, deviceGroupKey: str, devicePassword: str });

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
});
const HotpAccountSchema = v.object({
  kind: v.literal('hotp'), id: str, label: str, issuer: v.optional(str), secret: str,
  algorithm: OtpAlgorithmSchema, digits: v.number(), counter: v.number(),
});
export const AccountSchema = v.variant('kind', [CognitoAccountSchema, TotpAccountSchema, HotpAccountSchema]);

export type CognitoAccount = v.InferOutput<typeof CognitoAccountSchema>;
export type TotpAccount = v.InferOutput<typeof TotpAccountSchema>;
export type HotpAccount = v.InferOutput<typeof HotpAccountSchema>;
export type Account = v.InferOutput<typeof AccountSchema>;
export type StoredDevice = v.InferOutput<typeof DeviceSchema>;

export const StoredTokensSchema = v.object({
  accessToken: str,
  idToken: str,
  refreshToken: v.optional(str),
  tokenType: str,
  /** epoch ms (server clock) when the access token expires */
  expiresAt: v.number(),
  /** the username as the pool stores it (SECRET_HASH of a refresh with a client secret) */
  canonicalUsername: v.optional(str),
  /** why the last automatic refresh failed (cleared by the next success or sign-in) */
  refreshError: v.optional(v.object({ code: str, message: str, at: v.number() })),
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
        username: account.username, policy: account.policy,
        hasClientSecret: account.clientSecret !== undefined,
        hasPassword: account.secrets.password !== undefined,
        hasTotpSecret: account.secrets.totpSecret !== undefined,
        ...(account.secrets.device ? { deviceKey: account.secrets.device.deviceKey } : {}),
        ...(tokens ? { tokensExpireAt: tokens.expiresAt } : {}),
        ...(tokens?.refreshError ? { refreshError: tokens.refreshError } : {}),
      };
    case 'totp':
      return { kind: 'totp', id: account.id, label: account.label, ...(account.issuer ? { issuer: account.issuer } : {}),
        algorithm: account.algorithm, digits: account.digits, period: account.period };
    case 'hotp':
      return { kind: 'hotp', id: account.id, label: account.label, ...(account.issuer ? { issuer: account.issuer } : {}),
        algorithm: account.algorithm, digits: account.digits, counter: account.counter };
  }
}

/**
 * Whether two accounts are the same one, whatever their ids and labels: a Cognito user of the
 * same pool, client and endpoint, or an OTP account of the same kind and secret.
 */
export function sameAccount(a: Account, b: Account): boolean {
  if (a.kind === 'cognito' && b.kind === 'cognito') {
    return a.userPoolId === b.userPoolId && a.clientId === b.clientId && a.username === b.username && (a.endpoint ?? '') === (b.endpoint ?? '');
  }
  if (a.kind !== 'cognito' && b.kind !== 'cognito') return a.kind === b.kind && a.secret === b.secret;
  return false;
}
