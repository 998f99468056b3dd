/** RespondToAuthChallenge / AdminRespondToAuthChallenge: one branch per challenge name. */
import type { Flow, AuthResponse } from './flow.js';
import type { AuthSession } from '../sessions.js';
import type { UserRecord } from '../store.js';
import {
  DEVICE_NOT_FOUND,
  INCORRECT_CREDENTIALS,
  PoolError,
  invalidParameter,
  notAuthorized,
  resourceNotFound,
} from '../errors.js';
import { checkLockout, checkSecretHash, findUser, recordFailure, userKey } from '../lookup.js';
import { matchTotp } from '../totp.js';
import { checkAliasesFree } from '../aliases.js';
import { checkPasswordPolicy, enabledFactors, availableFactors, setPassword } from '../users.js';
import { acceptDeviceKey, advance, challenge, codeChallenge, mfaChallenge } from './advance.js';
import { answerCustomChallenge, defineNext } from './custom.js';
import { beginSrp, parseSrpA, verifyClaim, verifyUserClaim } from './srp.js';
import { availableFirstFactors, passwordFactor, startFirstFactor, startSrp, WEB_AUTHN_UNSUPPORTED } from './first-factor.js';

// Written again rather than imported from src/cognito: the pool checks our client independently.
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

const codeMismatch = () => new PoolError('CodeMismatchException', 'Invalid code received for user');

export async function respondToChallenge(
  flow: Flow,
  name: string,
  responses: Record<string, string>,
  sessionId: string | undefined,
): Promise<AuthResponse> {
  if (name === 'WEB_AUTHN') throw invalidParameter(WEB_AUTHN_UNSUPPORTED);
  const s = flow.ctx.sessions.get(sessionId, flow.client.clientId);
  if (s.admin !== flow.admin) throw notAuthorized('Invalid session for the user.');
  const expectsPasswordVerifier = s.expect.includes('PASSWORD_VERIFIER') && name === 'ADMIN_NO_SRP_AUTH' && flow.admin;
  if (!s.expect.includes(name) && !expectsPasswordVerifier) {
    if (name === 'DEVICE_SRP_AUTH') throw notAuthorized('Cannot initiate DEVICE_SRP_AUTH flow without first authenticating');
    throw invalidParameter(`Invalid challenge name ${name}: this session expects ${s.expect.join(' or ') || 'no further challenge'}`);
  }
  const typed = responses.USERNAME;
  if (typed === undefined || typed === '') throw invalidParameter('Missing required parameter USERNAME');
  const user = s.userNotFound ? undefined : flow.pool.users[userKey(flow.pool, s.username)];
  if (!s.userNotFound && !user) throw notAuthorized(INCORRECT_CREDENTIALS);
  if (user ? findUser(flow.pool, typed) !== user : typed.toLowerCase() !== s.username.toLowerCase())
    throw notAuthorized(INCORRECT_CREDENTIALS);
  // After InitiateAuth the hash is over the canonical name (USER_ID_FOR_SRP), never the alias;
  // except at SELECT_CHALLENGE, which comes with no ChallengeParameters: the client has not been
  // told the canonical name, so it sends (and hashes) the name it typed, as Amplify v6 sends
  // USERNAME there. The hash is then over the USERNAME sent, which must name this user (above).
  checkSecretHash(flow.client, name === 'SELECT_CHALLENGE' ? typed : s.username, responses.SECRET_HASH);
  flow.clientMetadata = flow.clientMetadata ?? s.clientMetadata;
  if (name !== 'DEVICE_SRP_AUTH' && name !== 'DEVICE_PASSWORD_VERIFIER') acceptDeviceKey(flow, s, user, responses.DEVICE_KEY);

  if (name === 'PASSWORD_VERIFIER' || name === 'ADMIN_NO_SRP_AUTH') return passwordVerifier(flow, s, user, name, responses);
  // custom auth runs its triggers for an unknown user too (userNotFound: true)
  if (name === 'CUSTOM_CHALLENGE') return answerCustomChallenge(flow, s, user, responses.ANSWER);
  if (!user) throw notAuthorized(INCORRECT_CREDENTIALS);

  switch (name) {
    case 'SOFTWARE_TOKEN_MFA':
      return softwareTokenMfa(flow, s, user, responses.SOFTWARE_TOKEN_MFA_CODE);
    case 'SMS_MFA':
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return codeAnswer(flow, s, user, name, responses[`${name}_CODE`]);
    case 'SELECT_MFA_TYPE': {
      const choices = enabledFactors(flow.pool, user).length > 0 ? enabledFactors(flow.pool, user) : availableFactors(flow.pool, user);
      const answer = responses.ANSWER;
      if (!answer || !choices.includes(answer)) throw invalidParameter(`ANSWER must be one of ${JSON.stringify(choices)}`);
      return mfaChallenge(flow, s, user, answer);
    }
    case 'MFA_SETUP':
      return mfaSetup(flow, s, user, responses);
    case 'NEW_PASSWORD_REQUIRED':
      return newPassword(flow, s, user, responses);
    // USER_AUTH's first factor asked for on its own (InitiateAuth preferred it without the credential)
    case 'PASSWORD':
      return passwordFactor(flow, s, user, responses.PASSWORD);
    case 'PASSWORD_SRP':
      return startSrp(flow, s, user, responses.SRP_A);
    case 'SELECT_CHALLENGE': {
      const answer = responses.ANSWER;
      if (answer === 'WEB_AUTHN') throw invalidParameter(WEB_AUTHN_UNSUPPORTED);
      const available = availableFirstFactors(flow, user);
      if (!answer || !available.includes(answer)) throw invalidParameter(`ANSWER must be one of ${JSON.stringify(available)}`);
      return startFirstFactor(flow, s, user, answer, responses);
    }
    case 'DEVICE_SRP_AUTH':
      return deviceSrpAuth(flow, s, user, responses);
    case 'DEVICE_PASSWORD_VERIFIER':
      return devicePasswordVerifier(flow, s, user, responses);
    default:
      throw invalidParameter(`Unsupported challenge name ${name}`);
  }
}

