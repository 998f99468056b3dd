/** Each SRP safety check throws an AppError `srp-parameter` with its own reason, with its own message and no secrets. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/cognito/errors';
import { srpParameterError, type SrpParameterReason } from '../../src/cognito/srp/errors';
import { N } from '../../src/cognito/srp/group';
import { ephemeralFromSecret } from '../../src/cognito/srp/ephemeral';
import { passwordClaimSignature, requireNonZeroU, type PasswordClaimInput } from '../../src/cognito/srp/password-claim';
import { base64Decode, hexToBigInt } from '../../src/cognito/bytes';

const PASSWORD = 'correct horse battery staple';
const valid: PasswordClaimInput = {
  poolName: 'eYpv1mFHB',
  userId: 'a2c2e290-6d0f-4a08-a5ca-f0162935f3a6',
  password: PASSWORD,
  ephemeral: ephemeralFromSecret(0xabcdef0123456789n),
  srpB: 'bc071b539bfaa44b26a4f4a917dcc4b90291f3fea737baa555c0dfc792f1',
  saltHex: 'baf4431cdaa37c04c0d655a99f5e9b9b',
  secretBlock: 'c2VjcmV0c3NlY3Jlc3Rzc2VjcmV0cw==',
  timestamp: 'Tue Feb 1 03:04:05 UTC 2000',
};

function reasonOf(run: () => unknown): SrpParameterReason {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('srp-parameter');
    expect(err.message).not.toContain(PASSWORD);
    return err.details.srpReason!;
  }
  throw new Error('expected an srp-parameter error, nothing was thrown');
}

const claim = (patch: Partial<PasswordClaimInput>) => () => passwordClaimSignature({ ...valid, ...patch });

describe('passwordClaimSignature refuses unusable server values', () => {
  it('accepts the valid baseline (so the cases below fail for the reason they name)', () => {
    expect(passwordClaimSignature(valid)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it.each([
    ['empty SRP_B', '', 'B_NOT_HEX'],
    ['SRP_B with a non-hex letter', 'abcg', 'B_NOT_HEX'],
    ['SRP_B with a 0x prefix', '0x1234', 'B_NOT_HEX'],
    ['SRP_B with surrounding whitespace', ' 1234 ', 'B_NOT_HEX'],
    ['SRP_B with a sign', '-1234', 'B_NOT_HEX'],
    ['SRP_B = 0', '0', 'B_ZERO'],
    ['SRP_B = 0 written with leading zeros', '0000', 'B_ZERO'],
    ['SRP_B = N', N.toString(16), 'B_MULTIPLE_OF_N'],
    ['SRP_B = 2N', (2n * N).toString(16), 'B_MULTIPLE_OF_N'],
    ['SRP_B = N + 1', (N + 1n).toString(16), 'B_NOT_BELOW_N'],
    ['SRP_B = 2^3072', (1n << 3072n).toString(16), 'B_NOT_BELOW_N'],
  ] as const)('%s → %s', (_label, srpB, reason) => {
    expect(reasonOf(claim({ srpB }))).toBe(reason);
  });

  it('accepts SRP_B = N - 1 and upper-case hex', () => {
    expect(() => passwordClaimSignature({ ...valid, srpB: (N - 1n).toString(16) })).not.toThrow();
    expect(passwordClaimSignature({ ...valid, srpB: valid.srpB.toUpperCase() })).toBe(passwordClaimSignature(valid));
  });

  it.each([
    ['empty SALT', ''],
    ['SALT with a non-hex letter', 'baf4431cdaa37c04c0d655a99f5e9bzz'],
    ['SALT with a space', 'baf4 431c'],
  ])('%s → SALT_NOT_HEX', (_label, saltHex) => {
    expect(reasonOf(claim({ saltHex }))).toBe('SALT_NOT_HEX');
  });

  it('empty SECRET_BLOCK → SECRET_BLOCK_EMPTY', () => {
    expect(reasonOf(claim({ secretBlock: '' }))).toBe('SECRET_BLOCK_EMPTY');
  });

  it.each([
    ['missing padding', 'c2VjcmV0c3NlY3Jlc3Rzc2VjcmV0cw'],
    ['URL-safe alphabet', 'ab-_'],
    ['a character outside base64', 'c2Vj*mV0'],
    ['embedded whitespace', 'c2Vj cmV0'],
    ['excess padding', 'YQ==='],
  ])('SECRET_BLOCK with %s → SECRET_BLOCK_NOT_BASE64', (_label, secretBlock) => {
    expect(reasonOf(claim({ secretBlock }))).toBe('SECRET_BLOCK_NOT_BASE64');
  });

  it('u = 0 → U_ZERO (no SHA-256 preimage of 0 is known, so the guard is tested directly)', () => {
    expect(reasonOf(() => requireNonZeroU(0n))).toBe('U_ZERO');
    expect(requireNonZeroU(1n)).toBe(1n);
  });

  it('checks B before the salt and the salt before the secret block', () => {
    expect(reasonOf(claim({ srpB: 'x', saltHex: 'y', secretBlock: '!' }))).toBe('B_NOT_HEX');
    expect(reasonOf(claim({ saltHex: 'y', secretBlock: '!' }))).toBe('SALT_NOT_HEX');
  });
});

describe('byte helpers use their own reasons', () => {
  it('hexToBigInt → HEX_INVALID, base64Decode → BASE64_INVALID', () => {
    expect(reasonOf(() => hexToBigInt('not hex'))).toBe('HEX_INVALID');
    expect(reasonOf(() => hexToBigInt(''))).toBe('HEX_INVALID');
    expect(reasonOf(() => base64Decode('@@@@'))).toBe('BASE64_INVALID');
    expect(hexToBigInt('00FF')).toBe(255n);
  });
});

describe('messages', () => {
  it('are distinct for every reason and say what was wrong', () => {
    const reasons: SrpParameterReason[] = [
      'HEX_INVALID',
      'B_NOT_HEX',
      'B_ZERO',
      'B_MULTIPLE_OF_N',
      'B_NOT_BELOW_N',
      'SALT_NOT_HEX',
      'U_ZERO',
      'SECRET_BLOCK_EMPTY',
      'SECRET_BLOCK_NOT_BASE64',
      'BASE64_INVALID',
    ];
    const messages = reasons.map((r) => srpParameterError(r).message);
    expect(new Set(messages).size).toBe(reasons.length);
    for (const m of messages) expect(m.length).toBeGreaterThan(20);
  });
});
