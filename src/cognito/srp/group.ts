/**
 * The SRP group Cognito uses and the one integer encoding it hashes with (protocol doc §2.1-2.3).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToBigInt, hexDigitsToBytes } from '../bytes';

/** RFC 3526 §4 3072-bit MODP prime (MODP group 15). */
export const N: bigint = BigInt(
  '0x' +
    'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
    'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
    'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
    '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
    'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
    '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
    'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
    'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);

/** RFC 3526's generator (not RFC 5054's g = 5 for this prime). */
export const g = 2n;

/**
 * k = H(enc(N) ‖ enc(g)). A constant, so it is written out rather than hashed at every start-up;
 * test/unit/srp-group.test.ts recomputes it from N and g.
 */
export const k = 0x538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6n;

/**
 * Minimal big-endian two's-complement bytes of a non-negative integer, i.e. Java's
 * `BigInteger.toByteArray()`: 0 → 00, 127 → 7f, 128 → 00 80, 256 → 01 00. Every integer that
 * Cognito hashes or keys an HMAC with goes through this; its variable length is what matters.
 */
export function enc(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError('enc() is only defined here for non-negative integers');
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  // A first byte >= 0x80 would read back as negative in Java, so a 00 sign byte is prepended.
  if (hex.charCodeAt(0) >= 0x38 /* '8' */) hex = '00' + hex;
  return hexDigitsToBytes(hex);
}

/** SHA-256 of the bytes, read as an unsigned big-endian integer. */
export function hashToBigInt(bytes: Uint8Array): bigint {
  return bytesToBigInt(sha256(bytes));
}
