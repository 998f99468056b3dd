// ADMIN_NO_SRP_AUTH: per the RespondToAuthChallenge reference this challenge only belongs to
// the server-side Admin flows (AdminInitiateAuth / AdminRespondToAuthChallenge, IAM-signed),
// which a browser extension cannot call. Refused.

import { unsupportedChallenge } from '../flow-errors';
import type { ChallengeHandler } from './handler';

export const adminNoSrpAuth: ChallengeHandler = {
  challenge: 'ADMIN_NO_SRP_AUTH',
  start() {
    throw unsupportedChallenge(
      'ADMIN_NO_SRP_AUTH is only used by the server-side Admin flows (AdminInitiateAuth), which this extension cannot answer.',
    );
  },
};
