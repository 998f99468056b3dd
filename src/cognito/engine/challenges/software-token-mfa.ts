// SOFTWARE_TOKEN_MFA: answered from the account's TOTP secret when one is held (or was enrolled
// earlier in this flow), otherwise a person types the code from another authenticator.

import { isAppError } from '../../errors';
import { isTotpCode } from '../../validate';
import type { ChallengeContext } from '../context';
import { withError } from '../prompts';
import { approvalNeeded, ask, respond, type ChallengeHandler, type HandlerStep } from './handler';

/** Cognito's TOTP time step (protocol doc §4.5). */
const STEP_MS = 30_000;

function heldSecret(ctx: ChallengeContext): string | undefined {
  return ctx.secrets.totpSecret ?? ctx.state.enrolledTotpSecret;
}

/**
 * The server refused the code because this time step was already used (e.g. by a sign-in a few
 * seconds earlier): Cognito's ExpiredCodeException "Your software token has already been used
 * once.", told apart where the answer is parsed (code-already-used). Other refusals (wrong
 * secret, clock far off) must surface, not be retried.
 */
const isReplayRefusal = (error: unknown): boolean => isAppError(error, 'code-already-used');

export const softwareTokenMfa: ChallengeHandler = {
  challenge: 'SOFTWARE_TOKEN_MFA',
  askAgainOn: ['CodeMismatchException', 'ExpiredCodeException'],
  start(ctx) {
    const secret = heldSecret(ctx);
    if (!secret) return ask({ kind: 'totp-code' });
    const approval = approvalNeeded(ctx, 'totp');
    if (approval) return approval;
    ctx.event({ kind: 'totp-answering' });
    return respond({ SOFTWARE_TOKEN_MFA_CODE: ctx.deps.totp(secret, ctx.deps.clock.now()) });
  },
  answer(ctx, answer): HandlerStep {
    if (answer.kind !== 'totp-code') throw new TypeError('totp-code answer expected');
    const code = answer.code.trim();
    if (!isTotpCode(code)) {
      return ask(withError({ kind: 'totp-code' }, { code: 'invalid-code', message: 'Enter the 6-digit code from the authenticator.' }));
    }
    ctx.event({ kind: 'totp-code-sending' });
    return respond({ SOFTWARE_TOKEN_MFA_CODE: code });
  },
  retry(ctx, error) {
    const secret = heldSecret(ctx);
    if (!secret || ctx.run.totpRetried || !isReplayRefusal(error)) return undefined;
    ctx.run.totpRetried = true;
    // Cognito accepts one step early or late, so the next step's code is valid right now.
    ctx.event({ kind: 'totp-code-reused' });
    return respond({ SOFTWARE_TOKEN_MFA_CODE: ctx.deps.totp(secret, ctx.deps.clock.now() + STEP_MS) });
  },
};
