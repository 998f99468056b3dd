// MFA_SETUP: MFA is required and the user has no factor yet. With the person's consent the
// extension enrols itself as the TOTP authenticator, using the auth session (no access token
// exists yet; protocol doc §4.4): AssociateSoftwareToken → VerifySoftwareToken with a code from
// the new secret → MFA_SETUP with the newest Session. The secret stays in the (encrypted) flow
// state until sign-in ends, then goes to the caller in `enrolledTotpSecret`.
// E-mail set-up (EMAIL_OTP offered without TOTP, or chosen by the person) is ./mfa-setup-email.ts.

import { canonicalSecret } from '../../../otp/otp-account';
import { errorFromResponse } from '../../errors';
import { listParameter } from '../context';
import { signInDenied } from '../flow-errors';
import { ask, respond, type ChallengeHandler } from './handler';
import { canSetUp, emailSetUp, setUpUnavailable } from './mfa-setup-email';

export const mfaSetup: ChallengeHandler = {
  challenge: 'MFA_SETUP',
  start(ctx) {
    const methods = listParameter(ctx, 'MFAS_CAN_SETUP');
    const can = canSetUp(methods);
    if (!can.totp && !can.email) throw setUpUnavailable(methods);
    return ask({ kind: 'mfa-setup', methods: methods.filter((m) => m === 'SOFTWARE_TOKEN_MFA' || m === 'EMAIL_OTP') });
  },
  async answer(ctx, answer) {
    if (answer.kind !== 'mfa-setup') throw new TypeError('mfa-setup answer expected');
    if (!answer.approve) {
      ctx.event({ kind: 'declined' });
      throw signInDenied('setting up the authenticator (MFA_SETUP) was declined');
    }
    const methods = listParameter(ctx, 'MFAS_CAN_SETUP');
    const can = canSetUp(methods);
    if (can.email && (answer.email !== undefined || !can.totp)) {
      return emailSetUp(ctx, { kind: 'mfa-setup', methods: methods.filter((m) => m === 'SOFTWARE_TOKEN_MFA' || m === 'EMAIL_OTP') }, answer.email);
    }
    const { api, clock, totp } = ctx.deps;

    const associated = await api.associateSoftwareToken({ Session: ctx.state.session });
    // The API checked it is base32 of a usable length (validateSecretCode); kept canonical (upper
    // case, no spare bits), the one form the vault stores, so the pending save cannot refuse it.
    const secret = canonicalSecret(associated.SecretCode);
    if (associated.Session) ctx.state.session = associated.Session;

    // Kept by the caller before the request: if it is cut off, Cognito may hold the secret anyway.
    await ctx.deps.onTotpPending?.(secret);
    const verified = await api.verifySoftwareToken({
      Session: ctx.state.session,
      UserCode: totp(secret, clock.now()),
      FriendlyDeviceName: ctx.request.policy.deviceName,
    });
    if (verified.Session) ctx.state.session = verified.Session;
    if (verified.Status !== 'SUCCESS') {
      // Cognito's answer to a refused code is this exception; a Status other than SUCCESS means the same.
      throw errorFromResponse({
        code: 'EnableSoftwareTokenMFAException',
        message: 'VerifySoftwareToken did not accept the code of the new authenticator secret.',
        status: 200,
      });
    }
    ctx.state.enrolledTotpSecret = secret;
    await ctx.deps.onTotpEnrolled?.(secret);
    ctx.event({ kind: 'totp-enrolled' });
    return respond({});
  },
};
