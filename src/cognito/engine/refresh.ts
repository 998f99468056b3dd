// New access and ID tokens from a refresh token (protocol doc §5.1–5.2).
//
// GetTokensFromRefreshToken first (works with and without refresh-token rotation, takes the raw
// client secret); when the endpoint does not know that operation, InitiateAuth
// REFRESH_TOKEN_AUTH. With device tracking the confirmed device key goes along, otherwise
// Cognito rejects the token ("Invalid Refresh Token") or issues a new device.

import type { InitiateAuthRequest } from '../api-types';
import { isServiceError, malformedResponse, validationError } from '../errors';
import { secretHash } from '../secret-hash';
import { tokensFrom } from './tokens';
import type { DeviceSecret, EngineDeps, PoolClient, Tokens } from './types';

/** Exceptions meaning "this endpoint has no GetTokensFromRefreshToken". */
const OPERATION_UNSUPPORTED = new Set(['UnknownOperationException', 'UnsupportedOperationException', 'InvalidAction', 'NotImplemented']);

function isOperationUnsupported(error: unknown): boolean {
  return isServiceError(error) && OPERATION_UNSUPPORTED.has(error.exception);
}

/** What a refresh may carry besides the token itself. */
export interface RefreshOptions {
  /** The confirmed device the tokens were issued to: required where the pool tracks devices. */
  device?: Pick<DeviceSecret, 'deviceKey'>;
  /**
   * The user's username as the pool stores it (the `username` claim of the access token, not an
   * alias). Needed only for the REFRESH_TOKEN_AUTH fallback of a client with a secret, whose
   * SECRET_HASH is computed over it (protocol doc §4.1, §7 #6).
   */
  canonicalUsername?: string;
}

export async function refreshTokens(
  deps: EngineDeps,
  client: PoolClient,
  refreshToken: string,
  { device, canonicalUsername }: RefreshOptions = {},
): Promise<Tokens> {
  let result;
  let operation = 'GetTokensFromRefreshToken';
  try {
    const response = await deps.api.getTokensFromRefreshToken({
      RefreshToken: refreshToken,
      ClientId: client.clientId,
      ...(client.clientSecret ? { ClientSecret: client.clientSecret } : {}),
      ...(device ? { DeviceKey: device.deviceKey } : {}),
    });
    result = response.AuthenticationResult;
  } catch (error) {
    if (!isOperationUnsupported(error)) throw error;
    operation = 'InitiateAuth';
    const params: Record<string, string> = { REFRESH_TOKEN: refreshToken };
    if (client.clientSecret) {
      if (!canonicalUsername) {
        throw validationError('canonicalUsername', 'the canonical username (REFRESH_TOKEN_AUTH with a client secret hashes it)');
      }
      params.SECRET_HASH = secretHash(canonicalUsername, client.clientId, client.clientSecret);
    }
    if (device) params.DEVICE_KEY = device.deviceKey;
    const request: InitiateAuthRequest = { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: client.clientId, AuthParameters: params };
    const response = await deps.api.initiateAuth(request);
    if (!response.AuthenticationResult) {
      throw malformedResponse('InitiateAuth', 'AuthenticationResult', `is missing (REFRESH_TOKEN_AUTH answered ${response.ChallengeName ?? 'nothing'})`);
    }
    result = response.AuthenticationResult;
  }
  const tokens = tokensFrom(operation, result, deps.clock.now());
  // Without rotation no new refresh token comes back: the old one stays valid.
  if (!tokens.refreshToken) tokens.refreshToken = refreshToken;
  return tokens;
}
