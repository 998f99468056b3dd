// Every challenge the engine knows, in one visible place. To support a new challenge, add a
// file next to this one and list it here; to drop one, delete both.

import { adminNoSrpAuth } from './admin-no-srp-auth';
import { customChallenge } from './custom-challenge';
import { devicePasswordVerifier } from './device-password-verifier';
import { deviceSrpAuth } from './device-srp-auth';
import { emailOtp } from './email-otp';
import type { ChallengeHandler } from './handler';
import { mfaSetup } from './mfa-setup';
import { newPasswordRequired } from './new-password-required';
import { passwordChallenge } from './password';
import { passwordSrpChallenge } from './password-srp';
import { passwordVerifier } from './password-verifier';
import { selectChallenge } from './select-challenge';
import { selectMfaType } from './select-mfa-type';
import { smsMfa } from './sms-mfa';
import { smsOtp } from './sms-otp';
import { softwareTokenMfa } from './software-token-mfa';
import { webAuthn } from './web-authn';
import { unsupportedChallenge } from '../flow-errors';
import { clip } from '../server-text';

export const CHALLENGE_HANDLERS: readonly ChallengeHandler[] = [
  passwordVerifier,
  passwordSrpChallenge,
  passwordChallenge,
  deviceSrpAuth,
  devicePasswordVerifier,
  softwareTokenMfa,
  selectMfaType,
  mfaSetup,
  newPasswordRequired,
  smsMfa,
  emailOtp,
  smsOtp,
  customChallenge,
  selectChallenge,
  webAuthn,
  adminNoSrpAuth,
];

const BY_NAME = new Map(CHALLENGE_HANDLERS.map((h) => [h.challenge, h]));

export function handlerFor(challengeName: string): ChallengeHandler {
  const handler = BY_NAME.get(challengeName);
  if (!handler) throw unsupportedChallenge(`The user pool asked for ${clip(challengeName)}, which this extension does not know.`);
  return handler;
}
