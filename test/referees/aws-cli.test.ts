// Referee: the AWS CLI (Debian's aws, botocore). Public calls go unsigned, admin calls are
// SigV4-signed with dummy credentials; both must work against the pool as against AWS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdminInitiateAuthResponse,
  InitiateAuthResponse,
  RespondToAuthChallengeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { startRefereePool, type LocalPool } from './helpers/local-pool';
import { randomPassword, setUpPool, type RefereePool, type SeededUser } from './helpers/setup';
import { cliJson, cognitoIdp, type CliTarget } from './helpers/aws-cli';
import { totpCode } from './helpers/totp';

let server: LocalPool;
let pool: RefereePool;
let target: CliTarget;

function seeded(name: string): SeededUser {
  const found = pool.users[name];
  if (!found) throw new Error(`no seeded user ${name}`);
  return found;
}

beforeAll(async () => {
  server = await startRefereePool();
  pool = await setUpPool(server.endpoint, {
    poolName: 'referee-cli',
    mfa: 'OPTIONAL',
    users: [
      { username: 'cli-plain', kind: 'ready' },
      { username: 'cli-totp', kind: 'totp' },
      { username: 'cli-admin-totp', kind: 'totp' },
    ],
  });
  target = { endpoint: pool.endpoint, region: pool.region };
});

afterAll(async () => {
  await server?.close();
});

function passwordAuth(user: SeededUser, password = user.password): string[] {
  return [
    '--client-id',
    pool.clientId,
    '--auth-flow',
    'USER_PASSWORD_AUTH',
    '--auth-parameters',
    JSON.stringify({ USERNAME: user.username, PASSWORD: password }),
  ];
}

describe('aws cognito-idp against the local pool', () => {
  it('initiate-auth USER_PASSWORD_AUTH returns tokens', async () => {
    const result = cliJson<InitiateAuthResponse>(
      await cognitoIdp(target, 'initiate-auth', passwordAuth(seeded('cli-plain'))),
      'initiate-auth',
    );
    expect(result.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(result.AuthenticationResult?.TokenType).toBe('Bearer');
  });

  it('initiate-auth then respond-to-auth-challenge SOFTWARE_TOKEN_MFA', async () => {
    const user = seeded('cli-totp');
    const started = cliJson<InitiateAuthResponse>(
      await cognitoIdp(target, 'initiate-auth', passwordAuth(user)),
      'initiate-auth',
    );
    expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    const finished = cliJson<RespondToAuthChallengeResponse>(
      await cognitoIdp(target, 'respond-to-auth-challenge', [
        '--client-id',
        pool.clientId,
        '--challenge-name',
        'SOFTWARE_TOKEN_MFA',
        '--session',
        started.Session ?? '',
        '--challenge-responses',
        JSON.stringify({ USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: totpCode(user.totpSecret!, Date.now()) }),
      ]),
      'respond-to-auth-challenge',
    );
    expect(finished.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('admin-initiate-auth then admin-respond-to-auth-challenge (SigV4)', async () => {
    const plain = seeded('cli-plain');
    const direct = cliJson<AdminInitiateAuthResponse>(
      await cognitoIdp(target, 'admin-initiate-auth', [
        '--user-pool-id',
        pool.userPoolId,
        '--client-id',
        pool.clientId,
        '--auth-flow',
        'ADMIN_USER_PASSWORD_AUTH',
        '--auth-parameters',
        JSON.stringify({ USERNAME: plain.username, PASSWORD: plain.password }),
      ]),
      'admin-initiate-auth',
    );
    expect(direct.AuthenticationResult?.AccessToken).toBeTruthy();

    const user = seeded('cli-admin-totp');
    const started = cliJson<AdminInitiateAuthResponse>(
      await cognitoIdp(target, 'admin-initiate-auth', [
        '--user-pool-id',
        pool.userPoolId,
        '--client-id',
        pool.clientId,
        '--auth-flow',
        'ADMIN_USER_PASSWORD_AUTH',
        '--auth-parameters',
        JSON.stringify({ USERNAME: user.username, PASSWORD: user.password }),
      ]),
      'admin-initiate-auth',
    );
    expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    const finished = cliJson<RespondToAuthChallengeResponse>(
      await cognitoIdp(target, 'admin-respond-to-auth-challenge', [
        '--user-pool-id',
        pool.userPoolId,
        '--client-id',
        pool.clientId,
        '--challenge-name',
        'SOFTWARE_TOKEN_MFA',
        '--session',
        started.Session ?? '',
        '--challenge-responses',
        JSON.stringify({ USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: totpCode(user.totpSecret!, Date.now()) }),
      ]),
      'admin-respond-to-auth-challenge',
    );
    expect(finished.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('a wrong password exits non-zero with NotAuthorizedException and its message on stderr', async () => {
    const result = await cognitoIdp(target, 'initiate-auth', passwordAuth(seeded('cli-plain'), randomPassword()));
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('NotAuthorizedException');
    expect(result.stderr).toContain('Incorrect username or password.');
  });
});
