/**
 * The pool does not fall over: hostile paths, prototype names as ids, and a bounded fuzz over
 * every route, method, header and body shape. Every answer must be a Cognito-shaped error or a
 * success, never a 500 or a dropped connection, and the pool must still sign a user in afterwards.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as sdk from '@aws-sdk/client-cognito-identity-provider';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { OPERATIONS } from '../src/router.js';
import { call, makePool, makeUser, ok, srpSignIn, type TestPool } from './test-helpers.js';

let pool: LocalPool;
let p: TestPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0, requestsPerSecond: 0 });
  p = await makePool(pool.endpoint);
  await makeUser(pool.endpoint, p, 'bob', 'Passw0rd!', { email: 'bob@example.com' });
});
afterAll(() => pool.close());

/** Exception names a Cognito client can meet: the service's modelled ones plus the AWS JSON front end's. */
const COGNITO_ERRORS = new Set([
  ...Object.keys(sdk).filter((k) => k.endsWith('Exception') && k !== 'CognitoIdentityProviderServiceException'),
  'SerializationException',
  'UnknownOperationException',
  'MissingAuthenticationTokenException',
  'RequestEntityTooLargeException',
]);

interface RawAnswer {
  status: number;
  text: string;
}

/** One request over node:http, so methods, paths, headers and bytes are exactly as given. */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<RawAnswer> {
  const url = new URL(pool.endpoint);
  return new Promise((resolve, reject) => {
    // a fresh connection each time: an answer sent before the body was read must not poison the next request
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

async function stillServes(): Promise<void> {
  const health = await raw('GET', '/_local/health', {});
  expect(health).toEqual({ status: 200, text: '{"ok":true}' });
  const signIn = await srpSignIn(pool.endpoint, p, 'bob', 'Passw0rd!');
  expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
  // nothing a request sent reached Object.prototype
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_SNAPSHOT);
}
const PROTOTYPE_SNAPSHOT = Object.getOwnPropertyNames(Object.prototype).sort();

describe('hostile paths', () => {
  it.each(['/%', '/%E0%A4%A', '/%FF/.well-known/jwks.json', '/_local/codes/%/x', '/_local/codes/x/%C0%AF'])(
    'GET %s is a 400, and the pool keeps serving',
    async (path) => {
      const r = await raw('GET', path, {});
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text)).toEqual({ __type: 'InvalidParameterException', message: 'The request path is not valid percent-encoded UTF-8' });
      await stillServes();
    },
  );

  it.each(PROTOTYPE_NAMES)('a pool called %s does not exist: JWKS, OpenID configuration and codes are 404', async (name) => {
    for (const path of [`/${name}/.well-known/jwks.json`, `/${name}/.well-known/openid-configuration`]) {
      const r = await raw('GET', path, {});
      expect(r.status, path).toBe(404);
      expect(JSON.parse(r.text), path).toEqual({ __type: 'ResourceNotFoundException', message: `User pool ${name} does not exist.` });
    }
    for (const path of [`/_local/codes/${name}/x`, `/_local/codes/${p.poolId}/${name}`]) expect((await raw('GET', path, {})).status, path).toBe(404);
    await stillServes();
  });

  it.each(PROTOTYPE_NAMES)('%s as a client id, username, device key or attribute name is just an unknown name', async (name) => {
    const init = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: name.replace(/_/g, ''), AuthParameters: { USERNAME: 'bob', PASSWORD: 'x' } });
    expect(init.body).toEqual({ __type: 'ResourceNotFoundException', message: `User pool client ${name.replace(/_/g, '')} does not exist.` });
    const client = await call(pool.endpoint, 'DescribeUserPoolClient', { UserPoolId: p.poolId, ClientId: name.replace(/_/g, '') }, { admin: true });
    expect(client.body.__type).toBe('ResourceNotFoundException');
    const user = await call(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: name }, { admin: true });
    expect(user.body).toEqual({ __type: 'UserNotFoundException', message: 'User does not exist.' });
    const signIn = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: name, PASSWORD: 'Passw0rd!' } });
    expect(signIn.body).toEqual({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    // an attribute (or map key) with a prototype name is stored as data, not as a prototype
    await ok(pool.endpoint, 'AdminUpdateUserAttributes', { UserPoolId: p.poolId, Username: 'bob', UserAttributes: [{ Name: name, Value: 'v' }] }, true);
    const got = await ok(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: 'bob' }, true);
    expect(got.UserAttributes).toContainEqual({ Name: name, Value: 'v' });
    await stillServes();
  });

  it('survives a state file whose tables have prototype names as keys', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'pool-state-')), 'state.json');
    writeFileSync(file, '{"version":1,"pools":{"__proto__":{"polluted":true}}}');
    const loaded = await startLocalPool({ port: 0, statePath: file });
    try {
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const r = await fetch(`${loaded.endpoint}constructor/.well-known/jwks.json`);
      expect(r.status).toBe(404);
    } finally {
      await loaded.close();
    }
  });

  it('refuses invalid UTF-8 and absurd nesting as SerializationException', async () => {
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' };
    const badUtf8 = await raw('POST', '/', headers, Buffer.concat([Buffer.from('{"ClientId":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    expect(JSON.parse(badUtf8.text)).toEqual({ __type: 'SerializationException', message: 'Request body is not valid UTF-8' });
    const deep = await call(pool.endpoint, 'CreateUserPool', null, { admin: true, raw: `{"PoolName":"deep","Policies":${'['.repeat(100_000)}${']'.repeat(100_000)}}` });
    expect(deep.body.__type).toBe('SerializationException');
    await stillServes();
  });
});

// ---- the fuzz ------------------------------------------------------------------------------------

const FIELD_NAMES = [
  'ClientId', 'UserPoolId', 'Username', 'AuthFlow', 'AuthParameters', 'ChallengeName', 'ChallengeResponses', 'Session',
  'AccessToken', 'RefreshToken', 'Token', 'ClientSecret', 'DeviceKey', 'DeviceSecretVerifierConfig', 'UserCode', 'Password',
  'PreviousPassword', 'ProposedPassword', 'ConfirmationCode', 'UserAttributes', 'ClientMetadata', 'AnalyticsMetadata',
  'UserContextData', 'ContextData', 'PoolName', 'ClientName', 'MfaConfiguration', 'SmsConfiguration', 'Policies',
  'DeviceConfiguration', 'ExplicitAuthFlows', 'TokenValidityUnits', 'MaxResults', 'Limit', 'Filter', 'PaginationToken',
  'SoftwareTokenMfaConfiguration', 'SmsMfaConfiguration', 'EmailMfaConfiguration', 'SMSMfaSettings', 'LambdaConfig',
  'EnablePropagateAdditionalUserContextData', 'GenerateSecret', 'Permanent', 'TemporaryPassword', 'MessageAction',
  ...PROTOTYPE_NAMES,
];

/** Values that reach deep into handlers (real ids, names the pool knows) next to arbitrary JSON. */
function values(): fc.Arbitrary<unknown> {
  const known = fc.constantFrom<unknown>(
    p.clientId, p.poolId, 'bob', 'USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH', 'CUSTOM_AUTH', 'USER_AUTH',
    'PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED', 'SOFTWARE_TOKEN_MFA', 'SELECT_CHALLENGE', 'DEVICE_SRP_AUTH', 'ON', 'OPTIONAL',
    'a.b.c', 'x'.repeat(20_000), '\u0000\uffff\ud800', ...PROTOTYPE_NAMES,
  );
  const map = fc.dictionary(fc.constantFrom('USERNAME', 'PASSWORD', 'SRP_A', 'SECRET_HASH', 'DEVICE_KEY', 'ANSWER', 'IpAddress', 'EncodedData', ...PROTOTYPE_NAMES), fc.oneof(known, fc.jsonValue({ maxDepth: 2 })));
  return fc.oneof(known, fc.jsonValue({ maxDepth: 4 }), map, fc.array(map, { maxLength: 3 }));
}

function requestArb() {
const bodyArb = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...FIELD_NAMES), values(), { maxKeys: 8 }).map((o) => Buffer.from(JSON.stringify(o))) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }).map((n) => Buffer.from(`{"a":${'{"b":'.repeat(n)}1${'}'.repeat(n)}}`)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => Buffer.from(`{"__proto__":{"polluted":${JSON.stringify(s)}},"constructor":{"prototype":{"polluted":1}}}`)) },
);

  const pathArb = fc.oneof(
  fc.constantFrom('/', '/_local/health', `/_local/codes/${p.poolId}/bob`, '/_local/codes', '/x/.well-known/jwks.json', '/%', '/%%30', '/..%2f..'),
  fc.array(fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, '.well-known', 'jwks.json', 'openid-configuration', '_local', 'codes', '%', '%E0%A4%A', '%00'), fc.stringMatching(/^[A-Za-z0-9%._~-]{0,12}$/)), { maxLength: 5 }).map((s) => `/${s.join('/')}`),
);

