import { describe, expect, it } from 'vitest';
import { createOtpAccount, splitIssuerLabel, validateOtpAccount } from '../../src/otp/otp-account';
import { isParameterError, type OtpError } from '../../src/otp/otp-errors';

const S = 'JBSWY3DPEHPK3PXP';
const valid = { type: 'totp', issuer: 'Example', account: 'alice', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

function fieldOf(value: unknown): string {
  try {
    validateOtpAccount(value);
  } catch (error) {
    expect(isParameterError(error)).toBe(true);
    return (error as OtpError).details.field ?? "(no field)";
  }
  throw new Error('expected a parameter error');
}

describe('createOtpAccount', () => {
  it('fills in the Key Uri Format defaults', () => {
    expect(createOtpAccount({ type: 'totp', account: 'alice', secret: S })).toEqual({
      type: 'totp', issuer: '', account: 'alice', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
    });
  });

  it('normalises names and the secret', () => {
    expect(createOtpAccount({ type: 'hotp', issuer: '  ACME ', account: ' bob ', secret: 'jbsw y3dp ehpk 3pxp==', counter: 5, period: 60 })).toEqual({
      type: 'hotp', issuer: 'ACME', account: 'bob', secret: S, algorithm: 'SHA1', digits: 6, period: 30, counter: 5,
    });
  });
});

describe('validateOtpAccount', () => {
  it('accepts a valid account and returns a copy', () => {
    const out = validateOtpAccount(valid);
    expect(out).toEqual(valid);
    expect(out).not.toBe(valid);
  });

  it.each([
    [null, 'type'],
    ['otpauth://totp/x', 'type'],
    [{ ...valid, type: 'steam' }, 'type'],
    [{ ...valid, issuer: 3 }, 'issuer'],
    [{ ...valid, issuer: 'a\nb' }, 'issuer'],
    [{ ...valid, account: 'a\u0000' }, 'account'],
    [{ ...valid, account: 'bad \ud800 surrogate' }, 'account'],
    [{ ...valid, issuer: ' ', account: '' }, 'account'],
    [{ ...valid, secret: undefined }, 'secret'],
    [{ ...valid, secret: 'JBSWY3DPEHPK3' }, 'secret'],
    [{ ...valid, secret: 'JBSWY3DPEHPK3PX!' }, 'secret'],
    [{ ...valid, algorithm: 'MD5' }, 'algorithm'],
    [{ ...valid, algorithm: 'sha1' }, 'algorithm'],
    [{ ...valid, digits: 5 }, 'digits'],
    [{ ...valid, digits: '6' }, 'digits'],
    [{ ...valid, period: 0 }, 'period'],
    [{ ...valid, period: 2.5 }, 'period'],
    [{ ...valid, counter: -1 }, 'counter'],
    [{ ...valid, counter: 2 ** 53 }, 'counter'],
  ])('rejects %j (field %s)', (value, field) => {
    expect(fieldOf(value)).toBe(field);
  });

  it('keeps the secret out of its messages', () => {
    for (const secret of ['MYSECRETKEYAB1', 'MYSECRETKEYAB', 'MYSECRETKEYABCDEF']) {
      const call = () => validateOtpAccount({ ...valid, secret });
      expect(call).toThrow(expect.objectContaining({ details: { field: expect.any(String) } }));
      expect(call).not.toThrow(/MYSECRET/);
    }
  });
});

describe('splitIssuerLabel', () => {
  it('splits at the first colon and drops spaces after it', () => {
    expect(splitIssuerLabel('Example: alice')).toEqual({ issuer: 'Example', account: 'alice' });
    expect(splitIssuerLabel('a:b:c')).toEqual({ issuer: 'a', account: 'b:c' });
    expect(splitIssuerLabel('alice')).toEqual({ issuer: '', account: 'alice' });
  });

  it('lets a separately given issuer win', () => {
    expect(splitIssuerLabel('Old:alice', 'New')).toEqual({ issuer: 'New', account: 'alice' });
    expect(splitIssuerLabel('alice', 'New')).toEqual({ issuer: 'New', account: 'alice' });
  });
});
