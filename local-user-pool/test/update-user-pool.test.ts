/**
 * UpdateUserPool as AWS documents it: "If you don't provide a value for an attribute, Amazon Cognito
 * sets it to its default value." The settings only CreateUserPool takes (schema, sign-in
 * attributes, case sensitivity) stay as created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../src/index.js';
import { admin, call, makePool, type TestPool } from './test-helpers.js';

let pool: LocalPool;

beforeAll(async () => {
  pool = await startLocalPool({ port: 0 });
});
afterAll(() => pool.close());

const describePool = async (p: TestPool) => (await admin(pool.endpoint, 'DescribeUserPool', { UserPoolId: p.poolId })).UserPool;
const setPassword = (p: TestPool, password: string) =>
  call(pool.endpoint, 'AdminSetUserPassword', { UserPoolId: p.poolId, Username: 'nora@example.com', Password: password, Permanent: true }, { admin: true });

describe('UpdateUserPool', () => {
  let p: TestPool;

  beforeAll(async () => {
    p = await makePool(pool.endpoint, {
      PoolName: 'update-resets',
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true } },
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
      AutoVerifiedAttributes: ['email'],
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true }],
    });
    await admin(pool.endpoint, 'SetUserPoolMfaConfig', { UserPoolId: p.poolId, SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'OPTIONAL' });
    await admin(pool.endpoint, 'AdminCreateUser', { UserPoolId: p.poolId, Username: 'nora@example.com', MessageAction: 'SUPPRESS', UserAttributes: [{ Name: 'email', Value: 'nora@example.com' }] });
  });

  it('resets every updatable setting it is not given, and keeps the create-only ones', async () => {
    const before = await describePool(p);
    expect(before.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    expect(before.MfaConfiguration).toBe('OPTIONAL');
    expect((await setPassword(p, 'Short-pw1!')).body.__type).toBe('InvalidPasswordException');

    await admin(pool.endpoint, 'UpdateUserPool', { UserPoolId: p.poolId, UserPoolTags: { team: 'auth' } });

    const after = await describePool(p);
    expect(after.UserPoolTags).toEqual({ team: 'auth' });
    expect(after.DeviceConfiguration).toBeUndefined();
    expect(after.AutoVerifiedAttributes).toBeUndefined();
    expect(after.MfaConfiguration).toBe('OFF');
    expect(after.Policies.PasswordPolicy.MinimumLength).toBe(8);
    // the default policy is the one enforced now
    expect((await setPassword(p, 'Short-pw1!')).status).toBe(200);
    // not UpdateUserPool's to change
    expect(after.UsernameAttributes).toEqual(['email']);
    expect(after.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(after.SchemaAttributes).toEqual([{ Name: 'email', AttributeDataType: 'String', Required: true }]);
    expect(after.Name).toBe('update-resets');
  });

  it('sets what it is given, the pool name included', async () => {
    await admin(pool.endpoint, 'UpdateUserPool', {
      UserPoolId: p.poolId,
      PoolName: 'renamed',
      MfaConfiguration: 'ON',
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
    });
    const after = await describePool(p);
    expect(after.Name).toBe('renamed');
    expect(after.MfaConfiguration).toBe('ON');
    expect(after.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false });
    expect(after.UserPoolTags).toBeUndefined();
  });

  it('refuses MFA ON or OPTIONAL when the pool has no MFA factor, and changes nothing', async () => {
    const bare = await makePool(pool.endpoint, { PoolName: 'no-factor', AutoVerifiedAttributes: ['email'] });
    const r = await call(pool.endpoint, 'UpdateUserPool', { UserPoolId: bare.poolId, MfaConfiguration: 'ON' }, { admin: true });
    expect(r.body).toEqual({ __type: 'InvalidParameterException', message: 'At least one MFA method must be enabled when MfaConfiguration is ON or OPTIONAL.' });
    const after = await describePool(bare);
    expect(after.MfaConfiguration).toBe('OFF');
    expect(after.AutoVerifiedAttributes).toEqual(['email']);
  });
});
