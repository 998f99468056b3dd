// Referee: @aws-sdk/client-cognito-identity-provider (v3). The administrator's set-up must be
// accepted and described back, the admin and public sign-in flows must finish, and errors must
// arrive as the SDK's typed exceptions, exactly as against AWS.
import { describe, expect, it } from 'vitest';
import {
  AdminGetUserCommand,
  AdminRespondToAuthChallengeCommand,
  AdminInitiateAuthCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  NotAuthorizedException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ALL_AUTH_FLOWS, AUTH_SESSION_VALIDITY_MINUTES, randomPassword } from './helpers/setup';
import { passwordVerifierChallenge, ReferenceSrpSession } from './helpers/srp-maths';
import { adminPasswordSignIn, answerPasswordVerifier, passwordSignIn, publicClientOf, startSrpSignIn } from './helpers/sdk-sign-in';
import { refereeSuite } from './helpers/referee-suite';
import { failureOf } from './helpers/expect-failure';
import { totpCode } from './helpers/totp';

const suite = refereeSuite({
  pools: {
    sdk: {
      poolName: 'referee-sdk',
      mfa: 'OPTIONAL',
      users: [
        { username: 'ada', kind: 'ready' },
        { username: 'srp-admin', kind: 'ready' },
        { username: 'srp-public', kind: 'ready' },
        { username: 'confidential', kind: 'ready' },
        { username: 'tess', kind: 'totp' },
        { username: 'newbie', kind: 'temporary' },
      ],
    },
  },
});
const pool = () => suite.pools.sdk;
const user = (name: string) => suite.user('sdk', name);

describe('set-up through the SDK', () => {
  it('puts the pool in the region of its id', () => {
    expect(pool().userPoolId).toMatch(/^us-east-1_[0-9a-zA-Z]+$/);
  });

  it('DescribeUserPool reflects device tracking and MFA', async () => {
    const { UserPool } = await suite.sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool().userPoolId }));
    expect(UserPool?.Id).toBe(pool().userPoolId);
    expect(UserPool?.Name).toBe('referee-sdk');
    expect(UserPool?.MfaConfiguration).toBe('OPTIONAL');
    expect(UserPool?.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: true,
    });
  });

  it('GetUserPoolMfaConfig reflects TOTP enabled', async () => {
    const mfa = await suite.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: pool().userPoolId }));
    expect(mfa.MfaConfiguration).toBe('OPTIONAL');
    expect(mfa.SoftwareTokenMfaConfiguration?.Enabled).toBe(true);
  });

  it('DescribeUserPoolClient reflects both app clients', async () => {
    const publicClient = await suite.sdk.send(
      new DescribeUserPoolClientCommand({ UserPoolId: pool().userPoolId, ClientId: pool().clientId }),
    );
    expect(publicClient.UserPoolClient?.ClientSecret).toBeUndefined();
    expect([...(publicClient.UserPoolClient?.ExplicitAuthFlows ?? [])].sort()).toEqual([...ALL_AUTH_FLOWS].sort());
    expect(publicClient.UserPoolClient?.AuthSessionValidity).toBe(AUTH_SESSION_VALIDITY_MINUTES);

    const confidential = await suite.sdk.send(
      new DescribeUserPoolClientCommand({ UserPoolId: pool().userPoolId, ClientId: pool().secretClient.clientId }),
    );
    // Compared as a boolean so a failure report never prints the secret.
    expect(confidential.UserPoolClient?.ClientSecret === pool().secretClient.clientSecret, 'ClientSecret described back').toBe(true);
  });

  it('AdminGetUser reflects user status and TOTP preference', async () => {
    const ready = await suite.sdk.send(new AdminGetUserCommand({ UserPoolId: pool().userPoolId, Username: 'ada' }));
    expect(ready.UserStatus).toBe('CONFIRMED');
    expect(ready.Enabled).toBe(true);

    const enrolled = await suite.sdk.send(new AdminGetUserCommand({ UserPoolId: pool().userPoolId, Username: 'tess' }));
    expect(enrolled.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    expect(enrolled.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);

    const temporary = await suite.sdk.send(new AdminGetUserCommand({ UserPoolId: pool().userPoolId, Username: 'newbie' }));
    expect(temporary.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
  });
});

