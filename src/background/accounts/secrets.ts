// Normalises a base32 secret typed or pasted into a form. The error names the field and the
// rule, never the secret (nor the offending character, which is part of it).
import { Base32Error, normalizeBase32Secret } from '../../otp/base32';
import { canonicalSecret } from '../../otp/otp-account';
import { invalid } from '../errors';

export function normalizeSecretField(field: string, text: string): string {
  try {
    // The secret rule's upper bound (src/otp/limits.ts) throws with its own code, otp-secret-too-long.
    return canonicalSecret(normalizeBase32Secret(text));
  } catch (error) {
    if (!(error instanceof Base32Error)) throw error;
    const why = {
      'empty': 'it is empty',
      'invalid-character': `character ${error.position ?? '?'} is not in the base32 alphabet (A-Z, 2-7)`,
      'invalid-length': 'its length is not a valid base32 length',
      'too-short': 'it is shorter than 80 bits (16 base32 characters)',
    }[error.reason];
    throw invalid(`${field} is not a valid base32 secret: ${why}.`);
  }
}
