import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/cognito/errors';
import { BASE32_ERROR_CODES, isOtpError } from '../../src/otp/otp-errors';
import { decodeBase32, encodeBase32, normalizeBase32Secret } from '../../src/otp/base32';

const HELLO = Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]); // Key Uri Format example

function reasonOf(fn: () => unknown): { reason: string; position?: number; message: string } {
  try {
    fn();
  } catch (error) {
    expect(isOtpError(error, ...BASE32_ERROR_CODES)).toBe(true);
    const e = error as AppError<string>;
    return { reason: e.code.replace(/^base32-/, ''), ...(e.details.position !== undefined ? { position: e.details.position } : {}), message: e.message };
  }
  throw new Error('expected a base32 error');
}

describe('decodeBase32', () => {
  it('decodes the Key Uri Format example', () => {
    expect(decodeBase32('JBSWY3DPEHPK3PXP')).toEqual(HELLO);
  });

  it('accepts lowercase, spaces and padding (present or not)', () => {
    for (const text of ['jbswy3dpehpk3pxp', 'JBSW Y3DP EHPK 3PXP', ' jbsw y3dp ehpk 3pxp ', 'JBSWY3DPEHPK3PXP']) {
      expect(decodeBase32(text)).toEqual(HELLO);
    }
    const eleven = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const padded = encodeBase32(eleven, { padding: true });
    expect(padded).toMatch(/=+$/);
    expect(decodeBase32(padded)).toEqual(eleven);
    expect(decodeBase32(padded.replace(/=+$/, ''))).toEqual(eleven);
    expect(decodeBase32(padded.toLowerCase())).toEqual(eleven);
  });

  it('RFC 4648 §10 vectors (with the length check lowered to allow them)', () => {
    const vectors: [string, string][] = [
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(new TextDecoder().decode(decodeBase32(encoded, 0))).toBe(plain);
      expect(encodeBase32(new TextEncoder().encode(plain), { padding: true })).toBe(encoded);
      expect(encodeBase32(new TextEncoder().encode(plain))).toBe(encoded.replace(/=+$/, ''));
    }
  });

  it('names a foreign character and its position (counting spaces)', () => {
    expect(reasonOf(() => decodeBase32('JBSWY3DPEHPK3PX1'))).toMatchObject({ reason: 'invalid-character', position: 16 });
    expect(reasonOf(() => decodeBase32('JBSWY3DPEHPK3PX1')).message).toContain('"1"');
    expect(reasonOf(() => decodeBase32('JBSW Y3D0 EHPK 3PXP'))).toMatchObject({ reason: 'invalid-character', position: 9 });
    expect(reasonOf(() => decodeBase32('JBSW-Y3DP-EHPK-3PXP'))).toMatchObject({ reason: 'invalid-character', position: 5 });
    // Letters outside ASCII that upper-case to A-Z are still foreign.
    expect(reasonOf(() => decodeBase32('JBSWY3DPEHPK3PXıı'))).toMatchObject({ reason: 'invalid-character', position: 16 });
    // Invisible characters are shown by code point.
    expect(reasonOf(() => decodeBase32('JBSWY3DPEHPK3PXP\t')).message).toContain('U+0009');
    expect(reasonOf(() => decodeBase32('JBSWY3DP\u200bEHPK3PXP')).message).toContain('U+200B');
  });

  it('only allows padding at the end', () => {
    expect(reasonOf(() => decodeBase32('JBSWY3DP=EHPK3PXP'))).toMatchObject({ reason: 'invalid-character', position: 9 });
  });

  it('rejects empty input', () => {
    for (const text of ['', '   ', '====']) expect(reasonOf(() => decodeBase32(text)).reason).toBe('empty');
  });

  it('rejects lengths no byte string can have', () => {
    for (const text of ['JBSWY3DPE', 'JBSWY3DPEHP', 'JBSWY3DPEHPK3P']) {
      expect(reasonOf(() => decodeBase32(text)).reason).toBe('invalid-length');
    }
  });

  it('rejects secrets under 80 bits', () => {
    expect(reasonOf(() => decodeBase32('JBSWY3DPEHPK3'))).toMatchObject({ reason: 'too-short' });
    expect(reasonOf(() => decodeBase32('JBSWY3DPEHPK3')).message).toContain('64 bits');
    expect(decodeBase32('JBSWY3DPEHPK3PXP')).toHaveLength(10); // exactly 80 bits is enough
  });

  it('ignores unused trailing bits as authenticator apps do', () => {
    // 26 characters = 130 bits: the last 2 bits are unused. 'GY' and 'G3' differ only there.
    const a = 'GEZDGNBVGY3TQOJQGEZDGNBVGY';
    const b = 'GEZDGNBVGY3TQOJQGEZDGNBVG3';
    expect(decodeBase32(b)).toEqual(decodeBase32(a));
    expect(normalizeBase32Secret(b)).toBe(a);
  });

  it('never puts the secret in an error message', () => {
    const secret = 'SUPERSECRETVALUEX';
    for (const bad of [`${secret}1`, `${secret}=A`, secret.slice(0, 9)]) {
      const { message } = reasonOf(() => decodeBase32(bad));
      expect(message).not.toContain(secret.slice(0, 9));
    }
  });
});

describe('round trips', () => {
  it('decode(encode(bytes)) = bytes, with and without padding, in any case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 100 }), fc.boolean(), (bytes, padding) => {
        const text = encodeBase32(bytes, { padding });
        expect(text).toMatch(padding ? /^[A-Z2-7]+=*$/ : /^[A-Z2-7]+$/);
        expect(decodeBase32(text)).toEqual(bytes);
        expect(decodeBase32(text.toLowerCase())).toEqual(bytes);
        expect(normalizeBase32Secret(text)).toBe(encodeBase32(bytes));
      }),
    );
  });

  it('normalisation is idempotent on any accepted text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z2-7 ]{16,60}$/), (text) => {
        let canonical: string;
        try {
          canonical = normalizeBase32Secret(text);
        } catch (error) {
          expect(isOtpError(error, ...BASE32_ERROR_CODES)).toBe(true);
          return;
        }
        expect(normalizeBase32Secret(canonical)).toBe(canonical);
        expect(decodeBase32(canonical)).toEqual(decodeBase32(text));
      }),
    );
  });
});