describe('admin sign-in', () => {
  it('ADMIN_USER_PASSWORD_AUTH gives tokens that GetUser accepts', async () => {
    const ada = user('ada');
    const result = await adminPasswordSignIn(suite.sdk, pool(), ada);
    expect(result.ChallengeName).toBeUndefined();
    expect(result.AuthenticationResult?.TokenType).toBe('Bearer');
    expect(result.AuthenticationResult?.IdToken).toBeTruthy();
    const me = await suite.sdk.send(new GetUserCommand({ AccessToken: result.AuthenticationResult?.AccessToken }));
    expect(me.Username).toBe('ada');
    expect(me.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe('ada@example.com');
  });

  it('ADMIN_USER_PASSWORD_AUTH then SOFTWARE_TOKEN_MFA with a TOTP code', async () => {
    const tess = user('tess');
    const started = await adminPasswordSignIn(suite.sdk, pool(), tess);
    expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(started.Session?.length).toBeGreaterThanOrEqual(20);

    const finished = await suite.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: pool().userPoolId,
        ClientId: pool().clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: started.Session,
        ChallengeResponses: {
          USERNAME: tess.username,
          SOFTWARE_TOKEN_MFA_CODE: totpCode(tess.totpSecret!, Date.now()),
        },
      }),
    );
    expect(finished.AuthenticationResult?.AccessToken).toBeTruthy();
    const me = await suite.sdk.send(new GetUserCommand({ AccessToken: finished.AuthenticationResult?.AccessToken }));
    expect(me.Username).toBe('tess');
  });

  // The service model has no ADMIN_USER_SRP_AUTH value: the admin SRP flow is AdminInitiateAuth
  // with AuthFlow USER_SRP_AUTH, answered by AdminRespondToAuthChallenge PASSWORD_VERIFIER.
  it('AdminInitiateAuth USER_SRP_AUTH (admin SRP) with the reference SRP maths', async () => {
    const srpUser = user('srp-admin');
    const srp = new ReferenceSrpSession(pool().srpPoolName);
    const started = await suite.sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: pool().userPoolId,
        ClientId: pool().clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: srpUser.username, SRP_A: await srp.srpA() },
      }),
    );
    expect(started.ChallengeName).toBe('PASSWORD_VERIFIER');
    const challenge = passwordVerifierChallenge(started.ChallengeParameters);
    expect(challenge.USER_ID_FOR_SRP).toBe('srp-admin');

    const finished = await suite.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: pool().userPoolId,
        ClientId: pool().clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        Session: started.Session,
        ChallengeResponses: {
          USERNAME: challenge.USER_ID_FOR_SRP,
          ...(await srp.claim(challenge, srpUser.password)),
        },
      }),
    );
    expect(finished.AuthenticationResult?.AccessToken).toBeTruthy();
    const me = await suite.sdk.send(new GetUserCommand({ AccessToken: finished.AuthenticationResult?.AccessToken }));
    expect(me.Username).toBe('srp-admin');
  });
});

describe('public sign-in through the SDK', () => {
  it('InitiateAuth USER_SRP_AUTH then RespondToAuthChallenge PASSWORD_VERIFIER', async () => {
    const srpUser = user('srp-public');
    const started = await startSrpSignIn(suite.sdk, pool(), srpUser.username);
    expect(started.started.ChallengeName).toBe('PASSWORD_VERIFIER');

    const finished = await answerPasswordVerifier(suite.sdk, started, srpUser.password);
    expect(finished.AuthenticationResult?.ExpiresIn).toBeGreaterThan(0);
    const me = await suite.sdk.send(new GetUserCommand({ AccessToken: finished.AuthenticationResult?.AccessToken }));
    expect(me.Username).toBe('srp-public');
  });

  it('USER_PASSWORD_AUTH and USER_SRP_AUTH on the app client with a secret, with SECRET_HASH', async () => {
    const confidential = user('confidential');
    const client = pool().secretClient;
    const byPassword = await passwordSignIn(suite.sdk, client, confidential.username, confidential.password);
    expect(byPassword.AuthenticationResult?.AccessToken).toBeTruthy();

    const started = await startSrpSignIn(suite.sdk, pool(), confidential.username, client);
    const finished = await answerPasswordVerifier(suite.sdk, started, confidential.password);
    expect(finished.AuthenticationResult?.AccessToken).toBeTruthy();
  });
});

describe('errors arrive as typed SDK exceptions', () => {
  it('a wrong password is NotAuthorizedException "Incorrect username or password."', async () => {
    const ada = user('ada');
    const err = await failureOf(passwordSignIn(suite.sdk, publicClientOf(pool()), ada.username, randomPassword()));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect((err as NotAuthorizedException).$metadata.httpStatusCode).toBe(400);
  });

  it('a wrong SRP password claim is NotAuthorizedException "Incorrect username or password."', async () => {
    const srpUser = user('srp-public');
    const started = await startSrpSignIn(suite.sdk, pool(), srpUser.username);
    const err = await failureOf(answerPasswordVerifier(suite.sdk, started, randomPassword()));
    expect(err).toBeInstanceOf(NotAuthorizedException);
    expect(err).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});
