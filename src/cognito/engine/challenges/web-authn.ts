// WEB_AUTHN: passkey sign-in needs a WebAuthn assertion from the browser, which the engine
// (pure TypeScript, no browser APIs) cannot produce yet. Refused with a clear message.

import { unsupportedChallenge } from '../flow-errors';
import type { ChallengeHandler } from './handler';

export const WEB_AUTHN_UNSUPPORTED = 'WebAuthn (passkey) sign-in is not supported yet';

export const webAuthn: ChallengeHandler = {
  challenge: 'WEB_AUTHN',
  start() {
    throw unsupportedChallenge(`${WEB_AUTHN_UNSUPPORTED}.`);
  },
};
