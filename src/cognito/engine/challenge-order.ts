// Which challenge may follow which step: one table for the whole engine (issue 7 item 1).
//
// A server that answers a step with a challenge that cannot follow it is broken or hostile:
// USER_SRP_AUTH answered with SELECT_CHALLENGE offering only PASSWORD would get the saved
// password in plaintext, SOFTWARE_TOKEN_MFA before any password was verified would get a TOTP
// code, DEVICE_SRP_AUTH without a device this client presented would get a device proof. The
// engine checks every ChallengeName against this table before a handler sees it, so each secret
// is only used in the step the reference defines for it (RespondToAuthChallenge's
// ChallengeResponses, protocol doc §2–§4):
//
// - the plaintext password only in USER_PASSWORD_AUTH, or in USER_AUTH's PASSWORD factor when
//   the account names PASSWORD as its preferred challenge (or a person picks it at
//   SELECT_CHALLENGE; ./challenges/select-challenge.ts never picks it by itself otherwise);
// - SRP (PASSWORD_VERIFIER) only after this client sent SRP_A;
// - a TOTP code (SOFTWARE_TOKEN_MFA) only after a verified first factor, or after choosing it;
// - the device proof (DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER) only while a device is held,
//   i.e. DEVICE_KEY went with the request;
// - SECRET_HASH goes with InitiateAuth and every RespondToAuthChallenge of this client (the
//   reference: "SECRET_HASH … applies to all inputs"), never to the MFA set-up calls.
//
// Tokens (AuthenticationResult) may end any step; that is not a challenge and not in the table.

import type { SignInRequest } from './types';

/** More challenge steps than this in one sign-in end it (a server looping the client). */
export const MAX_CHALLENGE_STEPS = 20;

/** After the password was verified (plaintext or SRP): a new password, MFA, the device. */
const AFTER_PASSWORD = [
  'NEW_PASSWORD_REQUIRED',
  'SMS_MFA',
  'SOFTWARE_TOKEN_MFA',
  'EMAIL_OTP',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'DEVICE_SRP_AUTH',
] as const;
/** After the new password was set: MFA or the device. */
const AFTER_NEW_PASSWORD = AFTER_PASSWORD.filter((c) => c !== 'NEW_PASSWORD_REQUIRED');
/** After an MFA code: only the device. */
const AFTER_MFA = ['DEVICE_SRP_AUTH'] as const;
/** After an e-mail / SMS code, which is MFA or a passwordless first factor: a new password or the device. */
const AFTER_CODE = ['NEW_PASSWORD_REQUIRED', 'DEVICE_SRP_AUTH'] as const;
/** After a custom challenge: the trigger's next one, a new password, the device. */
const AFTER_CUSTOM = ['CUSTOM_CHALLENGE', 'NEW_PASSWORD_REQUIRED', 'DEVICE_SRP_AUTH'] as const;

/**
 * What may answer InitiateAuth, by the flow started. USER_AUTH is keyed by its preferred
 * challenge and whether the credential went with it ("+" = PASSWORD / SRP_A sent); without a
 * preference, or when the preferred one is not available, Cognito answers SELECT_CHALLENGE.
 */
const AFTER_INITIATE: Readonly<Record<string, readonly string[]>> = {
  USER_SRP_AUTH: ['PASSWORD_VERIFIER'],
  USER_PASSWORD_AUTH: AFTER_PASSWORD,
  CUSTOM_AUTH: ['CUSTOM_CHALLENGE'],
  CUSTOM_AUTH_SRP: ['PASSWORD_VERIFIER', 'CUSTOM_CHALLENGE'],
  USER_AUTH: ['SELECT_CHALLENGE'],
  'USER_AUTH/PASSWORD+': [...AFTER_PASSWORD, 'SELECT_CHALLENGE'],
  'USER_AUTH/PASSWORD': ['PASSWORD', 'SELECT_CHALLENGE'],
  'USER_AUTH/PASSWORD_SRP+': ['PASSWORD_VERIFIER', 'SELECT_CHALLENGE'],
  'USER_AUTH/PASSWORD_SRP': ['PASSWORD_SRP', 'SELECT_CHALLENGE'],
  'USER_AUTH/EMAIL_OTP': ['EMAIL_OTP', 'SELECT_CHALLENGE'],
  'USER_AUTH/SMS_OTP': ['SMS_OTP', 'SELECT_CHALLENGE'],
};

/**
 * What may answer RespondToAuthChallenge, by the challenge answered; for a choice
 * (SELECT_CHALLENGE, SELECT_MFA_TYPE, MFA_SETUP by e-mail) also by what was chosen.
 */