/** Runs a claim check; "Incorrect username or password." counts as a failure and ends the sign-in. */
function endSignInOnWrongCredentials<T>(flow: Flow, s: AuthSession, user: UserRecord | undefined, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof PoolError && e.message === INCORRECT_CREDENTIALS) {
      recordFailure(flow.ctx, user);
      flow.ctx.sessions.end(s);
    }
    throw e;
  }
}

async function passwordVerifier(
  flow: Flow,
  s: AuthSession,
  user: UserRecord | undefined,
  name: string,
  responses: Record<string, string>,
): Promise<AuthResponse> {
  if (name === 'ADMIN_NO_SRP_AUTH') return passwordFactor(flow, s, user, responses.PASSWORD);
  if (!s.srp || s.srp.kind !== 'user') throw notAuthorized('Invalid session for the user.');
  checkLockout(flow.ctx, flow.pool, user);
  const known = endSignInOnWrongCredentials(flow, s, user, () => {
    if (!user) throw notAuthorized(INCORRECT_CREDENTIALS);
    verifyUserClaim(flow, s, user, responses);
    return user;
  });
  s.srp = undefined;
  s.firstFactorDone = true;
  if (s.flow === 'CUSTOM_AUTH') {
    s.custom = { results: [...(s.custom?.results ?? []), { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }] };
    return defineNext(flow, s, known);
  }
  return advance(flow, s, known);
}

async function softwareTokenMfa(flow: Flow, s: AuthSession, user: UserRecord, code: string | undefined): Promise<AuthResponse> {
  if (!code) throw invalidParameter('Missing required parameter SOFTWARE_TOKEN_MFA_CODE');
  if (!user.totp?.verified) throw new PoolError('SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.');
  checkLockout(flow.ctx, flow.pool, user);
  const step = matchTotp(user.totp.secret, code, flow.ctx.now());
  if (step === null) {
    recordFailure(flow.ctx, user);
    throw codeMismatch();
  }
  if (step <= user.totp.lastUsedStep) throw new PoolError('ExpiredCodeException', 'Your software token has already been used once.');
  user.totp.lastUsedStep = step;
  flow.ctx.markDirty();
  s.mfaDone = true;
  return advance(flow, s, user);
}

async function codeAnswer(flow: Flow, s: AuthSession, user: UserRecord, name: string, code: string | undefined): Promise<AuthResponse> {
  if (!code) throw invalidParameter(`Missing required parameter ${name}_CODE`);
  if (!s.pendingCode || s.pendingCode.challenge !== name) throw notAuthorized('Invalid session for the user.');
  checkLockout(flow.ctx, flow.pool, user);
  if (code !== s.pendingCode.code) {
    recordFailure(flow.ctx, user);
    throw codeMismatch();
  }
  s.pendingCode = undefined;
  if (!s.firstFactorDone) {
    // passwordless first factor (USER_AUTH): no MFA after it
    s.firstFactorDone = true;
    s.passwordless = true;
  }
  s.mfaDone = true;
  return advance(flow, s, user);
}

