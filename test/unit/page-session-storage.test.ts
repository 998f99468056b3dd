// planPageSession: the entries "Sign in this tab" writes for each web library (the browser suite
// test/web-apps/sign-in-this-tab.test.ts proves them against the real packages; these pin the
// details fast): key names, clockDrift unit and sign, no device keys, refusals.
import { describe, expect, it } from 'vitest';
import { DEVICE_KEYS, clockDriftFor, planPageSession, type HandoffTokens } from '../../src/background/page-session/library-storage';

const jwt = (payload: Record<string, unknown>): string =>
  ['{"alg":"none"}', JSON.stringify(payload)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.sig';

const CLIENT = 'client123';
const TOKENS: HandoffTokens = {
  accessToken: jwt({ token_use: 'access', username: 'canonical-user', client_id: CLIENT, iat: 1_700_000_000 }),
  idToken: jwt({ token_use: 'id', 'cognito:username': 'canonical-user', aud: CLIENT, iat: 1_700_000_000 }),
  refreshToken: 'opaque-refresh',
};

function entriesOf(result: ReturnType<typeof planPageSession>): Record<string, string> {
  if (!result.ok) throw new Error(result.reason);
  return Object.fromEntries(result.plan.entries);
}

describe('planPageSession', () => {
  it('Amplify v6: tokens, clockDrift in ms (server − page), signInDetails, then LastAuthUser, under the client prefix', () => {
    const result = planPageSession({ library: 'amplify-v6', clientId: CLIENT, tokens: TOKENS, loginId: 'Typed@Example.com', serverOffsetMs: 90_400 });
    expect(result.ok && result.plan.prefix).toBe(`CognitoIdentityServiceProvider.${CLIENT}.`);
    expect(result.ok && result.plan.entries.map(([key]) => key)).toEqual([
      'canonical-user.accessToken', 'canonical-user.idToken', 'canonical-user.refreshToken',
      'canonical-user.clockDrift', 'canonical-user.signInDetails', 'LastAuthUser',
    ]);
    const entries = entriesOf(result);
    expect(entries['canonical-user.clockDrift']).toBe('90400');
    expect(JSON.parse(entries['canonical-user.signInDetails']!)).toEqual({ loginId: 'Typed@Example.com', authFlowType: 'USER_SRP_AUTH' });
    expect(entries['LastAuthUser']).toBe('canonical-user');
  });

  it('amazon-cognito-identity-js: the same names, clockDrift in whole seconds (page − server), no signInDetails', () => {
    const entries = entriesOf(planPageSession({ library: 'identity-js', clientId: CLIENT, tokens: TOKENS, serverOffsetMs: 90_400 }));
    expect(Object.keys(entries)).toEqual([
      'canonical-user.accessToken', 'canonical-user.idToken', 'canonical-user.refreshToken', 'canonical-user.clockDrift', 'LastAuthUser',
    ]);
    expect(entries['canonical-user.clockDrift']).toBe('-90');
  });

  it('clockDrift is an integer string, 0 (never "-0") when the clocks agree', () => {
    expect(clockDriftFor('identity-js', 0)).toBe('0');
    expect(clockDriftFor('identity-js', 400)).toBe('0');
    expect(clockDriftFor('amplify-v6', -0.2)).toBe('0');
    expect(clockDriftFor('amplify-v6', -1500.6)).toBe('-1501');
    expect(clockDriftFor('identity-js', -1500)).toBe('2');
  });

  it('defaults signInDetails.loginId to the canonical username', () => {
    const entries = entriesOf(planPageSession({ library: 'amplify-v6', clientId: CLIENT, tokens: TOKENS }));
    expect(JSON.parse(entries['canonical-user.signInDetails']!).loginId).toBe('canonical-user');
    expect(entries['canonical-user.clockDrift']).toBe('0');
  });

  it('writes no refresh token when none is given (device-bound sessions)', () => {
    for (const library of ['amplify-v6', 'identity-js'] as const) {
      const entries = entriesOf(planPageSession({ library, clientId: CLIENT, tokens: { accessToken: TOKENS.accessToken, idToken: TOKENS.idToken } }));
      expect(Object.keys(entries).some((key) => key.endsWith('.refreshToken'))).toBe(false);
    }
  });

  it('never writes a device key, and removes this user\'s stale ones and any sign-in in progress', () => {
    for (const library of ['amplify-v6', 'identity-js'] as const) {
      const result = planPageSession({ library, clientId: CLIENT, tokens: TOKENS });
      if (!result.ok) throw new Error(result.reason);
      expect(result.plan.entries.filter(([key]) => DEVICE_KEYS.some((name) => key.endsWith(`.${name}`)))).toEqual([]);
      expect(result.plan.signInStatePrefix).toBe('CognitoSignInState.');
      expect(result.plan.sessionKeys).not.toEqual(expect.arrayContaining(['deviceKey']));
    }
  });

  it('refuses tokens of another app client, and tokens without a username', () => {
    expect(planPageSession({ library: 'amplify-v6', clientId: 'other-client', tokens: TOKENS })).toEqual({ ok: false, reason: 'other-app-client' });
    const anonymous = { accessToken: jwt({ client_id: CLIENT }), idToken: jwt({}) };
    expect(planPageSession({ library: 'identity-js', clientId: CLIENT, tokens: anonymous })).toEqual({ ok: false, reason: 'no-username' });
  });
});
