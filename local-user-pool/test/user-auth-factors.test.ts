/**
 * USER_AUTH's first factor asked for by its own ChallengeName (PASSWORD, PASSWORD_SRP: in the
 * API's ChallengeNameType), and SELECT_CHALLENGE's SECRET_HASH with a secret client and an e-mail
 * alias (issue 7 items 12 and 14).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { call, claim, makePool, makeUser, ok, secretHash, srpA, type TestPool } from './test-helpers.js';

let pool: LocalPool;
let p: TestPool;
let secret: TestPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0 });
  const poolFields = { AliasAttributes: ['email'], Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } };
  p = await makePool(pool.endpoint, { PoolName: 'user-auth-factors', ...poolFields });
  await makeUser(pool.endpoint, p, 'nora', 'Passw0rd!', { email: 'nora@example.com', email_verified: 'true' });
  secret = await makePool(pool.endpoint, { PoolName: 'user-auth-secret', ...poolFields }, { GenerateSecret: true });
  await makeUser(pool.endpoint, secret, 'olga', 'Passw0rd!', { email: 'olga@example.com', email_verified: 'true' });
});
afterAll(() => pool.close());

describe('PASSWORD and PASSWORD_SRP as ChallengeName', () => {
  it('PREFERRED_CHALLENGE PASSWORD without PASSWORD asks with ChallengeName PASSWORD, answered {USERNAME, PASSWORD}', async () => {
    const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'nora', PREFERRED_CHALLENGE: 'PASSWORD' } });
    expect(init.ChallengeName).toBe('PASSWORD');
    expect(init.ChallengeParameters).toEqual({ USERNAME: 'nora' });
    const wrongName = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'nora' } });
    expect(wrongName.body.__type).toBe('InvalidParameterException');
    const done = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'nora', PASSWORD: 'Passw0rd!' } });
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('PREFERRED_CHALLENGE PASSWORD_SRP without SRP_A asks with ChallengeName PASSWORD_SRP, answered {USERNAME, SRP_A}', async () => {
    const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'nora@example.com', PREFERRED_CHALLENGE: 'PASSWORD_SRP' } });
    expect(init.ChallengeName).toBe('PASSWORD_SRP');
    const { helper, A } = await srpA(p.poolName);
    const verifier = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_SRP', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'nora', SRP_A: A } });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const c = await claim(helper, p.poolName, 'nora', 'Passw0rd!', verifier.ChallengeParameters);
    const done = await ok(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: p.clientId, Session: verifier.Session, ChallengeResponses: { USERNAME: 'nora', ...c } });
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('a wrong password at the PASSWORD challenge ends the sign-in as at InitiateAuth', async () => {
    const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'nora', PREFERRED_CHALLENGE: 'PASSWORD' } });
    const wrong = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'nora', PASSWORD: 'Wrong-passw0rd' } });
    expect(wrong.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});

describe('SELECT_CHALLENGE with a client secret and an e-mail alias', () => {
  const selectFor = async (typed: string) => {
    const init = await ok(pool.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_AUTH',
      ClientId: secret.clientId,
      AuthParameters: { USERNAME: typed, SECRET_HASH: secretHash(typed, secret)! },
    });
    expect(init.ChallengeName).toBe('SELECT_CHALLENGE');
    // nothing names the canonical user: the client can only send (and hash) what it typed
    expect(init.ChallengeParameters).toEqual({});
    return init.Session as string;
  };

  it('takes the hash over the USERNAME sent (the alias typed), as the client cannot know another', async () => {
    const session = await selectFor('olga@example.com');
    const next = await ok(pool.endpoint, 'RespondToAuthChallenge', {
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: secret.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: 'olga@example.com', ANSWER: 'EMAIL_OTP', SECRET_HASH: secretHash('olga@example.com', secret)! },
    });
    expect(next.ChallengeName).toBe('EMAIL_OTP');
    // from here on the canonical name is known and the hash is over it
    expect(next.ChallengeParameters.USER_ID_FOR_SRP).toBe('olga');
  });

  it('still refuses a hash over any other name', async () => {
    const session = await selectFor('olga@example.com');
    const refused = await call(pool.endpoint, 'RespondToAuthChallenge', {
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: secret.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: 'olga@example.com', ANSWER: 'EMAIL_OTP', SECRET_HASH: secretHash('someone-else', secret)! },
    });
    expect(refused.body.__type).toBe('NotAuthorizedException');
    expect(refused.body.message).toMatch(/Unable to verify secret hash/);
  });

  it('accepts the canonical name too, when that is what was typed', async () => {
    const session = await selectFor('olga');
    const next = await ok(pool.endpoint, 'RespondToAuthChallenge', {
      ChallengeName: 'SELECT_CHALLENGE',
      ClientId: secret.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: 'olga', ANSWER: 'EMAIL_OTP', SECRET_HASH: secretHash('olga', secret)! },
    });
    expect(next.ChallengeName).toBe('EMAIL_OTP');
  });
});
