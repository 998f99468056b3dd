// Turning an AuthenticationResult into Tokens, and reading the canonical username from them.

import { base64urlnopad } from '@scure/base';
import { malformedResponse } from '../errors';
import { isUsername } from '../validate';
import type { Tokens } from './types';

export interface AuthenticationResultLike {
  AccessToken?: string;
  IdToken?: string;
  RefreshToken?: string;
  TokenType?: string;
  ExpiresIn?: number;
}

/**
 * The lifetime a server may give tokens, in seconds. Cognito's access and ID tokens live from 5
 * minutes to 1 day (app client token validity); 1 s is the floor so a test pool can expire them
 * fast. Anything outside (1e308, a fraction, NaN) is not Cognito's answer: kept, it would be an
 * expiry the vault cannot store (Infinity is written as null) or a refresh that never comes.
 */
export const EXPIRES_IN_SECONDS = { min: 1, max: 86_400 } as const;

export function tokensFrom(operation: string, result: AuthenticationResultLike, nowMs: number): Tokens {
  if (!result.AccessToken) throw malformedResponse(operation, 'AuthenticationResult.AccessToken', 'is missing');
  if (!result.IdToken) throw malformedResponse(operation, 'AuthenticationResult.IdToken', 'is missing');
  const expiresIn = result.ExpiresIn ?? 3600;
  if (!Number.isSafeInteger(expiresIn) || expiresIn < EXPIRES_IN_SECONDS.min || expiresIn > EXPIRES_IN_SECONDS.max) {
    throw malformedResponse(operation, 'AuthenticationResult.ExpiresIn',
      `is not a whole number of seconds from ${EXPIRES_IN_SECONDS.min} to ${EXPIRES_IN_SECONDS.max}`);
  }
  const tokens: Tokens = {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    tokenType: result.TokenType ?? 'Bearer',
    expiresIn,
    expiresAt: nowMs + expiresIn * 1000,
  };
  if (result.RefreshToken) tokens.refreshToken = result.RefreshToken;
  return tokens;
}

/**
 * The claims of a JWT, NOT verified. Only used to learn the canonical username (`username`
 * claim of the access token) of tokens this client just received from Cognito over TLS; nothing
 * is authorised on the strength of it. Returns undefined for anything that is not a JWT.
 */
export function unverifiedClaims(jwt: string): Record<string, unknown> | undefined {
  const parts = jwt.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const payload = JSON.parse(new TextDecoder().decode(base64urlnopad.decode(parts[1].replace(/=+$/, ''))));
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Canonical username: `username` of the access token, else `cognito:username` of the ID token. */
/**
 * Only a name Cognito could have issued (its username rule) is taken from the unverified claims:
 * the name is stored with the device and written into the second-device otpauth URI, so a
 * server's 100 000-character claim must not get that far.
 */
export function canonicalUsernameOf(tokens: Pick<Tokens, 'accessToken' | 'idToken'>): string | undefined {
  const fromAccess = unverifiedClaims(tokens.accessToken)?.username;
  if (isUsername(fromAccess)) return fromAccess;
  const fromId = unverifiedClaims(tokens.idToken)?.['cognito:username'];
  return isUsername(fromId) ? fromId : undefined;
}


