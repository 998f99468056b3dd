// CUSTOM_CHALLENGE: whatever the pool's CreateAuthChallenge trigger asks (protocol doc §4.7).
// The person sees the public challenge parameters and answers; the DefineAuthChallenge trigger
// decides whether another round follows.

import { clipParameters } from '../server-text';
import { ask, respond, type ChallengeHandler } from './handler';

export const customChallenge: ChallengeHandler = {
  challenge: 'CUSTOM_CHALLENGE',
  start(ctx) {
    // USERNAME is protocol bookkeeping, not part of the question.
    const { USERNAME: _username, ...parameters } = ctx.challenge.parameters;
    return ask({ kind: 'custom-challenge', parameters: clipParameters(parameters) });
  },
  answer(ctx, answer) {
    if (answer.kind !== 'custom-challenge') throw new TypeError('custom-challenge answer expected');
    ctx.event({ kind: 'custom-answer-sending' });
    return respond({ ANSWER: answer.answer });
  },
};
