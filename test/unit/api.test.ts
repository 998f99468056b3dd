/**
 * CognitoApi against a fault-injection server: requests must be validated before anything is
 * sent, sent unchanged (pass-through members included), and answers of the wrong shape must
 * become `malformed-response` errors naming the field. Real sign-ins are in api-pool.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/cognito/errors';
import { CognitoApi } from '../../src/cognito/api';
import { CognitoTransport } from '../../src/cognito/transport';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from './helpers/scripted-http-server';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function apiAnswering(...script: ScriptedReply[]) {
  server = await startScriptedServer(script.length > 0 ? script : [{ status: 200, body: {} }]);
  const api = new CognitoApi(new CognitoTransport({ endpoint: server.endpoint, maxRetries: 0 }));
  return { api, server };
}

async function malformed(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toMatchObject({ code: 'malformed-response' });
    return e as AppError;
  }
  throw new Error('expected a malformed-response error');
}

async function invalid(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toMatchObject({ code: 'validation' });
    return e as AppError;
  }
  throw new Error('expected a validation error');
}

const CLIENT_ID = '1example23456789abcdefghij';
const SESSION = 'AYABeEXAMPLEsession0123456789';
const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
const TOKENS = { AccessToken: ACCESS, ExpiresIn: 3600, IdToken: 'eyJ.id.tok', RefreshToken: 'eyJ.refresh.tok', TokenType: 'Bearer' };

describe('requests', () => {
  it('sends RespondToAuthChallenge unchanged, ClientMetadata/AnalyticsMetadata/UserContextData included', async () => {
    const { api, server } = await apiAnswering({ status: 200, body: { AuthenticationResult: TOKENS, ChallengeParameters: {} } });
    const request = {
      ClientId: CLIENT_ID,
      ChallengeName: 'SOFTWARE_TOKEN_MFA' as const,
      Session: SESSION,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: '123456' },
      ClientMetadata: { source: 'extension', nested: '{"a":1}' },
      AnalyticsMetadata: { AnalyticsEndpointId: 'endpoint-7' },
      UserContextData: { IpAddress: '192.0.2.4', EncodedData: 'ZW5jb2RlZA==' },
    };
    const result = await api.respondToAuthChallenge(request);
    expect(result.AuthenticationResult?.AccessToken).toBe(ACCESS);
    expect(server.requests[0]!.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.RespondToAuthChallenge');
    expect(JSON.parse(server.requests[0]!.body)).toEqual(request);
  });

  it.each([
    ['a bad ClientId', { ClientId: 'has space', ChallengeName: 'SMS_MFA', Session: SESSION }, 'ClientId'],
    ['a short Session', { ClientId: CLIENT_ID, ChallengeName: 'SMS_MFA', Session: 'short' }, 'Session'],
    ['an unknown ChallengeName', { ClientId: CLIENT_ID, ChallengeName: 'SMS_CODE', Session: SESSION }, 'ChallengeName'],
    ['ADMIN_NO_SRP_AUTH', { ClientId: CLIENT_ID, ChallengeName: 'ADMIN_NO_SRP_AUTH', Session: SESSION }, 'ChallengeName'],
    ['a non-string response', { ClientId: CLIENT_ID, ChallengeName: 'SMS_MFA', Session: SESSION, ChallengeResponses: { SMS_MFA_CODE: 123456 } }, 'ChallengeResponses.SMS_MFA_CODE'],
    ['bad UserContextData', { ClientId: CLIENT_ID, ChallengeName: 'SMS_MFA', Session: SESSION, UserContextData: { Encoded: 'x' } }, 'UserContextData'],
  ])('rejects RespondToAuthChallenge with %s before sending', async (_label, request, field) => {
    const { api, server } = await apiAnswering();
    const e = await invalid(api.respondToAuthChallenge(request as never));
    expect(e.details.field).toBe(field);
    expect(server.requests).toHaveLength(0);
  });

  it('checks the AuthParameters each InitiateAuth flow needs', async () => {
    const { api, server } = await apiAnswering();
    const e = await invalid(api.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice' } }));
    expect(e.details.field).toBe('AuthParameters.PASSWORD');
    expect(e.message).toMatch(/USER_PASSWORD_AUTH needs USERNAME and PASSWORD/);
    await invalid(api.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT_ID }));
    expect((await invalid(api.initiateAuth({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: CLIENT_ID }))).message).toMatch(/IAM credentials/);
    expect(server.requests).toHaveLength(0);
  });

  it('never echoes the password of a rejected request', async () => {
    const { api } = await apiAnswering();
    const password = 'pass word with spaces';
    const e = await invalid(api.changePassword({ AccessToken: ACCESS, PreviousPassword: 'old-Passw0rd', ProposedPassword: password }));
    expect(e.details.field).toBe('ProposedPassword');
    expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(password);
  });

  it('requires exactly one of AccessToken or Session for the TOTP operations', async () => {
    const { api, server } = await apiAnswering();
    await invalid(api.associateSoftwareToken({}));
    await invalid(api.associateSoftwareToken({ AccessToken: ACCESS, Session: SESSION }));
    await invalid(api.verifySoftwareToken({ Session: SESSION, UserCode: '12345' }));
    expect(server.requests).toHaveLength(0);
  });

  it('validates device operations (DeviceKey pattern, DeviceName length, Limit)', async () => {
    const { api, server } = await apiAnswering();
    expect((await invalid(api.confirmDevice({ AccessToken: ACCESS, DeviceKey: 'eu-west-2_ABC', DeviceName: 'x' }))).details.field).toBe('DeviceKey');
    expect((await invalid(api.confirmDevice({ AccessToken: ACCESS, DeviceKey: 'eu-west-2_abc', DeviceName: '' }))).details.field).toBe('DeviceName');
    expect(
      (await invalid(api.confirmDevice({ AccessToken: ACCESS, DeviceKey: 'eu-west-2_abc', DeviceSecretVerifierConfig: { PasswordVerifier: '', Salt: 'AA==' } }))).details.field,
    ).toBe('DeviceSecretVerifierConfig.PasswordVerifier');
    expect((await invalid(api.listDevices({ AccessToken: ACCESS, Limit: 61 }))).details.field).toBe('Limit');
    expect((await invalid(api.updateDeviceStatus({ AccessToken: ACCESS, DeviceKey: 'eu-west-2_abc', DeviceRememberedStatus: 'yes' as never }))).details.field).toBe('DeviceRememberedStatus');
    expect((await invalid(api.forgetDevice({ AccessToken: '', DeviceKey: 'eu-west-2_abc' }))).details.field).toBe('AccessToken');
    expect(server.requests).toHaveLength(0);
  });

  it('validates GetTokensFromRefreshToken and RevokeToken', async () => {
    const { api, server } = await apiAnswering();
    expect((await invalid(api.getTokensFromRefreshToken({ RefreshToken: 'eyJ.a.b', ClientId: CLIENT_ID, ClientSecret: 'too-short' }))).details.field).toBe('ClientSecret');
    expect((await invalid(api.revokeToken({ Token: 'not a token', ClientId: CLIENT_ID }))).details.field).toBe('Token');
    expect(server.requests).toHaveLength(0);
  });
});

describe('responses', () => {
  it('RespondToAuthChallenge must return tokens or the next challenge with a session', async () => {
    const { api } = await apiAnswering({ status: 200, body: { ChallengeParameters: {} } });
    const e = await malformed(api.respondToAuthChallenge({ ClientId: CLIENT_ID, ChallengeName: 'SMS_MFA', Session: SESSION }));
    expect(e.details.field).toBe('AuthenticationResult');
    expect(e.message).toBe('RespondToAuthChallenge returned an unusable response: AuthenticationResult is missing, and so is ChallengeName (expected one of them).');
  });

  it('a challenge without a session is malformed', async () => {
    const { api } = await apiAnswering({ status: 200, body: { ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: {} } });
    expect((await malformed(api.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'a', SRP_A: 'ff' } }))).details.field).toBe('Session');
  });

  it.each([
    [{ ...TOKENS, AccessToken: undefined }, 'AuthenticationResult.AccessToken', 'is missing'],
    [{ ...TOKENS, AccessToken: '' }, 'AuthenticationResult.AccessToken', 'is an empty string'],
    [{ ...TOKENS, ExpiresIn: '3600' }, 'AuthenticationResult.ExpiresIn', 'is a string, expected a number'],
    [{ ...TOKENS, ExpiresIn: undefined }, 'AuthenticationResult.ExpiresIn', 'is missing'],
    [{ ...TOKENS, IdToken: 5 }, 'AuthenticationResult.IdToken', 'is a number, expected a string'],
    // NewDeviceMetadata without a DeviceGroupKey no longer fails the answer: the engine keeps no
    // device and the sign-in succeeds (test/engine/hostile-server.test.ts, "NewDeviceMetadata with no DeviceGroupKey").
  ])('checks AuthenticationResult (%#)', async (result, field, problem) => {
    const { api } = await apiAnswering({ status: 200, body: { AuthenticationResult: result } });
    const e = await malformed(api.respondToAuthChallenge({ ClientId: CLIENT_ID, ChallengeName: 'SMS_MFA', Session: SESSION }));
    expect(e.details.field).toBe(field);
    expect(e.message).toContain(`${field} ${problem}`);
    // The answer held tokens: none may leak into the message.
    expect(e.message).not.toContain(ACCESS);
    expect(e.message).not.toContain('eyJ.refresh.tok');
  });

  it('ChallengeParameters must be a string map, AvailableChallenges a list of strings', async () => {
    const { api } = await apiAnswering(
      { status: 200, body: { ChallengeName: 'MFA_SETUP', Session: SESSION, ChallengeParameters: { MFAS_CAN_SETUP: ['SOFTWARE_TOKEN_MFA'] } } },
      { status: 200, body: { ChallengeName: 'SELECT_CHALLENGE', Session: SESSION, AvailableChallenges: 'PASSWORD' } },
    );
    const req = { AuthFlow: 'USER_AUTH' as const, ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice' } };
    expect((await malformed(api.initiateAuth(req))).details.field).toBe('ChallengeParameters.MFAS_CAN_SETUP');
    expect((await malformed(api.initiateAuth(req))).details.field).toBe('AvailableChallenges');
  });

  it('returns a well-formed challenge as sent', async () => {
    const body = { ChallengeName: 'SELECT_CHALLENGE', Session: SESSION, ChallengeParameters: {}, AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP'] };
    const { api } = await apiAnswering({ status: 200, body });
    await expect(api.initiateAuth({ AuthFlow: 'USER_AUTH', ClientId: CLIENT_ID, AuthParameters: { USERNAME: 'alice' } })).resolves.toEqual(body);
  });

  it('AssociateSoftwareToken must return a usable secret, and a session during sign-in', async () => {
    const { api } = await apiAnswering(
      { status: 200, body: { SecretCode: 'SHORT', Session: SESSION } },
      { status: 200, body: { SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' } },
    );
    const e = await malformed(api.associateSoftwareToken({ Session: SESSION }));
    expect(e.details.field).toBe('SecretCode');
    expect(e.message).not.toContain('SHORT');
    expect((await malformed(api.associateSoftwareToken({ Session: SESSION }))).details.field).toBe('Session');
  });

  it('VerifySoftwareToken: Status must be SUCCESS or ERROR', async () => {
    const { api } = await apiAnswering({ status: 200, body: { Status: 'OK', Session: SESSION } });
    expect((await malformed(api.verifySoftwareToken({ Session: SESSION, UserCode: '123456' }))).details.field).toBe('Status');
  });

  it('GetUser, ListDevices, GetTokensFromRefreshToken and SignUp check their members', async () => {
    const { api } = await apiAnswering(
      { status: 200, body: { Username: 'alice', UserAttributes: [{ Value: 'x' }] } },
      { status: 200, body: { Devices: [{ DeviceKey: 'eu-west-2_abc', DeviceCreateDate: '2024-01-01' }] } },
      { status: 200, body: {} },
      { status: 200, body: { UserConfirmed: 'false', UserSub: 'sub' } },
    );
    expect((await malformed(api.getUser({ AccessToken: ACCESS }))).details.field).toBe('UserAttributes[0].Name');
    expect((await malformed(api.listDevices({ AccessToken: ACCESS }))).details.field).toBe('Devices[0].DeviceCreateDate');
    expect((await malformed(api.getTokensFromRefreshToken({ RefreshToken: 'eyJ.a.b', ClientId: CLIENT_ID }))).details.field).toBe('AuthenticationResult');
    expect((await malformed(api.signUp({ ClientId: CLIENT_ID, Username: 'alice', Password: 'Passw0rd!' }))).details.field).toBe('UserConfirmed');
  });

  it('operations without output return {} whatever extra members arrive', async () => {
    const { api, server } = await apiAnswering({ status: 200, body: { Unexpected: 'member' } });
    await expect(api.globalSignOut({ AccessToken: ACCESS })).resolves.toEqual({});
    await expect(api.forgetDevice({ AccessToken: ACCESS, DeviceKey: 'eu-west-2_0a1b' })).resolves.toEqual({});
    await expect(api.setUserMfaPreference({ AccessToken: ACCESS, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } })).resolves.toEqual({});
    expect(server.requests.map((r) => r.headers['x-amz-target'])).toEqual([
      'AWSCognitoIdentityProviderService.GlobalSignOut',
      'AWSCognitoIdentityProviderService.ForgetDevice',
      'AWSCognitoIdentityProviderService.SetUserMFAPreference',
    ]);
    expect(JSON.parse(server.requests[2]!.body)).toEqual({ AccessToken: ACCESS, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
  });
});
