/**
 * CognitoApi end to end against the local user pool (cognito-local-user-pool), configured with the AWS SDK's
 * admin calls exactly as one would configure Amazon Cognito.
 */
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/cognito/errors';
import { CognitoApi } from '../../src/cognito/api';
import { ServerClock } from '../../src/cognito/clock';
import { secretHash } from '../../src/cognito/secret-hash';
import { CognitoTransport } from '../../src/cognito/transport';
import { startLocalPool } from 'cognito-local-user-pool';

const USERNAME = 'api-user';
const PASSWORD = 'Correct-Horse-9-battery';

let pool: Awaited<ReturnType<typeof startLocalPool>>;
let admin: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;
let secretClient: { id: string; secret: string };
let requestsSent = 0;
let clock: ServerClock;
let api: CognitoApi;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0 });
  admin = new CognitoIdentityProviderClient({
    endpoint: pool.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const created = await admin.send(new CreateUserPoolCommand({ PoolName: 'api-pool-test' }));
  poolId = created.UserPool?.Id ?? '';
  const client = await admin.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'api', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  );
  clientId = client.UserPoolClient?.ClientId ?? '';
  const withSecret = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'api-secret',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  secretClient = { id: withSecret.UserPoolClient?.ClientId ?? '', secret: withSecret.UserPoolClient?.ClientSecret ?? '' };
  await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: USERNAME, MessageAction: 'SUPPRESS' }));
  await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: USERNAME, Password: PASSWORD, Permanent: true }));

  clock = new ServerClock();
  api = new CognitoApi(
    new CognitoTransport({
      endpoint: pool.endpoint,
      clock,
      // Counts what actually goes over the wire, to prove a refusal was not retried.
      fetch: (input, init) => {
        requestsSent++;
        return globalThis.fetch(input, init);
      },
    }),
  );
});

afterAll(async () => {
  admin?.destroy();
  await pool?.close();
});

describe('CognitoApi against the local pool', () => {
  it('signs in with USER_PASSWORD_AUTH and uses the access token', async () => {
    const result = await api.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME, PASSWORD } });
    const tokens = result.AuthenticationResult;
    expect(tokens).toBeDefined();
    expect(tokens!.AccessToken.split('.')).toHaveLength(3);
    expect(tokens!.IdToken?.split('.')).toHaveLength(3);
    expect(typeof tokens!.RefreshToken).toBe('string');
    expect(tokens!.ExpiresIn).toBeGreaterThan(0);
    expect(tokens!.TokenType).toBe('Bearer');
    // Every response carries a Date header; the clock must now agree with the pool's (same machine).
    expect(Math.abs(clock.offsetMs)).toBeLessThan(2_000);

    const user = await api.getUser({ AccessToken: tokens!.AccessToken });
    expect(user.Username).toBe(USERNAME);
    expect(user.UserAttributes.some((a) => a.Name === 'sub')).toBe(true);
  });

  it('signs in through an app client with a secret using SECRET_HASH', async () => {
    const result = await api.initiateAuth({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: secretClient.id,
      AuthParameters: { USERNAME, PASSWORD, SECRET_HASH: secretHash(USERNAME, secretClient.id, secretClient.secret) },
    });
    expect(result.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('reports a wrong password as AppError with Cognito\'s message, sent once', async () => {
    const wrong = 'Wrong-Horse-1-battery';
    const before = requestsSent;
    let error: unknown;
    try {
      await api.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME, PASSWORD: wrong } });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ exception: 'NotAuthorizedException' });
    const e = error as AppError;
    expect(e.exception).toBe('NotAuthorizedException');
    expect(e.message).toBe('Incorrect username or password.');
    expect(e.details.status).toBe(400);
    expect(e.code).toBe('incorrect-password');
    expect(e.retryable).toBe(false);
    expect(`${e.message} ${JSON.stringify(e.details)} ${JSON.stringify(e)}`).not.toContain(wrong);
    expect(requestsSent - before).toBe(1);
  });

  it('refreshes with GetTokensFromRefreshToken, then GlobalSignOut revokes the access token', async () => {
    const signIn = await api.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME, PASSWORD } });
    const refreshToken = signIn.AuthenticationResult!.RefreshToken!;
    const refreshed = await api.getTokensFromRefreshToken({ RefreshToken: refreshToken, ClientId: clientId });
    const access = refreshed.AuthenticationResult.AccessToken;
    expect((await api.getUser({ AccessToken: access })).Username).toBe(USERNAME);

    await expect(api.globalSignOut({ AccessToken: access })).resolves.toEqual({});
    const error = await api.getUser({ AccessToken: access }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ exception: 'NotAuthorizedException' });
    expect((error as AppError).code).toBe('session-revoked');
  });

  it('refuses an invalid request without contacting the pool', async () => {
    const before = requestsSent;
    await expect(api.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'bad client', AuthParameters: { USERNAME, PASSWORD } })).rejects.toMatchObject(
      { code: 'validation' },
    );
    expect(requestsSent).toBe(before);
  });
});
