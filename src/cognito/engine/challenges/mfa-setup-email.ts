// MFA_SETUP by e-mail, as Amplify v6 does it (signInHelpers handleMFASetupChallenge): answer
// MFA_SETUP with {USERNAME, EMAIL: <the address the person typed>}; the pool sends a code and
// answers with EMAIL_OTP, which ./email-otp.ts takes like any e-mail code. Used when the pool
// offers EMAIL_OTP set-up and no authenticator (SOFTWARE_TOKEN_MFA), or the person chose e-mail.

import type { AppError } from '../../errors';
import type { ChallengeContext } from '../context';
import { mfaSetupUnavailable } from '../flow-errors';
import { withError, type MfaSetupPrompt } from '../prompts';
import { clipList } from '../server-text';
import { ask, respond, type HandlerStep } from './handler';

/** What the engine can set up itself or with the person's help. */
export function canSetUp(methods: readonly string[]): { totp: boolean; email: boolean } {
  return { totp: methods.includes('SOFTWARE_TOKEN_MFA'), email: methods.includes('EMAIL_OTP') };
}

/** Only SMS (or nothing known) on offer: say what would be needed, instead of a dead end. */
export function setUpUnavailable(methods: readonly string[]): AppError {
  const offered = methods.length > 0 ? clipList(methods) : 'no method';
  const sms = methods.includes('SMS_MFA');
  return mfaSetupUnavailable(
    `The user pool requires MFA and offers to set up ${offered}, which this extension cannot set up` +
      (sms ? ' (SMS_MFA needs a phone number on the account, which only the application or an administrator can add)' : '') +
      '. Missing: an authenticator app (SOFTWARE_TOKEN_MFA) or e-mail (EMAIL_OTP) option in the pool\'s MFA settings' +
      (sms ? ', or a phone number (phone_number) on the account' : '') +
      '.',
  );
}

/** A plausible e-mail address (the pool checks it; this only catches a typo before the round trip). */
function looksLikeEmail(value: string): boolean {
  return value.length <= 2048 && /^[^\s@]+@[^\s@]+$/.test(value);
}

/** Answers MFA_SETUP with the e-mail address, or asks again when it is missing or malformed. */
export function emailSetUp(ctx: ChallengeContext, prompt: MfaSetupPrompt, email: string | undefined): HandlerStep {
  const address = email?.trim() ?? '';
  if (!looksLikeEmail(address)) {
    return ask(withError(prompt, { code: 'email-required', message: 'Enter the e-mail address that is to receive the sign-in codes.' }));
  }
  ctx.event({ kind: 'email-mfa-setup' });
  return respond({ EMAIL: address });
}
