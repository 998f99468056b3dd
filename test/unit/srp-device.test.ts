/** ConfirmDevice material: the device password and the default random salt. */
import { describe, expect, it } from 'vitest';
import { createDevicePassword, deviceVerifier } from '../../src/cognito/srp/device-verifier';
import { base64Decode } from '../../src/cognito/bytes';

describe('createDevicePassword', () => {
  it('is base64 of 40 fresh random bytes', () => {
    const a = createDevicePassword();
    expect(a).toMatch(/^[A-Za-z0-9+/]{54}==$/);
    expect(base64Decode(a)).toHaveLength(40);
    expect(createDevicePassword()).not.toBe(a);
  });
});

describe('deviceVerifier', () => {
  it('draws a fresh 16-byte salt when none is given', () => {
    const one = deviceVerifier('-abcQ', 'us-east-1_0000', 'pw');
    const two = deviceVerifier('-abcQ', 'us-east-1_0000', 'pw');
    expect(one.salt).not.toBe(two.salt);
    expect(one.passwordVerifier).not.toBe(two.passwordVerifier);
    // enc() of a 16-byte number: 15-17 bytes (a leading zero byte dropped, or a sign byte added).
    expect(base64Decode(one.salt).length).toBeGreaterThanOrEqual(14);
    expect(base64Decode(one.salt).length).toBeLessThanOrEqual(17);
  });

  it('depends on every input', () => {
    const salt = new Uint8Array(16).fill(7);
    const base = deviceVerifier('-abcQ', 'us-east-1_0000', 'pw', salt);
    expect(deviceVerifier('-abcQ', 'us-east-1_0000', 'pw', salt)).toEqual(base);
    expect(deviceVerifier('-abcR', 'us-east-1_0000', 'pw', salt).passwordVerifier).not.toBe(base.passwordVerifier);
    expect(deviceVerifier('-abcQ', 'us-east-1_0001', 'pw', salt).passwordVerifier).not.toBe(base.passwordVerifier);
    expect(deviceVerifier('-abcQ', 'us-east-1_0000', 'pX', salt).passwordVerifier).not.toBe(base.passwordVerifier);
    // Group key and device key are concatenated without a separator, as the reference does, so
    // moving a character across the boundary gives the same verifier: that is the protocol.
    expect(deviceVerifier('-abc', 'Qus-east-1_0000', 'pw', salt)).toEqual(base);
  });
});
