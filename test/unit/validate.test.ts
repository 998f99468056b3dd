import { describe, expect, it } from 'vitest';
import type { AppError } from '../../src/cognito/errors';
import * as v from '../../src/cognito/validate';

/** Runs `fn`, expects a validation error, returns it. */
function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toMatchObject({ code: 'validation' });
    return e as AppError;
  }
  throw new Error('expected a validation error');
}

describe('scalar fields', () => {
  it('ClientId: 1-128 of [\\w+]', () => {
    expect(v.validateClientId('1example23456789abcdefghij')).toBe('1example23456789abcdefghij');
    expect(v.validateClientId('a+b_c')).toBe('a+b_c');
    expect(v.validateClientId('x'.repeat(128))).toHaveLength(128);
    expect(rejection(() => v.validateClientId('')).message).toBe('Invalid ClientId: expected 1-128 characters (got 0).');
    expect(rejection(() => v.validateClientId('x'.repeat(129))).details.field).toBe('ClientId');
    expect(rejection(() => v.validateClientId('abc-def')).details.constraint).toMatch(/\[\\w\+\]\+/);
    expect(rejection(() => v.validateClientId(42)).message).toBe('Invalid ClientId: expected a string (got number).');
  });

  it('Session: 20-2048 characters', () => {
    v.validateSession('s'.repeat(20));
    v.validateSession('s'.repeat(2048));
    expect(rejection(() => v.validateSession('s'.repeat(19))).details.constraint).toBe('20-2048 characters (got 19)');
    expect(rejection(() => v.validateSession('s'.repeat(2049))).details.field).toBe('Session');
  });

  it('UserCode: exactly six digits', () => {
    expect(v.validateUserCode('012345')).toBe('012345');
    for (const bad of ['12345', '1234567', '12345a', '１２３４５６', ' 123456', '']) {
      expect(rejection(() => v.validateUserCode(bad)).details.constraint).toBe('exactly 6 digits');
    }
  });

  it('DeviceKey: 1-55 of [\\w-]+_[0-9a-f-]+', () => {
    v.validateDeviceKey('eu-west-2_6f1b2d4e-0b1c-4e1a-9f3e-8d2c1a0b9c7d');
    expect(rejection(() => v.validateDeviceKey('eu-west-2_6F1B')).details.field).toBe('DeviceKey');
    expect(rejection(() => v.validateDeviceKey('no-underscore')).details.field).toBe('DeviceKey');
    expect(rejection(() => v.validateDeviceKey(`eu-west-2_${'a'.repeat(50)}`)).details.constraint).toMatch(/1-55 characters/);
  });

  it('DeviceName: 1-1024 characters', () => {
    v.validateDeviceName('Chrome 156 on Linux');
    v.validateDeviceName('d'.repeat(1024));
    rejection(() => v.validateDeviceName(''));
    rejection(() => v.validateDeviceName('d'.repeat(1025)));
  });

  it('ClientSecret: 24-64 of [\\w+], never echoed', () => {
    const good = 'a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5';
    v.validateClientSecret(good);
    rejection(() => v.validateClientSecret('short'));
    const bad = 'abcdefghijklmnopqrstuvwxyz/0123456789';
    const e = rejection(() => v.validateClientSecret(bad));
    expect(`${e.message} ${e.details.constraint} ${JSON.stringify(e)}`).not.toContain(bad);
  });

  it('Limit: integer 0-60', () => {
    expect(v.validateLimit(0)).toBe(0);
    expect(v.validateLimit(60)).toBe(60);
    for (const bad of [-1, 61, 1.5, NaN, '10']) rejection(() => v.validateLimit(bad));
  });

  it('UserPoolId: 1-55 of [\\w-]+_[0-9a-zA-Z]+', () => {
    v.validateUserPoolId('eu-west-2_eYpv1mFHB');
    for (const bad of ['eu-west-2', 'eu-west-2_', 'eu-west-2_abc-def', 'eu west-2_abc', `eu-west-2_${'a'.repeat(50)}`]) {
      expect(rejection(() => v.validateUserPoolId(bad)).details.field).toBe('UserPoolId');
    }
    expect(v.regionOfUserPoolId('ap-southeast-2_Abc')).toBe('ap-southeast-2');
    rejection(() => v.regionOfUserPoolId('EU_abc'));
  });

  it('Username: 1-128 visible characters, including non-Latin ones', () => {
    v.validateUsername('alice');
    v.validateUsername('zoë@example.com');
    v.validateUsername('+447700900123');
    v.validateUsername('山田太郎');
    for (const bad of ['', 'has space', 'tab\tbed', 'u'.repeat(129), 'new\nline']) rejection(() => v.validateUsername(bad));
  });

  it('tokens: JWT characters, not empty, never echoed', () => {
    v.validateToken('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-_=');
    rejection(() => v.validateToken(''));
    const e = rejection(() => v.validateToken('eyJ secret token', 'RefreshToken'));
    expect(e.details.field).toBe('RefreshToken');
    expect(e.message).not.toContain('secret token');
  });

  it('passwords: up to 256 non-space characters, never echoed', () => {
    v.validatePassword('Correct-Horse-9!');
    const e = rejection(() => v.validatePassword('with a space', 'ProposedPassword'));
    expect(e.details.field).toBe('ProposedPassword');
    expect(e.message).not.toContain('with a space');
    rejection(() => v.validatePassword('p'.repeat(257)));
  });

  it('enums: AuthFlow, ChallengeName and DeviceRememberedStatus', () => {
    expect(v.validateAuthFlow('USER_SRP_AUTH')).toBe('USER_SRP_AUTH');
    expect(v.validateChallengeName('DEVICE_PASSWORD_VERIFIER')).toBe('DEVICE_PASSWORD_VERIFIER');
    expect(v.validateChallengeName('SELECT_CHALLENGE')).toBe('SELECT_CHALLENGE');
    expect(v.validateDeviceRememberedStatus('not_remembered')).toBe('not_remembered');
    expect(rejection(() => v.validateAuthFlow('USER_SRP')).message).toMatch(/^Invalid AuthFlow: expected one of USER_SRP_AUTH, .* \(got "USER_SRP"\)\.$/);
    rejection(() => v.validateChallengeName('password_verifier'));
    rejection(() => v.validateDeviceRememberedStatus('REMEMBERED'));
  });

  it('the enums mirror the AWS SDK model', async () => {
    const sdk = await import('@aws-sdk/client-cognito-identity-provider');
    expect([...v.CHALLENGE_NAMES].sort()).toEqual(Object.values(sdk.ChallengeNameType).sort());
    expect([...v.AUTH_FLOWS].sort()).toEqual(Object.values(sdk.AuthFlowType).sort());
    expect([...v.DEVICE_REMEMBERED_STATUSES].sort()).toEqual(Object.values(sdk.DeviceRememberedStatusType).sort());
  });

  it('other fields: SecretHash, ConfirmationCode, PaginationToken, FriendlyDeviceName, booleans, region', () => {
    v.validateSecretHash('QW3YkSgjkc9VNMtbTkuQflK54A6+9GS8ZiRDj0mSvPI=');
    rejection(() => v.validateSecretHash('not base64!'));
    v.validateConfirmationCode('123456');
    rejection(() => v.validateConfirmationCode(''));
    v.validatePaginationToken('next-page');
    rejection(() => v.validatePaginationToken('a b'));
    v.validateFriendlyDeviceName('');
    rejection(() => v.validateFriendlyDeviceName(7));
    expect(rejection(() => v.validateBoolean('true', 'ForceAliasCreation')).message).toBe('Invalid ForceAliasCreation: expected true or false (got string).');
    v.validateRegion('cn-north-1');
    rejection(() => v.validateRegion('evil.com/x'));
  });
});

