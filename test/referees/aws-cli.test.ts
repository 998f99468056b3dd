// Referee: the AWS CLI (Debian's aws, botocore). Public calls go unsigned, admin calls are
// SigV4-signed with dummy credentials; both must work against the pool as against AWS.
import { describe, it } from 'vitest';
import type {
  AdminInitiateAuthResponse,
  InitiateAuthResponse,
  RespondToAuthChallengeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { randomPassword, type SeededUser } from './helpers/setup';
import { cliJson, cognitoIdp, type CliTarget } from './helpers/aws-cli';
import { refereeSuite } from './helpers/referee-suite';
import { totpCode } from './helpers/totp';

const suite = refereeSuite({
  pools: {
    cli: {
      poolName: 'referee-cli',
      mfa: 'OPTIONAL',
      users: [
        { username: 'cli-plain', kind: 'ready' },
        { username: 'cli-totp', kind: 'totp' },
        { username: 'cli-admin-totp', kind: 'totp' },
      ],
    },
  },
});
const pool = () => suite.pools.cli;
const seeded = (name: string) => suite.user('cli', name);
const target = (): CliTarget => ({ endpoint: pool().endpoint, region: pool().region });

/** `--auth-flow USER_PASSWORD_AUTH` on the public client, for initiate-auth. */
function passwordAuth(user: SeededUser, password = user.password): string[] {
  return [
    '--client-id',
    pool().clientId,
    '--auth-flow',
    'USER_PASSWORD_AUTH',
    '--auth-parameters',
    JSON.stringify({ USERNAME: user.username, PASSWORD: password }),
  ];
}

/** The same with ADMIN_USER_PASSWORD_AUTH, for admin-initiate-auth. */
function adminPasswordAuth(user: SeededUser): string[] {
  return [
    '--user-pool-id',
    pool().userPoolId,
    '--client-id',
    pool().clientId,
    '--auth-flow',
    'ADMIN_USER_PASSWORD_AUTH',
    '--auth-parameters',
    JSON.stringify({ USERNAME: user.username, PASSWORD: user.password }),
  ];
}

/** A SOFTWARE_TOKEN_MFA answer with the current code, for (admin-)respond-to-auth-challenge. */
function totpAnswer(user: SeededUser, session: string | undefined): string[] {
  return [
    '--client-id',
    pool().clientId,
    '--challenge-name',
    'SOFTWARE_TOKEN_MFA',
    '--session',
    session ?? '',
    '--challenge-responses',
    JSON.stringify({ USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: totpCode(user.totpSecret!, Date.now()) }),
  ];
}

// Each test is its own CLI process chain on its own user, so they run side by side: the CLI's
// start-up (Python, botocore's service model) is most of their time.
describe.concurrent('aws cognito-idp against the local pool', () => {
  it('initiate-auth USER_PASSWORD_AUTH returns tokens', async ({ expect }) => {
    const result = cliJson<InitiateAuthResponse>(
      await cognitoIdp(target(), 'initiate-auth', passwordAuth(seeded('cli-plain'))),
      'initiate-auth',
    );
    expect(result.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(result.AuthenticationResult?.TokenType).toBe('Bearer');
  });

  it('initiate-auth then respond-to-auth-challenge SOFTWARE_TOKEN_MFA', async ({ expect }) => {
    const user = seeded('cli-totp');
    const started = cliJson<InitiateAuthResponse>(
      await cognitoIdp(target(), 'initiate-auth', passwordAuth(user)),
      'initiate-auth',
    );
    expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    const finished = cliJson<RespondToAuthChallengeResponse>(
      await cognitoIdp(target(), 'respond-to-auth-challenge', totpAnswer(user, started.Session)),
      'respond-to-auth-challenge',
    );
    expect(finished.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('admin-initiate-auth then admin-respond-to-auth-challenge (SigV4)', async ({ expect }) => {
    const plain = seeded('cli-plain');
    const user = seeded('cli-admin-totp');
    const [directRun, startedRun] = await Promise.all([
      cognitoIdp(target(), 'admin-initiate-auth', adminPasswordAuth(plain)),
      cognitoIdp(target(), 'admin-initiate-auth', adminPasswordAuth(user)),
    ]);
    const direct = cliJson<AdminInitiateAuthResponse>(directRun, 'admin-initiate-auth');
    expect(direct.AuthenticationResult?.AccessToken).toBeTruthy();

    const started = cliJson<AdminInitiateAuthResponse>(startedRun, 'admin-initiate-auth');
    expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');

    const finished = cliJson<RespondToAuthChallengeResponse>(
      await cognitoIdp(target(), 'admin-respond-to-auth-challenge', ['--user-pool-id', pool().userPoolId, ...totpAnswer(user, started.Session)]),
      'admin-respond-to-auth-challenge',
    );
    expect(finished.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('a wrong password exits non-zero with NotAuthorizedException and its message on stderr', async ({ expect }) => {
    const result = await cognitoIdp(target(), 'initiate-auth', passwordAuth(seeded('cli-plain'), randomPassword()));
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('NotAuthorizedException');
    expect(result.stderr).toContain('Incorrect username or password.');
  });
});
