// DEVICE_SRP_AUTH: the pool wants the remembered device to prove itself (protocol doc §3.5).
// It may come after any step (password, MFA, custom challenge); a fresh ephemeral is used,
// as Amplify does, rather than the user-SRP one.

import { createEphemeral } from '../../srp/ephemeral';
import { flowStateError } from '../flow-errors';
import { approvalNeeded, respond, type ChallengeHandler } from './handler';

export const deviceSrpAuth: ChallengeHandler = {
  challenge: 'DEVICE_SRP_AUTH',
  start(ctx) {
    const device = ctx.device;
    if (!device) {
      throw flowStateError(
        'The user pool asked for remembered-device authentication (DEVICE_SRP_AUTH), but no device is held for this account.',
      );
    }
    const approval = approvalNeeded(ctx, 'device');
    if (approval) return approval;
    const ephemeral = createEphemeral(ctx.deps.random);
    ctx.run.deviceEphemeral = ephemeral;
    ctx.event({ kind: 'device-authenticating' });
    return respond({ DEVICE_KEY: device.deviceKey, SRP_A: ephemeral.srpA });
  },
};
