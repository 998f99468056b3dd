// PASSWORD_SRP (ChallengeName): the server asks for USER_AUTH's SRP factor to begin. It comes
// when InitiateAuth preferred PASSWORD_SRP but carried no SRP_A (no password was held); answered
// {USERNAME, SRP_A} as RespondToAuthChallenge's model documents, then PASSWORD_VERIFIER follows
// in the same engine call (the ephemeral never outlives it).

import { createEphemeral } from '../../srp/ephemeral';
import type { ChallengeContext } from '../context';
import { ask, respond, type ChallengeHandler, type HandlerStep } from './handler';

function begin(ctx: ChallengeContext): HandlerStep {
  const ephemeral = createEphemeral(ctx.deps.random);
  ctx.run.userEphemeral = ephemeral;
  ctx.event({ kind: 'srp-started' });
  return respond({ SRP_A: ephemeral.srpA });
}

export const passwordSrpChallenge: ChallengeHandler = {
  challenge: 'PASSWORD_SRP',
  start(ctx) {
    if (ctx.run.password) return begin(ctx);
    return ask({ kind: 'password', username: ctx.request.username });
  },
  answer(ctx, answer) {
    if (answer.kind !== 'password') throw new TypeError('password answer expected');
    ctx.run.password = answer.password;
    return begin(ctx);
  },
};
