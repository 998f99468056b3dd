// Turning an AuthenticationResult into Tokens, and reading the canonical username from them.

import { base64urlnopad } from '@scure/base';
import { MalformedResponseError } from '../errors';
import type { Tokens } from './types';

export interface AuthenticationResultLike {
  AccessToken?: string;
  IdToken?: string;
  RefreshToken?: string;
  TokenType?: string;
  ExpiresIn?: number;
}

export function tokensFrom(operation: string, result: AuthenticationResultLike, nowMs: number): Tokens {
  if (!result.AccessToken) throw new MalformedResponseError(operation, 'AuthenticationResult.AccessToken', 'is missing');
  if (!result.IdToken) throw new MalformedResponseError(operation, 'AuthenticationResult.IdToken', 'is missing');
  const expiresIn = result.ExpiresIn ?? 3600;
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
export function canonicalUsernameOf(tokens: Pick<Tokens, 'accessToken' | 'idToken'>): string | undefined {
  const fromAccess = unverifiedClaims(tokens.accessToken)?.username;
  if (typeof fromAccess === 'string' && fromAccess) return fromAccess;
  const fromId = unverifiedClaims(tokens.idToken)?.['cognito:username'];
  return typeof fromId === 'string' && fromId ? fromId : undefined;
}
