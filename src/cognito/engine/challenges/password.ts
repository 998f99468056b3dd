// PASSWORD (ChallengeName): the server asks for the plaintext password of USER_AUTH's PASSWORD
// factor. It comes when InitiateAuth preferred PASSWORD but carried no password (none was held);
// answered {USERNAME, PASSWORD} as RespondToAuthChallenge's model documents. Only for an account
// the person set up for PASSWORD (challenge-order.ts allows it after nothing else); the saved
// password is never sent in plaintext to any other flow.

import type { ChallengeContext } from '../context';
import { unexpectedChallenge } from '../flow-errors';
import { ask, respond, type ChallengeHandler, type HandlerStep } from './handler';

function send(ctx: ChallengeContext, password: string): HandlerStep {
  ctx.event({ kind: 'password-sending' });
  return respond({ PASSWORD: password });
}

export const passwordChallenge: ChallengeHandler = {
  challenge: 'PASSWORD',
  start(ctx) {
    // Defence in depth: the order table already refuses PASSWORD anywhere else.
    if (ctx.request.flow !== 'USER_AUTH' || ctx.request.preferredChallenge !== 'PASSWORD') {
      throw unexpectedChallenge('The server asked for the password in plaintext (PASSWORD), which this account is not set up for.');
    }
    if (ctx.run.password) return send(ctx, ctx.run.password);
    return ask({ kind: 'password', username: ctx.request.username });
  },
  answer(ctx, answer) {
    if (answer.kind !== 'password') throw new TypeError('password answer expected');
    ctx.run.password = answer.password;
    return send(ctx, answer.password);
  },
};