describe('structured fields', () => {
  it('string maps accept string values only and name the key, never the value', () => {
    v.validateStringMap({ USERNAME: 'alice', PASSWORD: 'pw' }, 'AuthParameters');
    v.validateStringMap({}, 'ClientMetadata');
    const e = rejection(() => v.validateStringMap({ USERNAME: 'alice', MFAS_CAN_SETUP: ['SOFTWARE_TOKEN_MFA'] }, 'ChallengeResponses'));
    expect(e.details.field).toBe('ChallengeResponses.MFAS_CAN_SETUP');
    expect(e.details.constraint).toMatch(/a string \(got an array; encode/);
    rejection(() => v.validateStringMap({ n: 1 }, 'ClientMetadata'));
    rejection(() => v.validateStringMap({ b: true }, 'ClientMetadata'));
    rejection(() => v.validateStringMap(null, 'ClientMetadata'));
    rejection(() => v.validateStringMap(['a'], 'ClientMetadata'));
    rejection(() => v.validateStringMap(new Map([['a', 'b']]), 'ClientMetadata'));
  });

  it('AnalyticsMetadata: {AnalyticsEndpointId?}', () => {
    v.validateAnalyticsMetadata({ AnalyticsEndpointId: 'endpoint-1' });
    v.validateAnalyticsMetadata({});
    expect(rejection(() => v.validateAnalyticsMetadata({ AnalyticsEndpointID: 'x' })).message).toMatch(/only the fields AnalyticsEndpointId \(found "AnalyticsEndpointID"\)/);
    expect(rejection(() => v.validateAnalyticsMetadata({ AnalyticsEndpointId: 5 })).details.field).toBe('AnalyticsMetadata.AnalyticsEndpointId');
  });

  it('UserContextData: {IpAddress?, EncodedData?}', () => {
    v.validateUserContextData({ IpAddress: '192.0.2.1', EncodedData: 'abc' });
    v.validateUserContextData({ EncodedData: undefined });
    rejection(() => v.validateUserContextData({ Ip: '192.0.2.1' }));
    rejection(() => v.validateUserContextData('encoded'));
    expect(rejection(() => v.validateUserContextData({ EncodedData: {} })).details.field).toBe('UserContextData.EncodedData');
  });

  it('MFA settings and attribute lists', () => {
    v.validateMfaSettings({ Enabled: true, PreferredMfa: false }, 'SoftwareTokenMfaSettings');
    expect(rejection(() => v.validateMfaSettings({ Enabled: 'yes' }, 'SoftwareTokenMfaSettings')).details.field).toBe('SoftwareTokenMfaSettings.Enabled');
    rejection(() => v.validateMfaSettings({ PreferredMfa: true }, 'WebAuthnMfaSettings', ['Enabled']));
    v.validateAttributeList([{ Name: 'email', Value: 'a@example.com' }, { Name: 'custom:team' }], 'UserAttributes');
    expect(rejection(() => v.validateAttributeList([{ Name: '' }], 'UserAttributes')).details.field).toBe('UserAttributes[0].Name');
    const e = rejection(() => v.validateAttributeList([{ Name: 'email', Value: 7 }], 'UserAttributes'));
    expect(e.details.field).toBe('UserAttributes[0].Value');
  });
});
