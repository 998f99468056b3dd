/**
 * RS256 JWTs signed with a per-pool RSA key (node:crypto), JWKS export, and the checks Cognito
 * applies to an access token presented in a request body.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify } from 'node:crypto';
import type { PoolRecord, SigningKey } from './store.js';
import { notAuthorized } from './errors.js';

export function newSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(24).toString('base64');
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return {
    kid,
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicJwk: { alg: 'RS256', e: jwk.e!, kid, kty: 'RSA', n: jwk.n!, use: 'sig' },
  };
}

const keyCache = new Map<string, ReturnType<typeof createPrivateKey>>();
function privateKeyOf(k: SigningKey) {
  let key = keyCache.get(k.kid);
  if (!key) {
    key = createPrivateKey(k.privatePem);
    keyCache.set(k.kid, key);
  }
  return key;
}

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

export function signJwt(key: SigningKey, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }));
  const payload = b64url(JSON.stringify(claims));
  const sig = sign('sha256', Buffer.from(`${header}.${payload}`), privateKeyOf(key));
  return `${header}.${payload}.${sig.toString('base64url')}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** Decodes without verifying; null when the string is not a JWT. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    return {
      header: JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>,
      claims: JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>,
    };
  } catch {
    return null;
  }
}

export function verifyJwtSignature(key: SigningKey, token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const pub = createPublicKey({ key: key.publicJwk, format: 'jwk' });
  return verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), pub, Buffer.from(parts[2]!, 'base64url'));
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newJti = () => randomUUID();
export const newRefreshToken = () => randomBytes(96).toString('base64url');

export interface AccessTokenClaims {
  sub: string;
  username: string;
  client_id: string;
  origin_jti: string;
  device_key?: string;
  iat: number;
  exp: number;
  iss: string;
  scope: string;
}

/**
 * Validates an AccessToken field: signature with this pool's key, token_use, expiry, revocation.
 * Messages follow Cognito ("Invalid Access Token", "Access Token has expired", "Access Token has been revoked").
 */
export function checkAccessToken(pool: PoolRecord, token: string, nowMs: number): AccessTokenClaims {
  const decoded = decodeJwt(token);
  if (!decoded || decoded.header.kid !== pool.signingKey.kid || !verifyJwtSignature(pool.signingKey, token))
    throw notAuthorized('Invalid Access Token');
  const c = decoded.claims as unknown as AccessTokenClaims & { token_use?: string };
  if (c.token_use !== 'access') throw notAuthorized('Invalid Access Token');
  if (!String(c.scope ?? '').split(' ').includes('aws.cognito.signin.user.admin'))
    throw notAuthorized('Access Token does not have required scopes');
  if (Math.floor(nowMs / 1000) >= c.exp) throw notAuthorized('Access Token has expired');
  if (pool.revokedOrigins[c.origin_jti] !== undefined) throw notAuthorized('Access Token has been revoked');
  return c;
}
