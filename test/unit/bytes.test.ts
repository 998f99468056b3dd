/** The core's own byte helpers (src/cognito/bytes.ts): the conversions SRP's hashing depends on, against node's Buffer. */
import { describe, expect, it } from 'vitest';
import { bytesToBigInt, concat, hexDigitsToBytes, randomBytes, utf8 } from '../../src/cognito/bytes';

describe('src/cognito/bytes', () => {
  it('bytesToBigInt reads unsigned big-endian bytes, leading zero bytes and low nibbles included', () => {
    expect(bytesToBigInt(new Uint8Array())).toBe(0n);
    expect(bytesToBigInt(Uint8Array.of(0x00, 0x0f, 0x10, 0xff))).toBe(0x0f10ffn);
    const bytes = new Uint8Array(Buffer.from('00a1b2c3d4e5f60708090a0b0c0d0e0f', 'hex'));
    expect(bytesToBigInt(bytes)).toBe(BigInt('0x' + Buffer.from(bytes).toString('hex')));
  });

  it('hexDigitsToBytes pads an odd digit count with one nibble and refuses what is not hex', () => {
    expect([...hexDigitsToBytes('abc')]).toEqual([0x0a, 0xbc]);
    expect([...hexDigitsToBytes('00FF10')]).toEqual([0x00, 0xff, 0x10]);
    expect([...hexDigitsToBytes('')]).toEqual([]);
    for (const bad of ['xy', '0x12', '12 ', '-1']) {
      expect(() => hexDigitsToBytes(bad), bad).toThrow(expect.objectContaining({ code: 'srp-parameter' }));
    }
  });

  it('utf8 and concat give the bytes Buffer gives', () => {
    const text = 'Grüße, 名前 🙂';
    expect([...utf8(text)]).toEqual([...Buffer.from(text, 'utf8')]);
    expect([...concat(Uint8Array.of(1), new Uint8Array(), Uint8Array.of(2, 3))]).toEqual([1, 2, 3]);
  });

  it('randomBytes gives the length asked for, fresh each time', () => {
    expect(randomBytes(16)).toHaveLength(16);
    expect(Buffer.from(randomBytes(16)).equals(Buffer.from(randomBytes(16)))).toBe(false);
  });
});
