/**
 * Creating users and setting passwords. The SRP verifier is computed here, once per password, from
 * the pool name (the part of the pool id after "_") and the canonical username — the same inputs
 * the client uses with USER_ID_FOR_SRP.
 */
import { randomUUID } from 'node:crypto';
import { table, type PoolRecord, type UserRecord, type UserStatus } from './store.js';
import { createVerifier } from './srp-server.js';
import { PoolError } from './errors.js';

export const poolNameOf = (poolId: string) => poolId.slice(poolId.indexOf('_') + 1);

interface PasswordPolicy {
  MinimumLength?: number;
  RequireUppercase?: boolean;
  RequireLowercase?: boolean;
  RequireNumbers?: boolean;
  RequireSymbols?: boolean;
}

export function checkPasswordPolicy(pool: PoolRecord, password: string): void {
  const p = ((pool.config.Policies as { PasswordPolicy?: PasswordPolicy } | undefined)?.PasswordPolicy ?? {}) as PasswordPolicy;
  const fail = (why: string) => new PoolError('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  if (password.length < (p.MinimumLength ?? 8)) throw fail('Password not long enough');
  if ((p.RequireLowercase ?? true) && !/[a-z]/.test(password)) throw fail('Password must have lowercase characters');
  if ((p.RequireUppercase ?? true) && !/[A-Z]/.test(password)) throw fail('Password must have uppercase characters');
  if ((p.RequireNumbers ?? true) && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if ((p.RequireSymbols ?? true) && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/.test(password))
    throw fail('Password must have symbol characters');
}

export function setPassword(pool: PoolRecord, user: UserRecord, password: string, status: UserStatus, now: number): void {
  user.srp = createVerifier(poolNameOf(pool.id), user.username, password);
  user.status = status;
  user.lastModifiedAt = now;
  if (status === 'FORCE_CHANGE_PASSWORD') user.temporaryPasswordSetAt = now;
  else delete user.temporaryPasswordSetAt;
}

/**
 * Username for a new user. In pools whose UsernameAttributes are email/phone the username is a
 * UUID (as in Cognito) and the typed value becomes the attribute.
 */
export function newUserRecord(pool: PoolRecord, typed: string, attributes: Record<string, string>, now: number): UserRecord {
  const usernameAttrs = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  const sub = randomUUID();
  let username = typed;
  const attrs = table(attributes);
  if (usernameAttrs.length > 0) {
    const attr = typed.includes('@') ? 'email' : 'phone_number';
    if (!usernameAttrs.includes(attr))
      throw new PoolError('InvalidParameterException', `Username should be ${usernameAttrs.join(' or ')}.`);
    attrs[attr] = typed;
    username = sub;
  }
  attrs.sub = sub;
  return {
    username,
    sub,
    attributes: attrs,
    status: 'UNCONFIRMED',
    enabled: true,
    createdAt: now,
    lastModifiedAt: now,
    mfa: {},
    devices: table(),
    failures: [],
  };
}

/** MFA factors the user has turned on and the pool allows. */
export function enabledFactors(pool: PoolRecord, user: UserRecord): string[] {
  const out: string[] = [];
  if (pool.softwareTokenMfaEnabled && user.totp?.verified && user.mfa.SOFTWARE_TOKEN_MFA?.enabled) out.push('SOFTWARE_TOKEN_MFA');
  if (pool.smsMfaConfiguration && user.attributes.phone_number && user.mfa.SMS_MFA?.enabled) out.push('SMS_MFA');
  if (pool.emailMfaConfiguration && user.attributes.email && user.mfa.EMAIL_OTP?.enabled) out.push('EMAIL_OTP');
  return out;
}

/** Factors usable without an explicit preference (MFA "ON" pools): a verified TOTP, a phone for SMS. */
export function availableFactors(pool: PoolRecord, user: UserRecord): string[] {
  const out: string[] = [];
  if (pool.softwareTokenMfaEnabled && user.totp?.verified) out.push('SOFTWARE_TOKEN_MFA');
  if (pool.smsMfaConfiguration && user.attributes.phone_number) out.push('SMS_MFA');
  if (pool.emailMfaConfiguration && user.attributes.email && user.mfa.EMAIL_OTP?.enabled) out.push('EMAIL_OTP');
  return out;
}

/**
 * The user turned an MFA method on (SetUserMFAPreference) that they cannot use any more: SMS_MFA
 * without a phone_number (deleted since, AdminDeleteUserAttributes), EMAIL_OTP without an email.
 * Cognito then answers MFAMethodNotFoundException instead of skipping MFA (amplify-js #8829,
 * amplify-flutter #95: "No MFA mechanism registerd in the account." — sic, AWS's wording).
 */
export function unusableMfaChoice(pool: PoolRecord, user: UserRecord): boolean {
  if (enabledFactors(pool, user).length > 0) return false;
  return (user.mfa.SMS_MFA?.enabled === true && !user.attributes.phone_number) || (user.mfa.EMAIL_OTP?.enabled === true && !user.attributes.email);
}

export const mfaMethodNotFound = () => new PoolError('MFAMethodNotFoundException', 'No MFA mechanism registerd in the account.');

export function preferredFactor(user: UserRecord): string | undefined {
  for (const f of ['SOFTWARE_TOKEN_MFA', 'SMS_MFA', 'EMAIL_OTP'] as const) if (user.mfa[f]?.preferred) return f;
  return undefined;
}

export function setupFactors(pool: PoolRecord): string[] {
  const out: string[] = [];
  if (pool.softwareTokenMfaEnabled) out.push('SOFTWARE_TOKEN_MFA');
  if (pool.smsMfaConfiguration) out.push('SMS_MFA');
  if (pool.emailMfaConfiguration) out.push('EMAIL_OTP');
  return out;
}

export function userMfaSettingList(pool: PoolRecord, user: UserRecord): string[] {
  return enabledFactors(pool, user);
}
