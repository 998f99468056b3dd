/** Raw-HTTP behaviour: error shapes, malformed input, limits, CORS, concurrency. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { call, makePool, makeUser, ok, srpSignIn, type TestPool } from './test-helpers.js';

let pool: LocalPool;
let p: TestPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0 });
  p = await makePool(pool.endpoint);
  await makeUser(pool.endpoint, p, 'bob', 'Passw0rd!');
});
afterAll(() => pool.close());

describe('error shape', () => {
  it('answers like cognito-idp: 400, __type, message, x-amzn headers, Date, request id, CORS', async () => {
    const r = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'bob', PASSWORD: 'nope' } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(r.headers.get('x-amzn-errortype')).toBe('NotAuthorizedException:');
    expect(r.headers.get('x-amzn-errormessage')).toBe('Incorrect username or password.');
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Date.parse(r.headers.get('date')!) - Date.now())).toBeLessThan(5000);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('unknown operation and missing target give UnknownOperationException', async () => {
    expect((await call(pool.endpoint, 'FlyToTheMoon', {})).body.__type).toBe('UnknownOperationException');
    const res = await fetch(pool.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  it('malformed JSON and non-object bodies are SerializationException', async () => {
    for (const raw of ['{"ClientId":', '[1,2]', '"x"', 'null']) {
      const r = await call(pool.endpoint, 'InitiateAuth', null, { raw });
      expect(r.status, raw).toBe(400);
      expect(r.body.__type, raw).toBe('SerializationException');
    }
  });

  it('wrong JSON types are SerializationException, missing fields InvalidParameterException', async () => {
    const wrong = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 42 });
    expect(wrong.body.__type).toBe('SerializationException');
    const wrongMap = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 7 } });
    expect(wrongMap.body.__type).toBe('SerializationException');
    const missing = await call(pool.endpoint, 'InitiateAuth', { ClientId: p.clientId });
    expect(missing.body.__type).toBe('InvalidParameterException');
    expect(missing.body.message).toContain("'authFlow'");
    const badEnum = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'MAGIC', ClientId: p.clientId });
    expect(badEnum.body.__type).toBe('InvalidParameterException');
  });

  it('accepts application/json, refuses other content types', async () => {
    const json = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'bob', PASSWORD: 'Passw0rd!' } }, { contentType: 'application/json' });
    expect(json.status).toBe(200);
    const text = await call(pool.endpoint, 'InitiateAuth', {}, { contentType: 'text/plain' });
    expect(text.body.__type).toBe('SerializationException');
  });

  it('refuses a body over 1 MiB and keeps serving', async () => {
    const big = await call(pool.endpoint, 'InitiateAuth', null, { raw: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }) });
    expect(big.status).toBe(413);
    expect(big.body.__type).toBe('RequestEntityTooLargeException');
    expect((await srpSignIn(pool.endpoint, p, 'bob', 'Passw0rd!')).status).toBe(200);
  });

  it('admin operations need an Authorization header', async () => {
    const r = await call(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: 'bob' });
    expect(r.body.__type).toBe('MissingAuthenticationTokenException');
    const signed = await call(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: 'bob' }, { admin: true });
    expect(signed.body.UserStatus).toBe('CONFIRMED');
  });

  it('unknown client and unknown pool are ResourceNotFoundException', async () => {
    const r = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: 'nosuchclient', AuthParameters: {} });
    expect(r.body).toEqual({ __type: 'ResourceNotFoundException', message: 'User pool client nosuchclient does not exist.' });
  });

  it('serves CORS preflight', async () => {
    const res = await fetch(pool.endpoint, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-amz-target');
  });
});

describe('concurrency and limits', () => {
  it('handles concurrent sign-ins without mixing sessions', async () => {
    for (let i = 0; i < 6; i++) await makeUser(pool.endpoint, p, `user${i}`, `Passw0rd!${i}`);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => srpSignIn(pool.endpoint, p, `user${i}`, `Passw0rd!${i}`)));
    for (const [i, r] of results.entries()) {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const claims = JSON.parse(Buffer.from(r.body.AuthenticationResult.AccessToken.split('.')[1], 'base64url').toString());
      expect(claims.username).toBe(`user${i}`);
    }
  });

  it('throttles bursts with TooManyRequestsException (HTTP 400)', async () => {
    const limited = await startLocalPool({ port: 0, requestsPerSecond: 5 });
    try {
      const rs = await Promise.all(Array.from({ length: 12 }, () => call(limited.endpoint, 'GetUser', { AccessToken: 'x' })));
      const throttled = rs.filter((r) => r.body.__type === 'TooManyRequestsException');
      expect(throttled.length).toBeGreaterThan(0);
      expect(throttled[0]!.status).toBe(400);
    } finally {
      await limited.close();
    }
  });

  it('locks a user out after repeated failures: "Password attempts exceeded"', async () => {
    await makeUser(pool.endpoint, p, 'mallory', 'Passw0rd!');
    const attempt = (pw: string) =>
      call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'mallory', PASSWORD: pw } });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).body.message).toBe('Incorrect username or password.');
    const locked = await attempt('Passw0rd!');
    expect(locked.body).toEqual({ __type: 'NotAuthorizedException', message: 'Password attempts exceeded' });
  });

  it('survives garbage in every operation', async () => {
    const ops = ['InitiateAuth', 'RespondToAuthChallenge', 'GetUser', 'ConfirmDevice', 'AssociateSoftwareToken', 'RevokeToken', 'SignUp'];
    const bodies: unknown[] = [{}, { AccessToken: 'a.b.c' }, { Session: 'x'.repeat(30), ClientId: p.clientId, ChallengeName: 'PASSWORD_VERIFIER' }, { ClientId: p.clientId, Token: 'abc' }];
    for (const op of ops)
      for (const b of bodies) {
        const r = await call(pool.endpoint, op, b);
        // RevokeToken of an unknown token is a success (RFC 7009), everything else here is an error
        if (op === 'RevokeToken' && r.status === 200) continue;
        expect(r.status, `${op} ${JSON.stringify(b)}`).toBe(400);
        expect(typeof r.body.__type).toBe('string');
      }
    await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'bob', PASSWORD: 'Passw0rd!' } });
  });
});
