import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/cognito/secret-hash';

describe('secretHash', () => {
  it('reproduces the published vectors', () => {
    // alexrudd/cognito-srp (protocol doc §8.2)
    expect(secretHash('test', '123abd', 'clientSecret')).toBe('LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg=');
    // simonmcallister0210/cognito-srp-helper (protocol doc §8.1)
    expect(
      secretHash(
        'a2c2e290-6d0f-4a08-a5ca-f0162935f3a6',
        '18u8119jgbpr464n28s1itk2mq',
        'ps50nb7hd1umdnmlt1xa9nwiscqvdvzy5ijw63vcacd09yihc2b',
      ),
    ).toBe('QW3YkSgjkc9VNMtbTkuQflK54A6+9GS8ZiRDj0mSvPI=');
  });

  it('is HMAC-SHA256 keyed with the secret over username ‖ clientId, UTF-8', () => {
    for (const [user, client, secret] of [
      ['jürgen@example.com', 'abc123', 's3cr3t-ÄÖÜ'],
      ['用户', '7f0c', 'x'.repeat(64)],
      ['', 'client', 'secret'],
    ] as const) {
      const want = createHmac('sha256', Buffer.from(secret, 'utf8')).update(user + client, 'utf8').digest('base64');
      expect(secretHash(user, client, secret)).toBe(want);
    }
  });

  it('is standard padded base64 of 32 bytes', () => {
    expect(secretHash('u', 'c', 's')).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('changes when the username changes (alias vs canonical name)', () => {
    expect(secretHash('alias@example.com', 'c', 's')).not.toBe(secretHash('uuid-1', 'c', 's'));
  });
});
