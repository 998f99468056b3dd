// Shared shape of the challenges answered with a code Cognito sent by SMS or e-mail
// (SMS_MFA, SMS_OTP, EMAIL_OTP; protocol doc §4.2): prompt with where the code went, then send
// the code under the challenge's response key.

import type { ChallengeContext } from '../context';
import { withError, type CodePrompt } from '../prompts';
import { clip } from '../server-text';
import { isDeliveredCode } from '../../validate';
import { ask, respond, type ChallengeHandler } from './handler';

function codePrompt(ctx: ChallengeContext, kind: CodePrompt['kind']): CodePrompt {
  const p = ctx.challenge.parameters;
  const prompt: CodePrompt = { kind, challenge: ctx.challenge.name };
  // Server text shown to the person and written into the events: clipped.
  if (p.CODE_DELIVERY_DELIVERY_MEDIUM) prompt.deliveryMedium = clip(p.CODE_DELIVERY_DELIVERY_MEDIUM);
  if (p.CODE_DELIVERY_DESTINATION) prompt.destination = clip(p.CODE_DELIVERY_DESTINATION);
  return prompt;
}

export function codeChallenge(challenge: string, kind: CodePrompt['kind'], responseKey: string): ChallengeHandler {
  return {
    challenge,
    askAgainOn: ['CodeMismatchException', 'ExpiredCodeException'],
    start(ctx) {
      const prompt = codePrompt(ctx, kind);
      ctx.event({ kind: 'code-sent', ...(prompt.destination ? { destination: prompt.destination } : {}) });
      return ask(prompt);
    },
    answer(ctx, answer) {
      if (answer.kind !== kind) throw new TypeError(`${kind} answer expected`);
      const code = answer.code.trim();
      if (!isDeliveredCode(code)) {
        return ask(withError(codePrompt(ctx, kind), { code: 'invalid-code', message: 'Enter the code of 6 to 8 digits that was sent.' }));
      }
      ctx.event({ kind: 'code-sending' });
      return respond({ [responseKey]: code });
    },
  };
}
