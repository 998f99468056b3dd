// The answer both SRP verifiers send (PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER): they differ
// only in whose identity signs (protocol doc §2.7, §3.5), so the reading of the server's values,
// the time stamp and the signature live here once.

import { passwordClaimSignature, type PasswordClaimInput } from '../../srp/password-claim';
import { cognitoTimestamp } from '../../timestamp';
import { requiredParameter, type ChallengeContext } from '../context';

/** Who signs: the user (pool name, USER_ID_FOR_SRP, password) or the device (group key, device key, device password). */
export type ClaimIdentity = Pick<PasswordClaimInput, 'poolName' | 'userId' | 'password' | 'ephemeral'>;

/** PASSWORD_CLAIM_SECRET_BLOCK, TIMESTAMP and PASSWORD_CLAIM_SIGNATURE for the challenge in `ctx`. */
export function passwordClaimResponses(ctx: ChallengeContext, identity: ClaimIdentity): Record<string, string> {
  const secretBlock = requiredParameter(ctx, 'SECRET_BLOCK');
  // Generated right before signing: the server checks it against its own clock.
  const timestamp = cognitoTimestamp(ctx.deps.clock.now());
  const signature = passwordClaimSignature({
    ...identity,
    srpB: requiredParameter(ctx, 'SRP_B'),
    saltHex: requiredParameter(ctx, 'SALT'),
    secretBlock,
    timestamp,
  });
  return { PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, TIMESTAMP: timestamp, PASSWORD_CLAIM_SIGNATURE: signature };
}
