/**
 * Setting up pools and users from code with raw HTTP calls, no SDK: what the pool's own tests and
 * the tests of an app that runs against the pool need before a sign-in. Admin calls carry a dummy
 * SigV4 `Authorization` header (the pool does not verify signatures; its credential scope names
 * the region of a new pool). Public as `cognito-local-user-pool/test-setup`.
 */
import { createHmac } from 'node:crypto';

export interface CallResult {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

export async function call(endpoint: string, op: string, body: unknown, opts: { admin?: boolean; raw?: string; contentType?: string } = {}): Promise<CallResult> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': opts.contentType ?? 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}`,
      ...(opts.admin ? { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-2/cognito-idp/aws4_request, SignedHeaders=host, Signature=00' } : {}),
    },
    body: opts.raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

/** Calls and throws on an error answer, returning the body. */
export async function ok(endpoint: string, op: string, body: unknown, admin = false): Promise<Record<string, any>> {
  const r = await call(endpoint, op, body, { admin });
  if (r.status !== 200) throw new Error(`${op} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export const admin = (endpoint: string, op: string, body: unknown) => ok(endpoint, op, body, true);

export interface TestPool {
  poolId: string;
  poolName: string;
  clientId: string;
  clientSecret?: string;
}

export async function makePool(
  endpoint: string,
  poolFields: Record<string, unknown> = {},
  clientFields: Record<string, unknown> = {},
  mfaConfig?: Record<string, unknown>,
): Promise<TestPool> {
  const { UserPool } = await admin(endpoint, 'CreateUserPool', { PoolName: 'test-pool', ...poolFields });
  if (mfaConfig) await admin(endpoint, 'SetUserPoolMfaConfig', { UserPoolId: UserPool.Id, ...mfaConfig });
  const { UserPoolClient } = await admin(endpoint, 'CreateUserPoolClient', {
    UserPoolId: UserPool.Id,
    ClientName: 'test-client',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
    ...clientFields,
  });
  return { poolId: UserPool.Id, poolName: UserPool.Id.split('_')[1], clientId: UserPoolClient.ClientId, clientSecret: UserPoolClient.ClientSecret };
}

export async function makeUser(endpoint: string, p: TestPool, username: string, password: string, attrs: Record<string, string> = {}): Promise<void> {
  await admin(endpoint, 'AdminCreateUser', {
    UserPoolId: p.poolId,
    Username: username,
    MessageAction: 'SUPPRESS',
    UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
  });
  await admin(endpoint, 'AdminSetUserPassword', { UserPoolId: p.poolId, Username: username, Password: password, Permanent: true });
}

export function secretHash(username: string, p: TestPool): string | undefined {
  return p.clientSecret ? createHmac('sha256', p.clientSecret).update(username + p.clientId).digest('base64') : undefined;
}