async function mfaSetup(flow: Flow, s: AuthSession, user: UserRecord, responses: Record<string, string>): Promise<AuthResponse> {
  if (s.mfaSetupVerified) {
    s.mfaDone = true;
    return advance(flow, s, user);
  }
  const email = responses.EMAIL;
  if (email !== undefined && flow.pool.emailMfaConfiguration) {
    if (user.attributes.email !== undefined && user.attributes.email !== email) throw notAuthorized('Cannot modify an already provided email');
    user.attributes.email = email;
    user.mfa.EMAIL_OTP = { enabled: true, preferred: user.mfa.EMAIL_OTP?.preferred ?? false };
    flow.ctx.markDirty();
    return codeChallenge(flow, s, user, 'EMAIL_OTP');
  }
  throw invalidParameter(
    'MFA_SETUP is not complete: call AssociateSoftwareToken and VerifySoftwareToken with this Session first' +
      (flow.pool.emailMfaConfiguration ? ', or answer with EMAIL' : ''),
  );
}

async function newPassword(flow: Flow, s: AuthSession, user: UserRecord, responses: Record<string, string>): Promise<AuthResponse> {
  const password = responses.NEW_PASSWORD;
  if (!password) throw invalidParameter('Missing required parameter NEW_PASSWORD');
  const updates: Record<string, string> = {};
  for (const [k, v] of Object.entries(responses)) {
    if (!k.startsWith('userAttributes.')) continue;
    const attr = k.slice('userAttributes.'.length);
    if (attr === 'sub' || attr === 'email_verified' || attr === 'phone_number_verified')
      throw invalidParameter(`Cannot modify the non-mutable attribute ${attr}`);
    if (attr === 'email' && user.attributes.email !== undefined) throw notAuthorized('Cannot modify an already provided email');
    updates[attr] = v;
  }
  const schema = (flow.pool.config.Schema as { Name?: string; Required?: boolean }[] | undefined) ?? [];
  for (const a of schema)
    if (a.Required && a.Name && user.attributes[a.Name] === undefined && updates[a.Name] === undefined)
      throw invalidParameter(`Invalid attributes given, ${a.Name} is missing`);
  checkPasswordPolicy(flow.pool, password);
  checkAliasesFree(flow.pool, user, updates);
  Object.assign(user.attributes, updates);
  setPassword(flow.pool, user, password, 'CONFIRMED', flow.ctx.now());
  flow.ctx.markDirty();
  s.newPasswordDone = true;
  return advance(flow, s, user);
}

async function deviceSrpAuth(flow: Flow, s: AuthSession, user: UserRecord, responses: Record<string, string>): Promise<AuthResponse> {
  const key = responses.DEVICE_KEY;
  if (!key) throw invalidParameter('Missing required parameter DEVICE_KEY');
  const device = user.devices[key];
  if (!device || !device.verifier) throw resourceNotFound(DEVICE_NOT_FOUND);
  if (s.deviceKey !== key) throw notAuthorized('Cannot initiate DEVICE_SRP_AUTH flow without first authenticating');
  const A = parseSrpA(responses.SRP_A);
  const srp = beginSrp(flow, A, device.verifier, 'device');
  return challenge(
    flow,
    s,
    'DEVICE_PASSWORD_VERIFIER',
    {
      SRP_B: srp.handshake.B.toString(16),
      SALT: device.verifier.saltHex,
      SECRET_BLOCK: srp.secretBlock.toString('base64'),
      DEVICE_KEY: key,
      USERNAME: user.username,
    },
    { srp },
  );
}

async function devicePasswordVerifier(flow: Flow, s: AuthSession, user: UserRecord, responses: Record<string, string>): Promise<AuthResponse> {
  const key = responses.DEVICE_KEY ?? s.deviceKey;
  const device = key ? user.devices[key] : undefined;
  if (!device || !device.verifier || key !== s.deviceKey) throw resourceNotFound(DEVICE_NOT_FOUND);
  if (!s.srp || s.srp.kind !== 'device') throw notAuthorized('Invalid session for the user.');
  endSignInOnWrongCredentials(flow, s, user, () => verifyClaim(flow, s, responses, device.deviceGroupKey, device.deviceKey));
  s.srp = undefined;
  s.deviceDone = true;
  return advance(flow, s, user);
}
