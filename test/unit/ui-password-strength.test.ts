import { describe, expect, it } from 'vitest';
import { MIN_NEW_PASSWORD_LENGTH } from '../../src/shared/password-rules';
import { estimatePasswordStrength } from '../../src/ui/password-strength';

describe('estimatePasswordStrength', () => {
  it('calls anything under the minimum length too short', () => {
    expect(estimatePasswordStrength('a'.repeat(MIN_NEW_PASSWORD_LENGTH - 1)).level).toBe('too-short');
    expect(estimatePasswordStrength('').level).toBe('too-short');
  });
  it('rates short single-class passwords weak', () => {
    expect(estimatePasswordStrength('password').level).toBe('weak');
    expect(estimatePasswordStrength('19283746').level).toBe('weak');
  });
  it('does not overrate runs and repeats', () => {
    const run = estimatePasswordStrength('abcdefghijklmnop');
    const mixed = estimatePasswordStrength('qzmxnwbvlkjrhgtp');
    expect(run.bits).toBeLessThan(mixed.bits);
    expect(estimatePasswordStrength('aaaaaaaaaaaaaaaa').level).toBe('weak');
  });
  it('rates long mixed passwords strong', () => {
    expect(estimatePasswordStrength('correct Horse battery 9 staple').level).toBe('strong');
    expect(estimatePasswordStrength('Tr0ub4dor&3x').level).toBe('fair');
  });
  it('counts characters, not UTF-16 units', () => {
    expect(estimatePasswordStrength('🔑🔑🔑🔑🔑🔑🔑').level).toBe('too-short');
  });
});
