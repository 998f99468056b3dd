/** TOTP enrolment (AssociateSoftwareToken / VerifySoftwareToken, by Session or AccessToken) and MFA preferences. */
import type { Handler, ServerContext } from '../context.js';
import type { PoolRecord, UserRecord } from '../store.js';
import { PoolError, invalidParameter, notAuthorized } from '../errors.js';
import { authenticate, poolById, requireUser, userKey } from '../lookup.js';
import { matchTotp, newTotpSecret } from '../totp.js';
import { POOL_ID_RULE, SESSION_RULE, TOKEN_RULE, USERNAME_RULE, type Body, optBool, optObj, optStr, reqStr } from '../validation.js';

function sessionUser(ctx: ServerContext, sessionId: string) {
  const s = ctx.sessions.getAny(sessionId);
  if (!s.expect.includes('MFA_SETUP') || s.userNotFound) throw notAuthorized('Invalid session for the user.');
  const pool = poolById(ctx, s.poolId);
  const user = pool.users[userKey(pool, s.username)];
  const client = pool.clients[s.clientId];
  if (!user || !client) throw notAuthorized('Invalid session for the user.');
  return { s, pool, user, client };
}

function tokenOrSession(body: Body): { accessToken?: string; session?: string } {
  const accessToken = optStr(body, 'AccessToken', TOKEN_RULE);
  const session = optStr(body, 'Session', SESSION_RULE);
  if (!accessToken && !session) throw invalidParameter('Missing required parameter AccessToken or Session');
  return { accessToken, session };
}

export const AssociateSoftwareToken: Handler = (ctx, body) => {
  const { accessToken, session } = tokenOrSession(body);
  const secret = newTotpSecret();
  if (accessToken) {
    const { user } = authenticate(ctx, accessToken);
    // AWS: associating a new token immediately disassociates the old one until a new one is verified
    delete user.totp;
    delete user.mfa.SOFTWARE_TOKEN_MFA;
    user.pendingTotpSecret = secret;
    user.lastModifiedAt = ctx.now();
    ctx.markDirty();
    return { SecretCode: secret };
  }
  const { s, client } = sessionUser(ctx, session!);
  const next = ctx.sessions.next(s, client.authSessionValidityMinutes, { setupSecret: secret, expect: ['MFA_SETUP'] });
  return { SecretCode: secret, Session: next.id };
};

function enrol(ctx: ServerContext, user: UserRecord, secret: string, code: string, friendlyName: string | undefined): void {
  const step = matchTotp(secret, code, ctx.now());
  if (step === null) throw new PoolError('EnableSoftwareTokenMFAException', 'Code mismatch');
  user.totp = { secret, verified: true, friendlyName, lastUsedStep: step };
  delete user.pendingTotpSecret;
  user.lastModifiedAt = ctx.now();
  ctx.markDirty();
}

export const VerifySoftwareToken: Handler = (ctx, body) => {
  const { accessToken, session } = tokenOrSession(body);
  const code = reqStr(body, 'UserCode', { min: 6, max: 6, pattern: /^[0-9]+$/, secret: true });
  const friendly = optStr(body, 'FriendlyDeviceName', { min: 1, max: 131072 });
  if (accessToken) {
    const { user } = authenticate(ctx, accessToken);
    if (!user.pendingTotpSecret) throw invalidParameter('AssociateSoftwareToken has not been called for this user');
    enrol(ctx, user, user.pendingTotpSecret, code, friendly);
    return { Status: 'SUCCESS' };
  }
  const { s, user, client } = sessionUser(ctx, session!);
  if (!s.setupSecret) throw invalidParameter('AssociateSoftwareToken has not been called with this Session');
  enrol(ctx, user, s.setupSecret, code, friendly);
  // set up during sign-in: TOTP becomes the user's enabled, preferred factor
  user.mfa.SOFTWARE_TOKEN_MFA = { enabled: true, preferred: true };
  const next = ctx.sessions.next(s, client.authSessionValidityMinutes, { setupSecret: undefined, mfaSetupVerified: true, expect: ['MFA_SETUP'] });
  return { Status: 'SUCCESS', Session: next.id };
};

type FactorName = 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP';
const SETTINGS_FIELDS: [string, FactorName][] = [
  ['SoftwareTokenMfaSettings', 'SOFTWARE_TOKEN_MFA'],
  ['SMSMfaSettings', 'SMS_MFA'],
  ['EmailMfaSettings', 'EMAIL_OTP'],
];

function applyPreferences(ctx: ServerContext, pool: PoolRecord, user: UserRecord, body: Body): void {
  const changes: [FactorName, boolean | undefined, boolean | undefined][] = [];
  for (const [field, factor] of SETTINGS_FIELDS) {
    const o = optObj(body, field);
    if (!o) continue;
    const enabled = optBool(o, 'Enabled');
    const preferred = optBool(o, 'PreferredMfa');
    if (enabled === true || preferred === true) {
      if (factor === 'SOFTWARE_TOKEN_MFA' && !user.totp?.verified) throw invalidParameter('User has not verified software token mfa');
      if (factor === 'SMS_MFA' && !user.attributes.phone_number)
        throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
      if (factor === 'EMAIL_OTP' && !user.attributes.email) throw invalidParameter('User does not have delivery config set to turn on EMAIL_OTP');
      if (factor === 'EMAIL_OTP' && !pool.emailMfaConfiguration) throw invalidParameter('Email MFA is not enabled for the user pool');
    }
    changes.push([factor, enabled, preferred]);
  }
  for (const [factor, enabled, preferred] of changes) {
    const cur = user.mfa[factor] ?? { enabled: false, preferred: false };
    if (enabled !== undefined) cur.enabled = enabled;
    if (preferred !== undefined) cur.preferred = preferred && cur.enabled;
    if (!cur.enabled) cur.preferred = false;
    if (cur.preferred) for (const [, other] of SETTINGS_FIELDS) if (other !== factor && user.mfa[other]) user.mfa[other]!.preferred = false;
    user.mfa[factor] = cur;
  }
  user.lastModifiedAt = ctx.now();
  ctx.markDirty();
}

export const SetUserMFAPreference: Handler = (ctx, body) => {
  const { pool, user } = authenticate(ctx, reqStr(body, 'AccessToken', TOKEN_RULE));
  applyPreferences(ctx, pool, user, body);
  return {};
};

export const AdminSetUserMFAPreference: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  const user = requireUser(pool, reqStr(body, 'Username', USERNAME_RULE));
  applyPreferences(ctx, pool, user, body);
  return {};
};
