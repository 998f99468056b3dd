// Normalises a base32 secret typed or pasted into a form. The error names the field and the
// rule, never the secret (nor the offending character, which is part of it).
import { normalizeBase32Secret } from '../../otp/base32';
import { isOtpError, type Base32ErrorCode } from '../../otp/otp-errors';
import { canonicalSecret } from '../../otp/otp-account';
import { invalid } from '../errors';

export function normalizeSecretField(field: string, text: string): string {
  try {
    // The secret rule's upper bound (src/otp/limits.ts) throws with its own code, otp-secret-too-long.
    return canonicalSecret(normalizeBase32Secret(text));
  } catch (error) {
    if (!isOtpError(error, 'base32-empty', 'base32-invalid-character', 'base32-invalid-length', 'base32-too-short')) throw error;
    const why: string = ({
      'base32-empty': 'it is empty',
      'base32-invalid-character': `character ${error.details.position ?? '?'} is not in the base32 alphabet (A-Z, 2-7)`,
      'base32-invalid-length': 'its length is not a valid base32 length',
      'base32-too-short': 'it is shorter than 80 bits (16 base32 characters)',
    } satisfies Record<Base32ErrorCode, string>)[error.code];
    throw invalid(`${field} is not a valid base32 secret: ${why}.`);
  }
}
