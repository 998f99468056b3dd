// The protocol core's dependencies for one account's endpoint: an API client on its endpoint
// (regional, or the custom one) sharing one clock, and Cognito's TOTP. The factory is a
// parameter only so tests can route the real requests through a recording or failing fetch;
// the engine itself is called directly (src/cognito/engine), never through a port.
import { CognitoApi } from '../../cognito/api';
import type { ServerClock } from '../../cognito/clock';
import type { EngineDeps, PoolClient } from '../../cognito/engine/types';
import { CognitoTransport, endpointFor } from '../../cognito/transport';
import { totpCode } from '../../otp/totp';

/** Builds the engine's dependencies (API client on the account's endpoint, shared clock). */
export type EngineDepsFactory = (client: PoolClient, clock: ServerClock) => EngineDeps & { api: CognitoApi };

export const cognitoEngineDeps: EngineDepsFactory = (client, clock) => ({
  api: new CognitoApi(new CognitoTransport({ endpoint: endpointFor(client.userPoolId, client.endpoint), clock })),
  clock,
  // Cognito software tokens: SHA1, 6 digits, 30 s (the engine passes server-clock time).
  totp: (secret, nowMs) => totpCode(secret, {}, nowMs),
});
