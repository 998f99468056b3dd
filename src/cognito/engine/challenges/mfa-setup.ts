// MFA_SETUP: MFA is required and the user has no factor yet. With the person's consent the
// extension enrols itself as the TOTP authenticator, using the auth session (no access token
// exists yet; protocol doc §4.4): AssociateSoftwareToken → VerifySoftwareToken with a code from
// the new secret → MFA_SETUP with the newest Session. The secret stays in the (encrypted) flow
// state until sign-in ends, then goes to the caller in `enrolledTotpSecret`.

import { EnableSoftwareTokenMFAError } from '../../errors';
import { listParameter } from '../context';
import { SignInDeniedError, UnsupportedChallengeError } from '../flow-errors';
import { ask, respond, type ChallengeHandler } from './handler';

export const mfaSetup: ChallengeHandler = {
  challenge: 'MFA_SETUP',
  start(ctx) {
    const methods = listParameter(ctx, 'MFAS_CAN_SETUP');
    if (!methods.includes('SOFTWARE_TOKEN_MFA')) {
      throw new UnsupportedChallengeError(
        `The user pool asks to set up MFA by ${methods.join(' or ')}, which this extension cannot do.`,
        'Set up MFA in the application first, then sign in again.',
      );
    }
    return ask({ kind: 'mfa-setup', methods });
  },
  async answer(ctx, answer) {
    if (answer.kind !== 'mfa-setup') throw new TypeError('mfa-setup answer expected');
    if (!answer.approve) {
      ctx.event('Declined by the user', 'warning');
      throw new SignInDeniedError('setting up the authenticator (MFA_SETUP) was declined');
    }
    const { api, clock, totp } = ctx.deps;

    const associated = await api.associateSoftwareToken({ Session: ctx.state.session });
    const secret = associated.SecretCode;
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
      throw new EnableSoftwareTokenMFAError({
        code: 'EnableSoftwareTokenMFAException',
        message: 'VerifySoftwareToken did not accept the code of the new authenticator secret.',
        status: 200,
      });
    }
    ctx.state.enrolledTotpSecret = secret;
    await ctx.deps.onTotpEnrolled?.(secret);
    ctx.event('Enrolled this extension as the authenticator (TOTP)');
    return respond({});
  },
};
