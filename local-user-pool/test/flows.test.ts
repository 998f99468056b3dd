/** Other flows: NEW_PASSWORD_REQUIRED, custom auth with the example triggers, USER_AUTH, sign-up, user states, admin auth. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { call, claim, decodeClaims, makePool, makeUser, ok, srpA, srpSignIn, type TestPool } from './test-helpers.js';

const triggersDir = fileURLToPath(new URL('../src/example-triggers', import.meta.url));
let pool: LocalPool;
let p: TestPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0, triggersDir });
  p = await makePool(pool.endpoint, {
    PoolName: 'custom-auth-demo',
    AutoVerifiedAttributes: ['email'],
    Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true }],
    Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
  });
});
afterAll(() => pool.close());

const codeOf = async (username: string) => ((await (await fetch(`${pool.endpoint}_local/codes/${p.poolId}/${username}`)).json()) as { code: string }).code;

describe('NEW_PASSWORD_REQUIRED', () => {
  it('a temporary password leads to NEW_PASSWORD_REQUIRED with the required attributes', async () => {
    await ok(pool.endpoint, 'AdminCreateUser', { UserPoolId: p.poolId, Username: 'jack', TemporaryPassword: 'Temp0rary!' }, true);
    const r = await srpSignIn(pool.endpoint, p, 'jack', 'Temp0rary!');
    expect(r.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(JSON.parse(r.body.ChallengeParameters.requiredAttributes)).toEqual(['userAttributes.email']);
    const respond = (resp: Record<string, string>) =>
      call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: p.clientId, Session: r.body.Session, ChallengeResponses: { USERNAME: 'jack', ...resp } });
    expect((await respond({ NEW_PASSWORD: 'N3w-Passw0rd' })).body.message).toBe('Invalid attributes given, email is missing');
    expect((await respond({ NEW_PASSWORD: 'short', 'userAttributes.email': 'j@example.com' })).body.__type).toBe('InvalidPasswordException');
    const done = await respond({ NEW_PASSWORD: 'N3w-Passw0rd', 'userAttributes.email': 'j@example.com' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await srpSignIn(pool.endpoint, p, 'jack', 'N3w-Passw0rd')).status).toBe(200);
    expect((await ok(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: 'jack' }, true)).UserStatus).toBe('CONFIRMED');
  });
});

describe('CUSTOM_AUTH with the example triggers', () => {
  beforeAll(() => makeUser(pool.endpoint, p, 'kate', 'Passw0rd!', { email: 'kate@example.com', phone_number: '+15555550100' }));

  it('runs define/create/verify, passes clientMetadata, applies pre-token-generation', async () => {
    const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'kate' }, ClientMetadata: { magic: 'xyzzy' } });
    expect(init.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(init.ChallengeParameters).toMatchObject({ hint: '5 letters', USERNAME: 'kate' });
    const wrong = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'CUSTOM_CHALLENGE', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'kate', ANSWER: 'plugh' }, ClientMetadata: { magic: 'xyzzy' } });
    expect(wrong.ChallengeName).toBe('CUSTOM_CHALLENGE');
    expect(wrong.ChallengeParameters.attempt).toBe('2');
    const right = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'CUSTOM_CHALLENGE', ClientId: p.clientId, Session: wrong.Session, ChallengeResponses: { USERNAME: 'kate', ANSWER: 'xyzzy' }, ClientMetadata: { magic: 'xyzzy' } });
    const id = decodeClaims(right.AuthenticationResult.IdToken);
    expect(id['custom:signed_in_via']).toBe('TokenGeneration_Authentication');
    expect(id.phone_number).toBeUndefined();
  });

  it('fails after three wrong answers', async () => {
    let r = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'kate' } });
    for (let i = 0; i < 2; i++)
      r = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'CUSTOM_CHALLENGE', ClientId: p.clientId, Session: r.Session, ChallengeResponses: { USERNAME: 'kate', ANSWER: 'no' } });
    const last = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'CUSTOM_CHALLENGE', ClientId: p.clientId, Session: r.Session, ChallengeResponses: { USERNAME: 'kate', ANSWER: 'no' } });
    expect(last.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('CHALLENGE_NAME = SRP_A runs PASSWORD_VERIFIER before the custom challenge', async () => {
    const { helper, A } = await srpA(p.poolName);
    const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'kate', SRP_A: A, CHALLENGE_NAME: 'SRP_A' } });
    expect(init.ChallengeName).toBe('PASSWORD_VERIFIER');
    const c = await claim(helper, p.poolName, 'kate', 'Passw0rd!', init.ChallengeParameters);
    const next = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'kate', ...c } });
    expect(next.ChallengeName).toBe('CUSTOM_CHALLENGE');
  });
});

describe('USER_AUTH', () => {
  beforeAll(() => makeUser(pool.endpoint, p, 'liam', 'Passw0rd!', { email: 'liam@example.com', email_verified: 'true' }));

  it('offers SELECT_CHALLENGE, then EMAIL_OTP with the code from /_local/codes', async () => {
    const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'liam' } });
    expect(init.ChallengeName).toBe('SELECT_CHALLENGE');
    expect(init.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP']);
    const web = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'liam', ANSWER: 'WEB_AUTHN' } });
    expect(web.body.message).toMatch(/WEB_AUTHN is not supported/);
    const otp = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'SELECT_CHALLENGE', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'liam', ANSWER: 'EMAIL_OTP' } });
    expect(otp.ChallengeName).toBe('EMAIL_OTP');
    expect(otp.ChallengeParameters.CODE_DELIVERY_DESTINATION).toBe('l***@e***');
    const done = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'EMAIL_OTP', ClientId: p.clientId, Session: otp.Session, ChallengeResponses: { USERNAME: 'liam', EMAIL_OTP_CODE: await codeOf('liam') } });
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('PREFERRED_CHALLENGE = PASSWORD signs in directly', async () => {
    const r = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'liam', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Passw0rd!' } });
    expect(r.AuthenticationResult).toBeDefined();
  });
});

describe('sign-up and user states', () => {
  it('SignUp → UserNotConfirmed → ConfirmSignUp (code) → USER_AUTH with the returned Session', async () => {
    const su = await ok(pool.endpoint, 'SignUp', { ClientId: p.clientId, Username: 'mia', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'mia@example.com' }] });
    expect(su.UserConfirmed).toBe(false);
    expect(su.CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
    expect((await srpSignIn(pool.endpoint, p, 'mia', 'Passw0rd!')).body).toEqual({ __type: 'UserNotConfirmedException', message: 'User is not confirmed.' });
    expect((await call(pool.endpoint, 'ConfirmSignUp', { ClientId: p.clientId, Username: 'mia', ConfirmationCode: '000000x' })).body.__type).toBe('CodeMismatchException');
    const conf = await ok(pool.endpoint, 'ConfirmSignUp', { ClientId: p.clientId, Username: 'mia', ConfirmationCode: await codeOf('mia') });
    const r = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'mia' }, Session: conf.Session });
    expect(r.AuthenticationResult).toBeDefined();
  });

  it('PasswordResetRequired and disabled users', async () => {
    await makeUser(pool.endpoint, p, 'ned', 'Passw0rd!', { email: 'ned@example.com' });
    await ok(pool.endpoint, 'AdminResetUserPassword', { UserPoolId: p.poolId, Username: 'ned' }, true);
    expect((await srpSignIn(pool.endpoint, p, 'ned', 'Passw0rd!')).body.__type).toBe('PasswordResetRequiredException');
    await ok(pool.endpoint, 'AdminSetUserPassword', { UserPoolId: p.poolId, Username: 'ned', Password: 'Passw0rd!', Permanent: true }, true);
    await ok(pool.endpoint, 'AdminDisableUser', { UserPoolId: p.poolId, Username: 'ned' }, true);
    expect((await srpSignIn(pool.endpoint, p, 'ned', 'Passw0rd!')).body.message).toBe('User is disabled.');
  });

  it('ChangePassword checks the old password', async () => {
    await makeUser(pool.endpoint, p, 'olga', 'Passw0rd!', { email: 'olga@example.com' });
    const t = (await srpSignIn(pool.endpoint, p, 'olga', 'Passw0rd!')).body.AuthenticationResult;
    expect((await call(pool.endpoint, 'ChangePassword', { AccessToken: t.AccessToken, PreviousPassword: 'nope', ProposedPassword: 'Passw0rd!2' })).body.__type).toBe('NotAuthorizedException');
    await ok(pool.endpoint, 'ChangePassword', { AccessToken: t.AccessToken, PreviousPassword: 'Passw0rd!', ProposedPassword: 'Passw0rd!2' });
    expect((await srpSignIn(pool.endpoint, p, 'olga', 'Passw0rd!2')).status).toBe(200);
  });
});

describe('admin auth', () => {
  it('AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH and ADMIN_USER_SRP_AUTH', async () => {
    await makeUser(pool.endpoint, p, 'pete', 'Passw0rd!', { email: 'pete@example.com' });
    const r = await ok(pool.endpoint, 'AdminInitiateAuth', { UserPoolId: p.poolId, ClientId: p.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'pete', PASSWORD: 'Passw0rd!' } }, true);
    expect(r.AuthenticationResult).toBeDefined();
    const { helper, A } = await srpA(p.poolName);
    const init = await ok(pool.endpoint, 'AdminInitiateAuth', { UserPoolId: p.poolId, ClientId: p.clientId, AuthFlow: 'ADMIN_USER_SRP_AUTH', AuthParameters: { USERNAME: 'pete', SRP_A: A } }, true);
    const c = await claim(helper, p.poolName, 'pete', 'Passw0rd!', init.ChallengeParameters);
    const done = await ok(pool.endpoint, 'AdminRespondToAuthChallenge', { UserPoolId: p.poolId, ClientId: p.clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: init.Session, ChallengeResponses: { USERNAME: 'pete', ...c } }, true);
    expect(done.AuthenticationResult).toBeDefined();
    // an admin session is not usable through the public operation
    expect((await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'ADMIN_NO_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'pete', PASSWORD: 'x' } })).body.message).toBe('Initiate Auth method not supported.');
  });

  it('ListUsers filters', async () => {
    const r = await ok(pool.endpoint, 'ListUsers', { UserPoolId: p.poolId, Filter: 'email = "pete@example.com"' }, true);
    expect(r.Users.map((u: { Username: string }) => u.Username)).toEqual(['pete']);
  });
});
