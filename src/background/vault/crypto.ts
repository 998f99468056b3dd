// The vault's cryptography, all WebCrypto (the same code runs in the service worker and in node
// tests): AES-256-GCM with a fresh random 96-bit nonce per encryption, and PBKDF2-SHA256 for the
// password slot. Keys are imported non-extractable; raw bytes exist only for the vault key,
// which must be kept in storage.session while unlocked (a CryptoKey cannot be stored there).

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

export interface Sealed {
  nonce: Uint8Array;
  /** ciphertext followed by the 16-byte GCM tag, as WebCrypto produces it */
  ciphertext: Uint8Array;
}

/** GCM authentication failed: wrong key, or nonce/ciphertext/additional data changed. */
export class AuthenticationFailed extends Error {
  override name = 'AuthenticationFailed';
  constructor() {
    super('authentication tag mismatch');
  }
}

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== KEY_BYTES) throw new RangeError(`AES-256 key must be ${KEY_BYTES} bytes, got ${raw.length}`);
  return crypto.subtle.importKey('raw', raw as BufferSource, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/** PBKDF2-SHA256(password, salt, iterations) -> a non-extractable AES-256-GCM key. */
export async function deriveKeyFromPassword(password: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  const nonce = randomBytes(NONCE_BYTES);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce as BufferSource, additionalData: aad as BufferSource, tagLength: 128 },
    key,
    plaintext as BufferSource,
  );
  return { nonce, ciphertext: new Uint8Array(ct) };
}

export async function open(key: CryptoKey, sealed: Sealed, aad: Uint8Array): Promise<Uint8Array> {
  if (sealed.nonce.length !== NONCE_BYTES) throw new AuthenticationFailed();
  if (sealed.ciphertext.length < TAG_BYTES) throw new AuthenticationFailed();
  try {
    const pt = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.nonce as BufferSource, additionalData: aad as BufferSource, tagLength: 128 },
      key,
      sealed.ciphertext as BufferSource,
    );
    return new Uint8Array(pt);
  } catch {
    // WebCrypto reports every GCM failure as an OperationError without detail.
    throw new AuthenticationFailed();
  }
}
