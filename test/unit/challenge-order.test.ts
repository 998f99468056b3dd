// The engine's one table of which challenge may follow which step (src/cognito/engine/challenge-order.ts),
// checked against the handlers it gates and the API's ChallengeNameType, so a challenge added to
// one place and not the other is noticed.
import { describe, expect, it } from 'vitest';
import { CHALLENGE_HANDLERS } from '../../src/cognito/engine';
import { challengesAfter } from '../../src/cognito/engine/challenge-order';
import type { SignInRequest } from '../../src/cognito/engine/types';
import { CHALLENGE_NAMES } from '../../src/cognito/validate';

const base: SignInRequest = {
  client: { userPoolId: 'eu-west-2_AbC123', clientId: 'client1' },
  username: 'alice',
  policy: { autoAnswer: true, rememberDevice: true, deviceName: 'test' },
};
const flows: SignInRequest[] = [
  { ...base },
  { ...base, flow: 'USER_PASSWORD_AUTH' },
  { ...base, flow: 'CUSTOM_AUTH' },
  { ...base, flow: 'CUSTOM_AUTH_SRP' },
  { ...base, flow: 'USER_AUTH' },
];
const handled = CHALLENGE_HANDLERS.map((h) => h.challenge);

/** Every challenge reachable from any start, walking the table with every answer a handler can send. */
function reachable(holdsDevice: boolean): Set<string> {
  const seen = new Set<string>();
  const sentFor = (name: string): Record<string, string>[] => {
    if (name === 'SELECT_CHALLENGE') return ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP'].map((ANSWER) => ({ ANSWER }));
    if (name === 'SELECT_MFA_TYPE') return ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'].map((ANSWER) => ({ ANSWER }));
    if (name === 'MFA_SETUP') return [{}, { EMAIL: 'a@example.com' }];
    return [{}];
  };
  const starts: [SignInRequest, Record<string, string>][] = flows.map((r) => [r, {}]);
  for (const preferred of ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP']) {
    const r = { ...base, flow: 'USER_AUTH' as const, preferredChallenge: preferred };
    starts.push([r, { PREFERRED_CHALLENGE: preferred }], [r, { PREFERRED_CHALLENGE: preferred, PASSWORD: 'x', SRP_A: 'a' }]);
  }
  for (const [r, sent] of starts) {
    const queue = challengesAfter(r, undefined, sent, holdsDevice);
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (seen.has(`${r.flow}:${name}`)) continue;
      seen.add(`${r.flow}:${name}`);
      for (const s of sentFor(name)) queue.push(...challengesAfter(r, name, s, holdsDevice));
    }
  }
  return new Set([...seen].map((k) => k.split(':')[1]!));
}

describe('which challenge may follow which step', () => {
  it('every challenge the table allows has a handler, and is in the API enum', () => {
    const all = reachable(true);
    expect([...all].filter((c) => !handled.includes(c))).toEqual([]);
    expect([...all].filter((c) => !(CHALLENGE_NAMES as readonly string[]).includes(c))).toEqual([]);
  });

  it('every handled challenge can be reached, except those that are always refused', () => {
    const all = reachable(true);
    expect(handled.filter((c) => !all.has(c)).sort()).toEqual(['ADMIN_NO_SRP_AUTH', 'WEB_AUTHN']);
  });

  it('without a held device the device challenges are never expected', () => {
    const all = reachable(false);
    expect(all.has('DEVICE_SRP_AUTH')).toBe(false);
    expect(all.has('DEVICE_PASSWORD_VERIFIER')).toBe(false);
  });

  it('SRP sign-ins never lead to a challenge that takes the plaintext password', () => {
    for (const flow of ['USER_SRP_AUTH', 'CUSTOM_AUTH_SRP'] as const) {
      const r = { ...base, flow };
      expect(challengesAfter(r, undefined, {}, true)).not.toContain('SELECT_CHALLENGE');
      expect(challengesAfter(r, undefined, {}, true)).not.toContain('PASSWORD');
    }
    expect(challengesAfter({ ...base, flow: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' }, undefined, { PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: 'a' }, true)).not.toContain('PASSWORD');
  });

  it('a TOTP code is only asked for after a verified first factor or after choosing it', () => {
    for (const r of flows) expect(challengesAfter(r, undefined, {}, true).includes('SOFTWARE_TOKEN_MFA')).toBe(r.flow === 'USER_PASSWORD_AUTH');
    expect(challengesAfter(base, 'SELECT_MFA_TYPE', { ANSWER: 'SMS_MFA' }, true)).toEqual(['SMS_MFA']);
    expect(challengesAfter(base, 'SOFTWARE_TOKEN_MFA', {}, true)).toEqual(['DEVICE_SRP_AUTH']);
  });

  it('USER_AUTH with a preference the engine has no row for still accepts the menu (SELECT_CHALLENGE)', () => {
    expect(challengesAfter({ ...base, flow: 'USER_AUTH', preferredChallenge: 'SOMETHING_NEW' }, undefined, { PREFERRED_CHALLENGE: 'SOMETHING_NEW' }, false)).toEqual(['SELECT_CHALLENGE']);
  });

  it('a key that is no step (e.g. __proto__) allows nothing', () => {
    expect(challengesAfter(base, '__proto__', {}, true)).toEqual([]);
    expect(challengesAfter(base, 'constructor', {}, true)).toEqual([]);
  });
});
