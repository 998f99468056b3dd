// DEVICE_PASSWORD_VERIFIER: user SRP maths with the device's identity (protocol doc §3.5 step 6):
// pool name → DeviceGroupKey, user id → DeviceKey, password → the device password.

import { flowStateError } from '../flow-errors';
import { respond, type ChallengeHandler } from './handler';
import { passwordClaimResponses } from './password-claim-responses';

export const devicePasswordVerifier: ChallengeHandler = {
  challenge: 'DEVICE_PASSWORD_VERIFIER',
  start(ctx) {
    const device = ctx.device;
    const ephemeral = ctx.run.deviceEphemeral;
    if (!device || !ephemeral) {
      throw flowStateError('The server asked for DEVICE_PASSWORD_VERIFIER without a device SRP exchange started by this sign-in.');
    }
    const claim = passwordClaimResponses(ctx, { poolName: device.deviceGroupKey, userId: device.deviceKey, password: device.devicePassword, ephemeral });
    ctx.event({ kind: 'device-proof-sending' });
    return respond({
      // Amplify answers with the challenge's USERNAME, falling back to the canonical one.
      USERNAME: ctx.challenge.parameters.USERNAME || ctx.state.username,
      DEVICE_KEY: device.deviceKey,
      ...claim,
    });
  },
};
