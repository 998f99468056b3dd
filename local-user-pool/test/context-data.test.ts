/** UserContextData, ContextData and AnalyticsMetadata: typed per the model, and the IP they carry used as Cognito uses it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminInitiateAuthCommand, AdminListDevicesCommand, CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { CONTEXT_MEMBERS } from '../src/context-data.js';
import { admin, call, confirmDevice, makePool, makeUser, secretHash, type TestPool } from './test-helpers.js';

let pool: LocalPool;
let p: TestPool;
let sdk: CognitoIdentityProviderClient;
const SERVER_CONTEXT = { IpAddress: '198.51.100.20', ServerName: 'app.example.com', ServerPath: '/login', HttpHeaders: [{ headerName: 'User-Agent', headerValue: 'Mozilla/5.0' }] };

beforeAll(async () => {
  pool = await startLocalPool({ port: 0 });
  p = await makePool(pool.endpoint, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: true } });
  await makeUser(pool.endpoint, p, 'carol', 'Passw0rd!');
  sdk = new CognitoIdentityProviderClient({ endpoint: pool.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(async () => {
  sdk?.destroy();
  await pool.close();
});

/** The IP the pool recorded for the device of a sign-in (confirmed first: only confirmed devices are listed). */
async function lastIpOf(username: string, result: { AccessToken?: string; NewDeviceMetadata?: { DeviceKey?: string; DeviceGroupKey?: string } }): Promise<string | undefined> {
  const deviceKey = result.NewDeviceMetadata!.DeviceKey!;
  await confirmDevice(pool.endpoint, result.AccessToken!, { DeviceKey: deviceKey, DeviceGroupKey: result.NewDeviceMetadata!.DeviceGroupKey! });
  const { Devices } = await sdk.send(new AdminListDevicesCommand({ UserPoolId: p.poolId, Username: username }));
  const d = Devices?.find((x) => x.DeviceKey === deviceKey);
  return d?.DeviceAttributes?.find((a) => a.Name === 'last_ip_used')?.Value;
}

const passwordAuth = (client: TestPool, extra: Record<string, unknown>) =>
  call(pool.endpoint, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: client.clientId,
    AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!', ...(secretHash('carol', client) ? { SECRET_HASH: secretHash('carol', client)! } : {}) },
    ...extra,
  });

describe('types, as the AWS JSON front end checks them', () => {
  it.each(Object.keys(CONTEXT_MEMBERS))('%s: a string for a context structure or a number for AnalyticsMetadata is a SerializationException', async (op) => {
    const isAdmin = op.startsWith('Admin');
    const structure = isAdmin ? 'ContextData' : 'UserContextData';
    const base = { ClientId: p.clientId, UserPoolId: p.poolId, Username: 'carol', AuthFlow: 'USER_PASSWORD_AUTH', ChallengeName: 'SMS_MFA' };
    for (const bad of [{ [structure]: 'EncodedData' }, { AnalyticsMetadata: 42 }, { [structure]: [] }, { AnalyticsMetadata: { AnalyticsEndpointId: 7 } }, { [structure]: { ...(isAdmin ? SERVER_CONTEXT : {}), IpAddress: 1 } }, { [structure]: { ...(isAdmin ? SERVER_CONTEXT : {}), EncodedData: {} } }]) {
      const r = await call(pool.endpoint, op, { ...base, ...bad }, { admin: isAdmin });
      expect(r.body.__type, `${op} ${JSON.stringify(bad)}`).toBe('SerializationException');
    }
  });

  it('ContextData needs IpAddress, ServerName, ServerPath and HttpHeaders (InvalidParameterException), each HttpHeader is two strings', async () => {
    const r = await call(pool.endpoint, 'AdminRespondToAuthChallenge', { UserPoolId: p.poolId, ClientId: p.clientId, ChallengeName: 'SMS_MFA', ContextData: { IpAddress: '192.0.2.1' } }, { admin: true });
    expect(r.body).toEqual({
      __type: 'InvalidParameterException',
      message:
        "3 validation errors detected: Value null at 'contextData.serverName' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'contextData.serverPath' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'contextData.httpHeaders' failed to satisfy constraint: Member must not be null",
    });
    for (const HttpHeaders of ['User-Agent: x', [{ headerName: 1, headerValue: 'x' }], ['User-Agent']]) {
      const bad = await call(pool.endpoint, 'AdminInitiateAuth', { UserPoolId: p.poolId, ClientId: p.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ContextData: { ...SERVER_CONTEXT, HttpHeaders } }, { admin: true });
      expect(bad.body.__type, JSON.stringify(HttpHeaders)).toBe('SerializationException');
    }
    // members a structure does not model are ignored, as the AWS JSON protocol does
    const extra = await call(pool.endpoint, 'AdminInitiateAuth', {
      UserPoolId: p.poolId, ClientId: p.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' }, ContextData: { ...SERVER_CONTEXT, Unmodelled: 1 },
    }, { admin: true });
    expect(extra.status, JSON.stringify(extra.body)).toBe(200);
  });
});

