/**
 * The ConfirmDevice secret verifier (protocol doc §3.3): a random device password, a 16-byte salt,
 * v = g^x with x built like a user's but from DeviceGroupKey and DeviceKey.
 */
import { base64Encode, bytesToBigInt, randomBytes } from '../bytes';
import { powG } from './fixed-base';
import { enc } from './group';
import { privateKeyX } from './password-claim';

export interface DeviceVerifier {
  /** base64(enc(salt)): enc, not the raw 16 bytes, because the server hands the salt back as hex
   * and the device login recomputes x from enc(int(SALT)). */
  salt: string;
  /** base64(enc(v)); the 00 sign byte keeps the server from reading v as negative. */
  passwordVerifier: string;
}

export function deviceVerifier(
  deviceGroupKey: string,
  deviceKey: string,
  devicePassword: string,
  saltBytes: Uint8Array = randomBytes(16),
): DeviceVerifier {
  const salt = bytesToBigInt(saltBytes);
  const x = privateKeyX(deviceGroupKey, deviceKey, devicePassword, salt);
  const v = powG(x);
  return { salt: base64Encode(enc(salt)), passwordVerifier: base64Encode(enc(v)) };
}

/** The device's long-term secret: base64 of 40 random bytes, as the reference clients make it. */
export function createDevicePassword(): string {
  return base64Encode(randomBytes(40));
}
