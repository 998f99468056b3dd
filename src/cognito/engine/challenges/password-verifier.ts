// PASSWORD_VERIFIER: the second half of user SRP (protocol doc §2.6–2.9). Answered at once with
// the ephemeral of this engine call: Cognito allows only a few seconds for it.

import { poolNameOf, requiredParameter } from '../context';
import { flowStateError } from '../flow-errors';
import { respond, type ChallengeHandler } from './handler';
import { passwordClaimResponses } from './password-claim-responses';

export const passwordVerifier: ChallengeHandler = {
  challenge: 'PASSWORD_VERIFIER',
  start(ctx) {
    const ephemeral = ctx.run.userEphemeral;
    const password = ctx.run.password;
    if (!ephemeral || !password) {
      throw flowStateError('The server asked for PASSWORD_VERIFIER without an SRP exchange started by this sign-in.');
    }
    // The canonical username, never the alias that was typed (protocol doc §7 #4).
    const userId = requiredParameter(ctx, 'USER_ID_FOR_SRP');
    const claim = passwordClaimResponses(ctx, { poolName: poolNameOf(ctx.request.client.userPoolId), userId, password, ephemeral });
    ctx.event({ kind: 'password-proof-sending' });
    return respond({ USERNAME: userId, ...claim });
  },
};