describe('the IP address Cognito records', () => {
  it("AdminInitiateAuth's ContextData.IpAddress is the user's IP, sent through the AWS SDK v3", async () => {
    const out = await sdk.send(new AdminInitiateAuthCommand({
      UserPoolId: p.poolId, ClientId: p.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' }, ContextData: { ...SERVER_CONTEXT, EncodedData: 'fingerprint' },
      AnalyticsMetadata: { AnalyticsEndpointId: 'endpoint-1' },
    }));
    expect(await lastIpOf('carol', out.AuthenticationResult!)).toBe('198.51.100.20');
    const notAnIp = await call(pool.endpoint, 'AdminInitiateAuth', { UserPoolId: p.poolId, ClientId: p.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!' }, ContextData: { ...SERVER_CONTEXT, IpAddress: 'localhost' } }, { admin: true });
    expect(notAnIp.body.__type).toBe('InvalidParameterException');
  });

  it('UserContextData.IpAddress is ignored unless the app client has EnablePropagateAdditionalUserContextData', async () => {
    const plain = await passwordAuth(p, { UserContextData: { IpAddress: '203.0.113.9', EncodedData: 'fp' } });
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    expect(await lastIpOf('carol', plain.body.AuthenticationResult)).toBe('127.0.0.1');

    const { UserPoolClient } = await admin(pool.endpoint, 'CreateUserPoolClient', {
      UserPoolId: p.poolId, ClientName: 'propagating', GenerateSecret: true, EnablePropagateAdditionalUserContextData: true, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    expect(UserPoolClient.EnablePropagateAdditionalUserContextData).toBe(true);
    const propagating: TestPool = { ...p, clientId: UserPoolClient.ClientId, clientSecret: UserPoolClient.ClientSecret };
    const sdkOut = await sdk.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: propagating.clientId,
      AuthParameters: { USERNAME: 'carol', PASSWORD: 'Passw0rd!', SECRET_HASH: secretHash('carol', propagating)! },
      UserContextData: { IpAddress: '203.0.113.9', EncodedData: 'fp' },
    }));
    expect(await lastIpOf('carol', sdkOut.AuthenticationResult!)).toBe('203.0.113.9');
    expect((await passwordAuth(propagating, { UserContextData: { IpAddress: '999.1.1.1' } })).body.__type).toBe('InvalidParameterException');
  });

  it('EnablePropagateAdditionalUserContextData needs a client secret', async () => {
    const r = await call(pool.endpoint, 'CreateUserPoolClient', { UserPoolId: p.poolId, ClientName: 'public', EnablePropagateAdditionalUserContextData: true }, { admin: true });
    expect(r.body.__type).toBe('InvalidParameterException');
    const upd = await call(pool.endpoint, 'UpdateUserPoolClient', { UserPoolId: p.poolId, ClientId: p.clientId, EnablePropagateAdditionalUserContextData: true }, { admin: true });
    expect(upd.body.__type).toBe('InvalidParameterException');
    const described = await admin(pool.endpoint, 'DescribeUserPoolClient', { UserPoolId: p.poolId, ClientId: p.clientId });
    expect(described.UserPoolClient.EnablePropagateAdditionalUserContextData).toBe(false);
  });
});
