// The real protocol core behind the agent's engine port: the sign-in engine of src/cognito and
// an API client on the account's endpoint (regional, or the custom one), sharing one clock.
import { CognitoApi } from '../../cognito/api';
import { continueSignIn, refreshTokens, startSignIn } from '../../cognito/engine';
import { CognitoTransport, endpointFor } from '../../cognito/transport';
import { totpCode } from '../../otp/totp';
import type { EngineDepsFactory, SignInEngine } from './engine-port';

export const cognitoEngine: SignInEngine = { startSignIn, continueSignIn, refreshTokens };

export const makeCognitoDeps: EngineDepsFactory = (client, clock) => ({
  api: new CognitoApi(new CognitoTransport({ endpoint: endpointFor(client.userPoolId, client.endpoint), clock })),
  clock,
  // Cognito software tokens: SHA1, 6 digits, 30 s (the engine passes server-clock time).
  totp: (secret, nowMs) => totpCode(secret, {}, nowMs),
});
