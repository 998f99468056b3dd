/**
 * SECRET_HASH for app clients with a client secret (protocol doc §4.1):
 * base64(HMAC-SHA256(key = clientSecret, message = username ‖ clientId)).
 * In challenge responses and refreshes `username` must be the canonical username
 * (USER_ID_FOR_SRP), not the alias typed; that choice is the caller's.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base64Encode, utf8 } from './bytes';

export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return base64Encode(hmac(sha256, utf8(clientSecret), utf8(username + clientId)));
}