const AFTER_CHALLENGE: Readonly<Record<string, readonly string[]>> = {
  PASSWORD_VERIFIER: AFTER_PASSWORD,
  PASSWORD: AFTER_PASSWORD,
  PASSWORD_SRP: ['PASSWORD_VERIFIER'],
  'SELECT_CHALLENGE/PASSWORD': AFTER_PASSWORD,
  'SELECT_CHALLENGE/PASSWORD_SRP': ['PASSWORD_VERIFIER'],
  'SELECT_CHALLENGE/EMAIL_OTP': ['EMAIL_OTP'],
  'SELECT_CHALLENGE/SMS_OTP': ['SMS_OTP'],
  'SELECT_MFA_TYPE/SMS_MFA': ['SMS_MFA'],
  'SELECT_MFA_TYPE/SOFTWARE_TOKEN_MFA': ['SOFTWARE_TOKEN_MFA'],
  'SELECT_MFA_TYPE/EMAIL_OTP': ['EMAIL_OTP'],
  MFA_SETUP: AFTER_MFA,
  'MFA_SETUP/EMAIL': ['EMAIL_OTP'],
  NEW_PASSWORD_REQUIRED: AFTER_NEW_PASSWORD,
  SMS_MFA: AFTER_MFA,
  SOFTWARE_TOKEN_MFA: AFTER_MFA,
  EMAIL_OTP: AFTER_CODE,
  SMS_OTP: AFTER_CODE,
  CUSTOM_CHALLENGE: AFTER_CUSTOM,
  DEVICE_SRP_AUTH: ['DEVICE_PASSWORD_VERIFIER'],
  DEVICE_PASSWORD_VERIFIER: [],
};

/** The key of a sent step in the tables above. */
function stepKey(req: SignInRequest, answered: string | undefined, sent: Readonly<Record<string, string>>): string {
  if (answered === undefined) {
    const flow = req.flow ?? 'USER_SRP_AUTH';
    if (flow !== 'USER_AUTH' || !sent.PREFERRED_CHALLENGE) return flow;
    const withCredential = sent.PASSWORD !== undefined || sent.SRP_A !== undefined;
    return `USER_AUTH/${sent.PREFERRED_CHALLENGE}${withCredential ? '+' : ''}`;
  }
  if (answered === 'SELECT_CHALLENGE' || answered === 'SELECT_MFA_TYPE') return `${answered}/${sent.ANSWER ?? ''}`;
  if (answered === 'MFA_SETUP' && sent.EMAIL !== undefined) return 'MFA_SETUP/EMAIL';
  return answered;
}

/**
 * The challenges that may answer a step this client just sent: InitiateAuth (`answered`
 * undefined) or the response to challenge `answered`, with the parameters that went with it.
 */
export function challengesAfter(
  req: SignInRequest,
  answered: string | undefined,
  sent: Readonly<Record<string, string>>,
  holdsDevice: boolean,
): string[] {
  const key = stepKey(req, answered, sent);
  const table = answered === undefined ? AFTER_INITIATE : AFTER_CHALLENGE;
  let next = [...(Object.hasOwn(table, key) ? table[key]! : [])];
  // A preference Cognito does not offer this user (or does not know) is answered with the menu.
  if (answered === undefined && key.startsWith('USER_AUTH/') && !Object.hasOwn(table, key)) next = [...AFTER_INITIATE.USER_AUTH!];
  // In custom flows the DefineAuthChallenge trigger may follow the password with its own challenges.
  const custom = req.flow === 'CUSTOM_AUTH' || req.flow === 'CUSTOM_AUTH_SRP';
  if (custom && answered === 'PASSWORD_VERIFIER') next = [...new Set([...next, ...AFTER_CUSTOM])];
  // The device proof only for a device this client presented (DEVICE_KEY went with the request).
  if (!holdsDevice) next = next.filter((c) => c !== 'DEVICE_SRP_AUTH' && c !== 'DEVICE_PASSWORD_VERIFIER');
  return next;
}

/** A readable name of a sent step, for the error that says what the server answered it with. */
export function stepLabel(req: SignInRequest, answered: string | undefined, sent: Readonly<Record<string, string>>): string {
  if (answered !== undefined) return `the ${stepKey(req, answered, sent).replace('/', ' answer ')} response`;
  const key = stepKey(req, answered, sent);
  return `InitiateAuth (${key.replace('/', ', preferring ').replace(/\+$/, '')})`;
}
