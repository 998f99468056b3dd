/** MFA: MFA_SETUP with Session-authorised TOTP enrolment, SOFTWARE_TOKEN_MFA with replay refusal, OPTIONAL pools, SMS/e-mail codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsTotpCode, startLocalPool, type LocalPool } from '../src/index.js';
import { call, makePool, makeUser, ok, srpSignIn, totpNow, type TestPool } from './test-helpers.js';
import { TOTP_STEP_SECONDS } from '../src/totp.js';

let clock = Date.UTC(2025, 5, 10, 8, 0, 5);
let pool: LocalPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0, now: () => clock });
});
afterAll(() => pool.close());

const codeOf = async (poolId: string, username: string) => {
  const res = await fetch(`${pool.endpoint}_local/codes/${poolId}/${username}`);
  return ((await res.json()) as { code: string }).code;
};

describe('MFA ON with TOTP', () => {
  let p: TestPool;
  let secret = '';

  beforeAll(async () => {
    p = await makePool(pool.endpoint, { MfaConfiguration: 'OFF' }, {}, { MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } });
    await makeUser(pool.endpoint, p, 'erin', 'Passw0rd!');
  });

  it('asks for MFA_SETUP, enrols TOTP through the session chain, then issues tokens', async () => {
    const first = await signIn(p, 'erin');
    expect(first.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(first.ChallengeParameters.MFAS_CAN_SETUP)).toEqual(['SOFTWARE_TOKEN_MFA']);

    const noSession = await call(pool.endpoint, 'AssociateSoftwareToken', {});
    expect(noSession.body.__type).toBe('InvalidParameterException');
    const assoc = await ok(pool.endpoint, 'AssociateSoftwareToken', { Session: first.Session });
    secret = assoc.SecretCode;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // the old session is retired by the new one
    expect((await call(pool.endpoint, 'VerifySoftwareToken', { Session: first.Session, UserCode: totpNow(secret, clock) })).body.message).toBe('Invalid session for the user.');
    const wrong = await call(pool.endpoint, 'VerifySoftwareToken', { Session: assoc.Session, UserCode: '000000' === totpNow(secret, clock) ? '111111' : '000000' });
    expect(wrong.body).toEqual({ __type: 'EnableSoftwareTokenMFAException', message: 'Code mismatch' });
    const verified = await ok(pool.endpoint, 'VerifySoftwareToken', { Session: assoc.Session, UserCode: totpNow(secret, clock), FriendlyDeviceName: 'phone' });
    expect(verified.Status).toBe('SUCCESS');
    const done = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'MFA_SETUP', ClientId: p.clientId, Session: verified.Session, ChallengeResponses: { USERNAME: 'erin' } });
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('acceptsTotpCode tells whether the pool would take a code, and marks nothing used', async () => {
    clock += TOTP_STEP_SECONDS * 1000; // the enrolment code is spent; move to a fresh step
    const good = totpNow(secret, clock);
    expect(acceptsTotpCode(pool, p.poolId, 'erin', good)).toBe(true);
    expect(acceptsTotpCode(pool, p.poolId, 'erin', good === '123456' ? '654321' : '123456')).toBe(false);
    expect(acceptsTotpCode(pool, p.poolId, 'nobody', good)).toBe(false);
    expect(acceptsTotpCode(pool, 'eu-west-2_missing', 'erin', good)).toBe(false);
    // the same code still signs in once: the check above did not spend it
    const a = await signIn(p, 'erin');
    const answer = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: p.clientId, Session: a.Session, ChallengeResponses: { USERNAME: 'erin', SOFTWARE_TOKEN_MFA_CODE: good } });
    expect(answer.status).toBe(200);
  });

  it('then asks SOFTWARE_TOKEN_MFA; wrong code, replayed code and ±1 step are handled', async () => {
    clock += TOTP_STEP_SECONDS * 1000; // the enrolment code is spent; move to a fresh step
    const a = await signIn(p, 'erin');
    expect(a.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const respond = (session: string, code: string) =>
      call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: p.clientId, Session: session, ChallengeResponses: { USERNAME: 'erin', SOFTWARE_TOKEN_MFA_CODE: code } });
    const good = totpNow(secret, clock);
    const bad = good === '123456' ? '654321' : '123456';
    expect((await respond(a.Session, bad)).body).toEqual({ __type: 'CodeMismatchException', message: 'Invalid code received for user' });
    // same session still usable after a wrong code
    expect((await respond(a.Session, good)).status).toBe(200);

    const b = await signIn(p, 'erin');
    expect((await respond(b.Session, good)).body).toEqual({ __type: 'ExpiredCodeException', message: 'Your software token has already been used once.' });
    // the next step's code, sent 30 s early, is accepted (+1 step skew)
    expect((await respond(b.Session, totpNow(secret, clock + 30_000))).status).toBe(200);
    // two steps ahead is not
    const c = await signIn(p, 'erin');
    expect((await respond(c.Session, totpNow(secret, clock + 90_000))).body.__type).toBe('CodeMismatchException');
  });
});

describe('MFA OPTIONAL', () => {
  let p: TestPool;
  beforeAll(async () => {
    p = await makePool(pool.endpoint, { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns' } }, {}, {
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::000000000000:role/sns' } },
    });
    await makeUser(pool.endpoint, p, 'frank', 'Passw0rd!', { phone_number: '+15555550123' });
  });

  it('no MFA until the user enables a factor; AccessToken enrolment needs SetUserMFAPreference', async () => {
    const t = await signIn(p, 'frank');
    expect(t.AuthenticationResult).toBeDefined();
    const access = t.AuthenticationResult.AccessToken;
    const { SecretCode } = await ok(pool.endpoint, 'AssociateSoftwareToken', { AccessToken: access });
    await ok(pool.endpoint, 'VerifySoftwareToken', { AccessToken: access, UserCode: totpNow(SecretCode, clock) });
    expect((await signIn(p, 'frank')).AuthenticationResult).toBeDefined();
    await ok(pool.endpoint, 'SetUserMFAPreference', { AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false }, SMSMfaSettings: { Enabled: true } });
    const user = await ok(pool.endpoint, 'GetUser', { AccessToken: access });
    expect(user.UserMFASettingList.sort()).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);

    const choose = await signIn(p, 'frank');
    expect(choose.ChallengeName).toBe('SELECT_MFA_TYPE');
    expect(JSON.parse(choose.ChallengeParameters.MFAS_CAN_CHOOSE).sort()).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    const sms = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_MFA_TYPE', ClientId: p.clientId, Session: choose.Session, ChallengeResponses: { USERNAME: 'frank', ANSWER: 'SMS_MFA' } });
    expect(sms.ChallengeName).toBe('SMS_MFA');
    expect(sms.ChallengeParameters.CODE_DELIVERY_DESTINATION).toBe('+*******0123');
    const code = await codeOf(p.poolId, 'frank');
    const done = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'SMS_MFA', ClientId: p.clientId, Session: sms.Session, ChallengeResponses: { USERNAME: 'frank', SMS_MFA_CODE: code } });
    expect(done.AuthenticationResult).toBeDefined();

    await ok(pool.endpoint, 'SetUserMFAPreference', { AccessToken: access, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect((await signIn(p, 'frank')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });
});

/** SRP sign-in at the injected clock's time. */
async function signIn(p: TestPool, username: string): Promise<Record<string, any>> {
  const { formatTimestamp } = await import('../src/timestamp.js');
  const r = await srpSignIn(pool.endpoint, p, username, 'Passw0rd!', { timestamp: formatTimestamp(clock) });
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body;
}
