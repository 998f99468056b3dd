// WEB_AUTHN: passkey sign-in needs a WebAuthn assertion from the browser, which the engine
// (pure TypeScript, no browser APIs) cannot produce yet. Refused with a clear message.

import { UnsupportedChallengeError } from '../flow-errors';
import type { ChallengeHandler } from './handler';

export const WEB_AUTHN_UNSUPPORTED = 'WebAuthn (passkey) sign-in is not supported yet';

export const webAuthn: ChallengeHandler = {
  challenge: 'WEB_AUTHN',
  start() {
    throw new UnsupportedChallengeError(`${WEB_AUTHN_UNSUPPORTED}.`, 'Choose a password or code sign-in in the account settings.');
  },
};