return fc.record({
  method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
  onRoot: fc.boolean(),
  path: pathArb,
  target: fc.oneof(fc.constantFrom(...OPERATIONS).map((op) => `AWSCognitoIdentityProviderService.${op}`), fc.constantFrom('', 'AWSCognitoIdentityProviderService.', 'AWSCognitoIdentityProviderService.__proto__', 'AWSCognitoIdentityProviderService.constructor', 'Other.InitiateAuth')),
  contentType: fc.constantFrom('application/x-amz-json-1.1', 'application/x-amz-json-1.0', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', ''),
  signed: fc.boolean(),
  body: bodyArb,
});
}

describe('fuzz', () => {
  it('answers every route, method, header and body with a success or a Cognito error, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(), async (r) => {
        const headers: Record<string, string> = { 'x-amz-target': r.target };
        if (r.contentType) headers['content-type'] = r.contentType;
        if (r.signed) headers.authorization = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-2/cognito-idp/aws4_request, SignedHeaders=host, Signature=00';
        const path = r.method === 'POST' && r.onRoot ? '/' : r.path;
        const answer = await raw(r.method, path, headers, r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body);
        const where = `${r.method} ${path} ${r.target} ${r.body.subarray(0, 200).toString()}`;
        expect(answer.status, where).not.toBe(500);
        expect([200, 204, 400, 404, 405, 413], where).toContain(answer.status);
        if (r.method === 'POST' && path === '/' && answer.status !== 200) {
          const err = JSON.parse(answer.text) as { __type?: unknown; message?: unknown };
          expect(COGNITO_ERRORS, `${where} -> ${answer.text}`).toContain(err.__type);
          expect(typeof err.message, where).toBe('string');
        }
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    await stillServes();
  }, 120_000);
});
