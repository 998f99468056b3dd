/** SRP sign-in checked for real: vectors, signatures, TIMESTAMP rules, timing, sessions, SECRET_HASH, aliases. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { call, claim, makePool, makeUser, ok, secretHash, srpA, srpSignIn, type TestPool } from './test-helpers.js';
import { randomBytes } from 'node:crypto';
import { enc, expectedClaimSignature, k, modPow, modPowN, N, g, bytesToBigInt, sha256, derivePasswordKey, computeX, serverHandshake } from '../src/srp-server.js';
import { formatTimestamp, parseTimestamp } from '../src/timestamp.js';

describe('srp-server maths', () => {
  it('k matches the published constant', () => {
    expect(k.toString(16)).toBe('538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6');
  });

  it('enc() is Java toByteArray()', () => {
    expect(enc(0n).toString('hex')).toBe('00');
    expect(enc(128n).toString('hex')).toBe('0080');
    expect(enc(255n).toString('hex')).toBe('00ff');
    expect(enc(256n).toString('hex')).toBe('0100');
  });

  it('reproduces the alexrudd/cognito-srp vector from the server side (S via client formula)', () => {
    // a = B = salt = 1234567890; the client formula S = (B - k g^x)^(a + u x) must give the published signature
    const a = 1234567890n;
    const B = 1234567890n;
    const salt = 1234567890n;
    const A = modPow(g, a, N);
    const u = bytesToBigInt(sha256(enc(A), enc(B)));
    const x = computeX('myPool', 'test', 'test', salt);
    const S = modPow((((B - k * modPow(g, x, N)) % N) + N) % N, a + u * x, N);
    expect(derivePasswordKey(S, u).toString('hex')).toBe('d96cde6c95dda17175c1293140c5a81f');
    const secretBlock = Buffer.from('secretssecrestssecrets');
    const sig = expectedClaimSignature({ b: 0n, B, A, S, u }, 'myPool', 'test', secretBlock, 'Tue Jul 10 11:01:00 UTC 2018');
    expect(sig).toBe('tdvQu/Li/qWl8Nni0aFPs+MwY4rvKZm0kSMrGIMSUHk=');
  });

  it('the OpenSSL modpow agrees with the BigInt one, edge bases included', () => {
    for (let i = 0; i < 20; i++) {
      const base = bytesToBigInt(randomBytes(384)) % N;
      const exp = bytesToBigInt(randomBytes(1 + i * 7));
      expect(modPowN(base, exp)).toBe(modPow(base, exp, N));
    }
    for (const base of [0n, 1n, 2n, N - 1n, N, N + 5n]) expect(modPowN(base, 12345n)).toBe(modPow(base, 12345n, N));
  });

  it('a filtered handshake keeps its promise, and its stepped S is the S of both SRP formulas', () => {
    const x = computeX('pool', 'user', 'pw', 42n);
    const v = modPowN(g, x);
    for (const filter of [undefined, 'B-leading-zero', 'S-leading-zero'] as const) {
      const a = bytesToBigInt(randomBytes(32));
      const A = modPowN(g, a);
      const hs = serverHandshake(A, v, filter);
      expect(hs.B).toBe((k * v + modPowN(g, hs.b)) % N);
      expect(hs.u).toBe(bytesToBigInt(sha256(enc(A), enc(hs.B))));
      // server side (A·v^u)^b and client side (B - k·g^x)^(a + u·x) must both give S
      expect(hs.S).toBe(modPowN((A * modPowN(v, hs.u)) % N, hs.b));
      expect(hs.S).toBe(modPowN((((hs.B - k * v) % N) + N) % N, a + hs.u * x));
      if (filter === 'B-leading-zero') expect(hs.B < 1n << 3064n).toBe(true);
      if (filter === 'S-leading-zero') expect(hs.S < 1n << 3064n).toBe(true);
    }
  });

  it('formats and parses TIMESTAMP like the Java server', () => {
    expect(formatTimestamp(Date.UTC(2024, 8, 3, 9, 17, 40))).toBe('Tue Sep 3 09:17:40 UTC 2024');
    expect(parseTimestamp('Tue Sep 03 09:17:40 UTC 2024').canonical).toBe('Tue Sep 3 09:17:40 UTC 2024');
    expect(() => parseTimestamp('Tue Sep  3 09:17:40 UTC 2024')).toThrow(/TIMESTAMP format/);
    expect(() => parseTimestamp('Tue Sep 3 09:17:40 CEST 2024')).toThrow(/TIMESTAMP format/);
  });
});

describe('USER_SRP_AUTH against the server', () => {
  let clock = Date.UTC(2025, 2, 3, 12, 0, 0); // 3 March: a one-digit day
  let pool: LocalPool;
  let p: TestPool;
  let secret: TestPool;

  beforeAll(async () => {
    pool = await startLocalPool({ port: 0, now: () => clock });
    p = await makePool(pool.endpoint, { AliasAttributes: ['email'] });
    await makeUser(pool.endpoint, p, 'Carol', 'Passw0rd!', { email: 'carol@example.com', email_verified: 'true' });
    const { UserPoolClient } = await ok(pool.endpoint, 'CreateUserPoolClient', { UserPoolId: p.poolId, ClientName: 'secret', GenerateSecret: true }, true);
    secret = { ...p, clientId: UserPoolClient.ClientId, clientSecret: UserPoolClient.ClientSecret };
  });
  afterAll(() => pool.close());

  const ts = () => formatTimestamp(clock);

  it('signs in and issues tokens', async () => {
    const r = await srpSignIn(pool.endpoint, p, 'Carol', 'Passw0rd!', { timestamp: ts() });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.AuthenticationResult.TokenType).toBe('Bearer');
    expect(r.body.AuthenticationResult.ExpiresIn).toBe(3600);
    expect(typeof r.body.AuthenticationResult.RefreshToken).toBe('string');
  });

  it('signs in with the e-mail alias; USER_ID_FOR_SRP is the stored username', async () => {
    const { helper, A } = await srpA(p.poolName);
    const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'CAROL@example.com', SRP_A: A } });
    expect(init.ChallengeParameters.USER_ID_FOR_SRP).toBe('Carol');
    // x computed with the alias instead of USER_ID_FOR_SRP is wrong
    const wrong = await claim(helper, p.poolName, 'CAROL@example.com', 'Passw0rd!', init.ChallengeParameters, ts());
    const bad = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'Carol', ...wrong } });
    expect(bad.body.message).toBe('Incorrect username or password.');
  });

  it('refuses a wrong password, a zero-padded day and a malformed TIMESTAMP differently', async () => {
    expect((await srpSignIn(pool.endpoint, p, 'Carol', 'Passw0rd?', { timestamp: ts() })).body).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    const padded = ts().replace(' Mar 3 ', ' Mar 03 ');
    expect(padded).toContain('Mar 03');
    expect((await srpSignIn(pool.endpoint, p, 'Carol', 'Passw0rd!', { timestamp: padded })).body.__type).toBe('NotAuthorizedException');
    const spaced = ts().replace(' Mar 3 ', ' Mar  3 ');
    expect((await srpSignIn(pool.endpoint, p, 'Carol', 'Passw0rd!', { timestamp: spaced })).body).toEqual({
      __type: 'InvalidParameterException',
      message: 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    });
  });

  it('refuses a TIMESTAMP far from server time', async () => {
    const r = await srpSignIn(pool.endpoint, p, 'Carol', 'Passw0rd!', { timestamp: formatTimestamp(clock - 10 * 60_000) });
    expect(r.body.__type).toBe('NotAuthorizedException');
  });

  it('gives an unknown user a stable fake challenge, then "Incorrect username or password."', async () => {
    const one = await srpA(p.poolName);
    const i1 = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'ghost', SRP_A: one.A } });
    const i2 = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'ghost', SRP_A: one.A } });
    expect(i1.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(i1.ChallengeParameters.SALT).toBe(i2.ChallengeParameters.SALT);
    expect(i1.ChallengeParameters.SRP_B).not.toBe(i2.ChallengeParameters.SRP_B);
    const c = await claim(one.helper, p.poolName, 'ghost', 'whatever', i1.ChallengeParameters, ts());
    const r = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: p.clientId, Session: i1.Session, ChallengeResponses: { USERNAME: 'ghost', ...c } });
    expect(r.body.message).toBe('Incorrect username or password.');
  });

  it('enforces sessions: missing, reused, expired, answered too late', async () => {
    const { helper, A } = await srpA(p.poolName);
    const start = () => ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'Carol', SRP_A: A } });
    const answer = async (init: Record<string, any>, session?: string) =>
      call(pool.endpoint, 'RespondToAuthChallenge', {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: p.clientId,
        ...(session === undefined ? {} : { Session: session }),
        ChallengeResponses: { USERNAME: 'Carol', ...(await claim(helper, p.poolName, 'Carol', 'Passw0rd!', init.ChallengeParameters, ts())) },
      });
    const i1 = await start();
    expect((await answer(i1)).body).toEqual({ __type: 'InvalidParameterException', message: 'Missing required parameter Session' });
    expect((await answer(i1, i1.Session)).status).toBe(200);
    expect((await answer(i1, i1.Session)).body.message).toBe('Invalid session for the user.');

    const late = await start();
    clock += 61_000; // past passwordVerifierWindowSeconds (60)
    expect((await answer(late, late.Session)).body.message).toBe('Invalid session for the user, session is expired.');

    pool.store.pools[p.poolId]!.local.passwordVerifierWindowSeconds = 600;
    const old = await start();
    clock += 3 * 60_000 + 1000; // past AuthSessionValidity (3 min)
    expect((await answer(old, old.Session)).body.message).toBe('Invalid session for the user, session is expired.');
    pool.store.pools[p.poolId]!.local.passwordVerifierWindowSeconds = 60;
  });

  it('checks SECRET_HASH: alias at InitiateAuth, canonical name afterwards', async () => {
    const missing = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: secret.clientId, AuthParameters: { USERNAME: 'Carol', SRP_A: 'abc' } });
    expect(missing.body.message).toBe(`Client ${secret.clientId} is configured for secret but secret was not received`);
    const { helper, A } = await srpA(p.poolName);
    const init = await ok(pool.endpoint, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: secret.clientId,
      AuthParameters: { USERNAME: 'carol@example.com', SRP_A: A, SECRET_HASH: secretHash('carol@example.com', secret) },
    });
    const c = await claim(helper, p.poolName, 'Carol', 'Passw0rd!', init.ChallengeParameters, ts());
    const aliasHash = await call(pool.endpoint, 'RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: secret.clientId,
      Session: init.Session,
      ChallengeResponses: { USERNAME: 'Carol', ...c, SECRET_HASH: secretHash('carol@example.com', secret) },
    });
    expect(aliasHash.body.message).toBe(`Unable to verify secret hash for client ${secret.clientId}`);
    const good = await call(pool.endpoint, 'RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: secret.clientId,
      Session: init.Session,
      ChallengeResponses: { USERNAME: 'Carol', ...c, SECRET_HASH: secretHash('Carol', secret) },
    });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
  });

  it('refuses SRP_A = 0 mod N', async () => {
    const r = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'Carol', SRP_A: N.toString(16) } });
    expect(r.body.__type).toBe('InvalidParameterException');
  });
});

describe('handshake filters', () => {
  for (const filter of ['B-leading-zero', 'S-leading-zero'] as const) {
    it(`${filter}: amazon-cognito-identity-js still signs in`, async () => {
      const pool = await startLocalPool({ port: 0, handshakeFilter: filter });
      try {
        const p = await makePool(pool.endpoint);
        await makeUser(pool.endpoint, p, 'dave', 'Passw0rd!');
        const { helper, A } = await srpA(p.poolName);
        const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'dave', SRP_A: A } });
        if (filter === 'B-leading-zero') expect(BigInt('0x' + init.ChallengeParameters.SRP_B) < 1n << 3064n).toBe(true);
        const c = await claim(helper, p.poolName, 'dave', 'Passw0rd!', init.ChallengeParameters);
        const r = await call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'PASSWORD_VERIFIER', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'dave', ...c } });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      } finally {
        await pool.close();
      }
    });
  }
});
