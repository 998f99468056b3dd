/**
 * First factors: SRP (USER_SRP_AUTH, PASSWORD_SRP, CUSTOM_AUTH + SRP_A), plain password
 * (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, PASSWORD), one-time codes (EMAIL_OTP / SMS_OTP in
 * USER_AUTH) and the USER_AUTH menu (SELECT_CHALLENGE).
 */
import type { Flow, AuthResponse } from './flow.js';
import { noProgress, type AuthSession } from '../sessions.js';
import type { UserRecord } from '../store.js';
import { INCORRECT_CREDENTIALS, PoolError, invalidParameter, notAuthorized } from '../errors.js';
import { passwordMatches } from '../srp-server.js';
import { poolNameOf } from '../users.js';
import { checkLockout, recordFailure } from '../lookup.js';
import { advance, challenge, codeChallenge } from './advance.js';
import { beginSrp, fakeVerifier, parseSrpA, passwordVerifierParameters } from './srp.js';

export const WEB_AUTHN_UNSUPPORTED = 'WEB_AUTHN is not supported by the local user pool; choose PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP.';

export function newSession(flow: Flow, flowName: string, typed: string, user: UserRecord | undefined): AuthSession {
  return flow.ctx.sessions.create(
    {
      poolId: flow.pool.id,
      clientId: flow.client.clientId,
      username: user?.username ?? typed,
      userNotFound: !user,
      admin: flow.admin,
      flow: flowName,
      ...noProgress(),
      clientMetadata: flow.clientMetadata,
    },
    flow.client.authSessionValidityMinutes,
  );
}

/** Issues PASSWORD_VERIFIER (a fake but stable one for an unknown user). */
export function startSrp(flow: Flow, s: AuthSession, user: UserRecord | undefined, srpA: string | undefined): AuthResponse {
  const A = parseSrpA(srpA);
  checkLockout(flow.ctx, flow.pool, user);
  const verifier = user?.srp ?? fakeVerifier(flow, s.username);
  if (!user?.srp) s.userNotFound = true;
  const srp = beginSrp(flow, A, verifier, 'user');
  return challenge(flow, s, 'PASSWORD_VERIFIER', passwordVerifierParameters(srp, verifier.saltHex, s.username), { srp });
}

/** Checks a plain password against the SRP verifier (g^x == v). */
export async function passwordFactor(flow: Flow, s: AuthSession, user: UserRecord | undefined, password: string | undefined): Promise<AuthResponse> {
  if (password === undefined || password === '') throw invalidParameter('Missing required parameter PASSWORD');
  checkLockout(flow.ctx, flow.pool, user);
  if (!user || !user.srp || !passwordMatches(poolNameOf(flow.pool.id), user.username, password, user.srp)) {
    recordFailure(flow.ctx, user);
    flow.ctx.sessions.end(s);
    throw notAuthorized(INCORRECT_CREDENTIALS);
  }
  s.firstFactorDone = true;
  return advance(flow, s, user);
}

function signInPolicyFactors(flow: Flow): string[] {
  // AWS's model: Policies.SignInPolicy.AllowedFirstAuthFactors
  const policies = flow.pool.config.Policies as { SignInPolicy?: { AllowedFirstAuthFactors?: string[] } } | undefined;
  return policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
}

/** What a USER_AUTH sign-in may start with, for this user (WEB_AUTHN is never offered: unsupported). */
export function availableFirstFactors(flow: Flow, user: UserRecord | undefined): string[] {
  const allowed = signInPolicyFactors(flow);
  const out: string[] = [];
  if (allowed.includes('PASSWORD') && (!user || user.srp)) out.push('PASSWORD', 'PASSWORD_SRP');
  if (allowed.includes('EMAIL_OTP') && user?.attributes.email) out.push('EMAIL_OTP');
  if (allowed.includes('SMS_OTP') && user?.attributes.phone_number) out.push('SMS_OTP');
  return out;
}

export async function startFirstFactor(
  flow: Flow,
  s: AuthSession,
  user: UserRecord | undefined,
  factor: string,
  params: Record<string, string>,
): Promise<AuthResponse> {
  switch (factor) {
    // Chosen without the credential (InitiateAuth's PREFERRED_CHALLENGE, or SELECT_CHALLENGE's
    // ANSWER): ask for it with the factor's own ChallengeName (PASSWORD / PASSWORD_SRP are in the
    // API's ChallengeNameType), naming the user so the client hashes the canonical name next.
    case 'PASSWORD':
      if (params.PASSWORD === undefined) return challenge(flow, s, 'PASSWORD', { USERNAME: s.username });
      return passwordFactor(flow, s, user, params.PASSWORD);
    case 'PASSWORD_SRP':
      if (params.SRP_A === undefined) return challenge(flow, s, 'PASSWORD_SRP', { USERNAME: s.username });
      return startSrp(flow, s, user, params.SRP_A);
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      if (!user) throw notAuthorized(INCORRECT_CREDENTIALS);
      return codeChallenge(flow, s, user, factor);
    case 'WEB_AUTHN':
      throw invalidParameter(WEB_AUTHN_UNSUPPORTED);
    default:
      throw invalidParameter(`Unsupported first factor ${factor}`);
  }
}

export function selectChallenge(flow: Flow, s: AuthSession, available: string[]): AuthResponse {
  const r = challenge(flow, s, 'SELECT_CHALLENGE', {});
  return { ...r, AvailableChallenges: available };
}

export function userAuthNotAvailable(): PoolError {
  return invalidParameter('No first factor available for this user');
}
