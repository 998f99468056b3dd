/**
 * Typed, validated wrappers of the user-pool operations the authenticator uses.
 *
 * Each method checks its request against the API model (validate.ts) before anything is sent,
 * so a bad value costs no round trip and no lockout attempt, then checks that the answer has
 * the shape the callers rely on. A wrong answer becomes a `malformed-response` error naming the
 * field; its message never contains the value (they are tokens and secrets).
 *
 * ClientMetadata, AnalyticsMetadata and UserContextData are validated and sent untouched.
 */

import type * as T from './api-types';
import { isAppError, malformedResponse, validationError, type AppError } from './errors';
import type { Operation } from './operations';
import type { CallOptions, CognitoTransport } from './transport';
import * as v from './validate';

// ---- request helpers -------------------------------------------------------------------------

type Validator = (value: unknown, field: string) => unknown;

/** Validate an optional member: absent (undefined) passes, anything else must satisfy `check`. */
function optional(req: object, key: string, check: Validator): void {
  const value = (req as Record<string, unknown>)[key];
  if (value !== undefined) check(value, key);
}

function required(req: object, key: string, check: Validator): void {
  const value = (req as Record<string, unknown>)[key];
  if (value === undefined) throw validationError(key, 'a value (it is required)');
  check(value, key);
}

function requireObject(req: unknown, op: string): void {
  if (typeof req !== 'object' || req === null || Array.isArray(req)) throw validationError(`${op} request`, 'an object');
}

/** The pass-through members several operations share. */
function validateContext(req: object): void {
  optional(req, 'ClientMetadata', v.validateStringMap);
  optional(req, 'AnalyticsMetadata', v.validateAnalyticsMetadata);
  optional(req, 'UserContextData', v.validateUserContextData);
}

/** AssociateSoftwareToken / VerifySoftwareToken act on either the signed-in user or a sign-in session. */
function exactlyOneOfTokenOrSession(req: { AccessToken?: string; Session?: string }): void {
  const hasToken = req.AccessToken !== undefined;
  const hasSession = req.Session !== undefined;
  if (hasToken === hasSession) {
    throw validationError('AccessToken/Session', 'exactly one of AccessToken (signed in) or Session (during sign-in)');
  }
  optional(req, 'AccessToken', v.validateToken);
  optional(req, 'Session', v.validateSession);
}

/** AuthParameters each flow cannot do without (checked here so the message says which). */
const REQUIRED_AUTH_PARAMETERS: Partial<Record<T.AuthFlowType, readonly string[]>> = {
  USER_SRP_AUTH: ['USERNAME', 'SRP_A'],
  USER_PASSWORD_AUTH: ['USERNAME', 'PASSWORD'],
  CUSTOM_AUTH: ['USERNAME'],
  USER_AUTH: ['USERNAME'],
  REFRESH_TOKEN_AUTH: ['REFRESH_TOKEN'],
  REFRESH_TOKEN: ['REFRESH_TOKEN'],
};

// ---- response helpers ------------------------------------------------------------------------

type Json = Record<string, unknown>;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reads members of a response, throwing malformedResponse(op, path) on a wrong shape. */
class ResponseShape {
  constructor(private readonly op: string) {}

  bad(path: string, problem: string): AppError {
    return malformedResponse(this.op, path, problem);
  }

  object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw this.bad(path, `is ${kindOf(value)}, expected an object`);
    return value as Json;
  }

  string(obj: Json, key: string, path: string, need: 'required' | 'optional', nonEmpty = true): void {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (need === 'required') throw this.bad(path, 'is missing');
      return;
    }
    if (typeof value !== 'string') throw this.bad(path, `is ${kindOf(value)}, expected a string`);
    if (nonEmpty && value === '') throw this.bad(path, 'is an empty string');
  }

  number(obj: Json, key: string, path: string, need: 'required' | 'optional'): void {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (need === 'required') throw this.bad(path, 'is missing');
      return;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.bad(path, `is ${kindOf(value)}, expected a number`);
  }

  boolean(obj: Json, key: string, path: string, need: 'required' | 'optional'): void {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (need === 'required') throw this.bad(path, 'is missing');
      return;
    }
    if (typeof value !== 'boolean') throw this.bad(path, `is ${kindOf(value)}, expected true or false`);
  }

  stringMap(obj: Json, key: string, path: string): void {
    const value = obj[key];
    if (value === undefined || value === null) return;
    const map = this.object(value, path);
    for (const [k, item] of Object.entries(map)) {
      if (typeof item !== 'string') throw this.bad(`${path}.${k}`, `is ${kindOf(item)}, expected a string`);
    }
  }

  stringList(obj: Json, key: string, path: string): void {
    const value = obj[key];
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) throw this.bad(path, `is ${kindOf(value)}, expected a list`);
    value.forEach((item: unknown, i) => {
      if (typeof item !== 'string') throw this.bad(`${path}[${i}]`, `is ${kindOf(item)}, expected a string`);
    });
  }

  /** A member that must pass one of validate.ts's rules (the same as for requests); the problem names the rule, never the value. */
  rule(obj: Json, key: string, path: string, need: 'required' | 'optional', check: Validator): void {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (need === 'required') throw this.bad(path, 'is missing');
      return;
    }
    try {
      check(value, path);
    } catch (error) {
      if (isAppError(error, 'validation')) throw this.bad(path, `is not ${error.details.constraint}`);
      throw error;
    }
  }

  /** A token: a non-empty string (said so when it is not), then validate.ts's token rule. */
  token(obj: Json, key: string, path: string, need: 'required' | 'optional'): void {
    this.string(obj, key, path, need);
    this.rule(obj, key, path, need, v.validateToken);
  }

  session(obj: Json, path: string, need: 'required' | 'optional'): void {
    this.string(obj, 'Session', path, need);
    const s = obj['Session'];
    if (typeof s === 'string' && (s.length < 20 || s.length > 2048)) throw this.bad(path, `is ${s.length} characters, expected 20-2048`);
  }

  attributes(obj: Json, key: string, path: string, need: 'required' | 'optional'): void {
    const value = obj[key];
    if (value === undefined || value === null) {
      if (need === 'required') throw this.bad(path, 'is missing');
      return;
    }
    if (!Array.isArray(value)) throw this.bad(path, `is ${kindOf(value)}, expected a list`);
    value.forEach((item: unknown, i) => {
      const at = `${path}[${i}]`;
      const attr = this.object(item, at);
      this.string(attr, 'Name', `${at}.Name`, 'required');
      this.rule(attr, 'Name', `${at}.Name`, 'required', v.validateAttributeName);
      this.string(attr, 'Value', `${at}.Value`, 'optional', false);
      // The model's AttributeValueType (0-2048): values are shown on the pages.
      if (typeof attr['Value'] === 'string' && attr['Value'].length > 2048) throw this.bad(`${at}.Value`, 'is longer than 2048 characters');
    });
  }

  authenticationResult(value: unknown, path: string): void {
    const r = this.object(value, path);
    // Tokens are stored in the vault and sent back: the request rule (characters, length) holds for them too.
    this.token(r, 'AccessToken', `${path}.AccessToken`, 'required');
    this.number(r, 'ExpiresIn', `${path}.ExpiresIn`, 'required');
    this.token(r, 'IdToken', `${path}.IdToken`, 'optional');
    this.token(r, 'RefreshToken', `${path}.RefreshToken`, 'optional');
    this.string(r, 'TokenType', `${path}.TokenType`, 'optional');
    if (typeof r['TokenType'] === 'string' && r['TokenType'] !== 'Bearer') throw this.bad(`${path}.TokenType`, 'is not Bearer');
    // NewDeviceMetadata is not checked here on purpose: an unusable one must not fail a sign-in
    // whose tokens are good; the engine checks it (device-confirmation.ts) and keeps no device.
  }

  /** InitiateAuth / RespondToAuthChallenge: tokens, or the next challenge with its session. */
  authStep(body: Json): void {
    if (body['AuthenticationResult'] !== undefined && body['AuthenticationResult'] !== null) {
      this.authenticationResult(body['AuthenticationResult'], 'AuthenticationResult');
    } else {
      if (body['ChallengeName'] === undefined || body['ChallengeName'] === null) {
        throw this.bad('AuthenticationResult', 'is missing, and so is ChallengeName (expected one of them)');
      }
      this.string(body, 'ChallengeName', 'ChallengeName', 'required');
      this.session(body, 'Session', 'required');
    }
    this.stringMap(body, 'ChallengeParameters', 'ChallengeParameters');
    this.stringList(body, 'AvailableChallenges', 'AvailableChallenges');
  }

  device(value: unknown, path: string): void {
    const d = this.object(value, path);
    this.rule(d, 'DeviceKey', `${path}.DeviceKey`, 'optional', v.validateDeviceKey);
    this.attributes(d, 'DeviceAttributes', `${path}.DeviceAttributes`, 'optional');
    for (const key of ['DeviceCreateDate', 'DeviceLastModifiedDate', 'DeviceLastAuthenticatedDate']) this.number(d, key, `${path}.${key}`, 'optional');
  }
}

// ---- the API ---------------------------------------------------------------------------------

export class CognitoApi {
  constructor(readonly transport: CognitoTransport) {}

  /** `op` must be in OPERATION_EFFECTS (./operations.ts): the transport's retry policy reads it there. */
  private async send(op: Operation, request: object, options?: CallOptions): Promise<{ body: Json; shape: ResponseShape }> {
    const body = await this.transport.call<Json>(op, request, options);
    return { body, shape: new ResponseShape(op) };
  }

  async initiateAuth(req: T.InitiateAuthRequest, options?: CallOptions): Promise<T.InitiateAuthResponse> {
    requireObject(req, 'InitiateAuth');
    required(req, 'AuthFlow', v.validateAuthFlow);
    if (req.AuthFlow.startsWith('ADMIN_')) {
      throw validationError('AuthFlow', 'a client-side flow (ADMIN_* flows need IAM credentials and AdminInitiateAuth)');
    }
    required(req, 'ClientId', v.validateClientId);
    optional(req, 'AuthParameters', v.validateStringMap);
    for (const key of REQUIRED_AUTH_PARAMETERS[req.AuthFlow] ?? []) {
      if (req.AuthParameters?.[key] === undefined || req.AuthParameters[key] === '') {
        throw validationError(`AuthParameters.${key}`, `a value (${req.AuthFlow} needs ${(REQUIRED_AUTH_PARAMETERS[req.AuthFlow] ?? []).join(' and ')})`);
      }
    }
    optional(req, 'Session', v.validateSession);
    validateContext(req);
    const { body, shape } = await this.send('InitiateAuth', req, options);
    shape.authStep(body);
    return body as T.InitiateAuthResponse;
  }

  async respondToAuthChallenge(req: T.RespondToAuthChallengeRequest, options?: CallOptions): Promise<T.RespondToAuthChallengeResponse> {
    requireObject(req, 'RespondToAuthChallenge');
    required(req, 'ClientId', v.validateClientId);
    required(req, 'ChallengeName', v.validateChallengeName);
    if (req.ChallengeName === 'ADMIN_NO_SRP_AUTH') {
      throw validationError('ChallengeName', 'a challenge other than ADMIN_NO_SRP_AUTH (not valid for RespondToAuthChallenge)');
    }
    optional(req, 'Session', v.validateSession);
    optional(req, 'ChallengeResponses', v.validateStringMap);
    validateContext(req);
    const { body, shape } = await this.send('RespondToAuthChallenge', req, options);
    shape.authStep(body);
    return body as T.RespondToAuthChallengeResponse;
  }

  async associateSoftwareToken(req: T.AssociateSoftwareTokenRequest, options?: CallOptions): Promise<T.AssociateSoftwareTokenResponse> {
    requireObject(req, 'AssociateSoftwareToken');
    exactlyOneOfTokenOrSession(req);
    const { body, shape } = await this.send('AssociateSoftwareToken', req, options);
    shape.rule(body, 'SecretCode', 'SecretCode', 'required', v.validateSecretCode);
    // During sign-in the next call (VerifySoftwareToken) needs the new session.
    shape.session(body, 'Session', req.Session !== undefined ? 'required' : 'optional');
    return body as unknown as T.AssociateSoftwareTokenResponse;
  }

  async verifySoftwareToken(req: T.VerifySoftwareTokenRequest, options?: CallOptions): Promise<T.VerifySoftwareTokenResponse> {
    requireObject(req, 'VerifySoftwareToken');
    exactlyOneOfTokenOrSession(req);
    required(req, 'UserCode', v.validateUserCode);
    optional(req, 'FriendlyDeviceName', v.validateFriendlyDeviceName);
    const { body, shape } = await this.send('VerifySoftwareToken', req, options);
    const status = body['Status'];
    if (status !== undefined && status !== null && status !== 'SUCCESS' && status !== 'ERROR') throw shape.bad('Status', 'is not SUCCESS or ERROR');
    // After success during sign-in, RespondToAuthChallenge(MFA_SETUP) needs the new session.
    shape.session(body, 'Session', req.Session !== undefined && status === 'SUCCESS' ? 'required' : 'optional');
    return body as T.VerifySoftwareTokenResponse;
  }

  async setUserMfaPreference(req: T.SetUserMFAPreferenceRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    requireObject(req, 'SetUserMFAPreference');
    required(req, 'AccessToken', v.validateToken);
    optional(req, 'SMSMfaSettings', (x, f) => v.validateMfaSettings(x, f));
    optional(req, 'SoftwareTokenMfaSettings', (x, f) => v.validateMfaSettings(x, f));
    optional(req, 'EmailMfaSettings', (x, f) => v.validateMfaSettings(x, f));
    optional(req, 'WebAuthnMfaSettings', (x, f) => v.validateMfaSettings(x, f, ['Enabled']));
    await this.send('SetUserMFAPreference', req, options);
    return {};
  }

  async getUser(req: T.GetUserRequest, options?: CallOptions): Promise<T.GetUserResponse> {
    requireObject(req, 'GetUser');
    required(req, 'AccessToken', v.validateToken);
    const { body, shape } = await this.send('GetUser', req, options);
    shape.string(body, 'Username', 'Username', 'required');
    shape.attributes(body, 'UserAttributes', 'UserAttributes', 'required');
    shape.string(body, 'PreferredMfaSetting', 'PreferredMfaSetting', 'optional');
    shape.stringList(body, 'UserMFASettingList', 'UserMFASettingList');
    return body as unknown as T.GetUserResponse;
  }

  async changePassword(req: T.ChangePasswordRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    requireObject(req, 'ChangePassword');
    required(req, 'AccessToken', v.validateToken);
    optional(req, 'PreviousPassword', v.validatePassword);
    required(req, 'ProposedPassword', v.validatePassword);
    await this.send('ChangePassword', req, options);
    return {};
  }

  async globalSignOut(req: T.GlobalSignOutRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    requireObject(req, 'GlobalSignOut');
    required(req, 'AccessToken', v.validateToken);
    await this.send('GlobalSignOut', req, options);
    return {};
  }

  async confirmDevice(req: T.ConfirmDeviceRequest, options?: CallOptions): Promise<T.ConfirmDeviceResponse> {
    requireObject(req, 'ConfirmDevice');
    required(req, 'AccessToken', v.validateToken);
    required(req, 'DeviceKey', v.validateDeviceKey);
    optional(req, 'DeviceName', v.validateDeviceName);
    optional(req, 'DeviceSecretVerifierConfig', (x, f) => {
      if (typeof x !== 'object' || x === null || Array.isArray(x)) throw validationError(f, 'an object {PasswordVerifier, Salt}');
      const cfg = x as Record<string, unknown>;
      for (const key of Object.keys(cfg)) {
        if (key !== 'PasswordVerifier' && key !== 'Salt') throw validationError(f, `only the fields PasswordVerifier, Salt (found "${key.slice(0, 40)}")`);
      }
      // Both base64 of enc(·) (protocol doc §3); an empty one can never verify a device later.
      for (const key of ['PasswordVerifier', 'Salt']) {
        const value = cfg[key];
        if (typeof value !== 'string' || value === '') throw validationError(`${f}.${key}`, 'a non-empty base64 string');
      }
    });
    const { body, shape } = await this.send('ConfirmDevice', req, options);
    shape.boolean(body, 'UserConfirmationNecessary', 'UserConfirmationNecessary', 'optional');
    return body as T.ConfirmDeviceResponse;
  }

  async updateDeviceStatus(req: T.UpdateDeviceStatusRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    requireObject(req, 'UpdateDeviceStatus');
    required(req, 'AccessToken', v.validateToken);
    required(req, 'DeviceKey', v.validateDeviceKey);
    optional(req, 'DeviceRememberedStatus', v.validateDeviceRememberedStatus);
    await this.send('UpdateDeviceStatus', req, options);
    return {};
  }

  async forgetDevice(req: T.ForgetDeviceRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    requireObject(req, 'ForgetDevice');
    required(req, 'AccessToken', v.validateToken);
    required(req, 'DeviceKey', v.validateDeviceKey);
    await this.send('ForgetDevice', req, options);
    return {};
  }

  async getDevice(req: T.GetDeviceRequest, options?: CallOptions): Promise<T.GetDeviceResponse> {
    requireObject(req, 'GetDevice');
    required(req, 'AccessToken', v.validateToken);
    required(req, 'DeviceKey', v.validateDeviceKey);
    const { body, shape } = await this.send('GetDevice', req, options);
    if (body['Device'] === undefined || body['Device'] === null) throw shape.bad('Device', 'is missing');
    shape.device(body['Device'], 'Device');
    return body as unknown as T.GetDeviceResponse;
  }

  async listDevices(req: T.ListDevicesRequest, options?: CallOptions): Promise<T.ListDevicesResponse> {
    requireObject(req, 'ListDevices');
    required(req, 'AccessToken', v.validateToken);
    optional(req, 'Limit', v.validateLimit);
    optional(req, 'PaginationToken', v.validatePaginationToken);
    const { body, shape } = await this.send('ListDevices', req, options);
    const devices = body['Devices'];
    if (devices !== undefined && devices !== null) {
      if (!Array.isArray(devices)) throw shape.bad('Devices', `is ${kindOf(devices)}, expected a list`);
      // A page holds at most what was asked for (Limit, 60 at most): more is not Cognito's answer.
      const limit = req.Limit || 60;
      if (devices.length > limit) throw shape.bad('Devices', `has ${devices.length} devices, more than the ${limit} asked for`);
      devices.forEach((d: unknown, i) => shape.device(d, `Devices[${i}]`));
    }
    shape.string(body, 'PaginationToken', 'PaginationToken', 'optional');
    return body as T.ListDevicesResponse;
  }

  async getTokensFromRefreshToken(req: T.GetTokensFromRefreshTokenRequest, options?: CallOptions): Promise<T.GetTokensFromRefreshTokenResponse> {
    requireObject(req, 'GetTokensFromRefreshToken');
    required(req, 'RefreshToken', (x, f) => v.validateToken(x, f));
    required(req, 'ClientId', v.validateClientId);
    optional(req, 'ClientSecret', v.validateClientSecret);
    optional(req, 'DeviceKey', v.validateDeviceKey);
    optional(req, 'ClientMetadata', v.validateStringMap);
    const { body, shape } = await this.send('GetTokensFromRefreshToken', req, options);
    if (body['AuthenticationResult'] === undefined || body['AuthenticationResult'] === null) throw shape.bad('AuthenticationResult', 'is missing');
    shape.authenticationResult(body['AuthenticationResult'], 'AuthenticationResult');
    return body as unknown as T.GetTokensFromRefreshTokenResponse;
  }

  async revokeToken(req: T.RevokeTokenRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    requireObject(req, 'RevokeToken');
    required(req, 'Token', (x, f) => v.validateToken(x, f));
    required(req, 'ClientId', v.validateClientId);
    optional(req, 'ClientSecret', v.validateClientSecret);
    await this.send('RevokeToken', req, options);
    return {};
  }

  async signUp(req: T.SignUpRequest, options?: CallOptions): Promise<T.SignUpResponse> {
    requireObject(req, 'SignUp');
    required(req, 'ClientId', v.validateClientId);
    optional(req, 'SecretHash', v.validateSecretHash);
    required(req, 'Username', v.validateUsername);
    optional(req, 'Password', v.validatePassword);
    optional(req, 'UserAttributes', v.validateAttributeList);
    optional(req, 'ValidationData', v.validateAttributeList);
    validateContext(req);
    const { body, shape } = await this.send('SignUp', req, options);
    shape.boolean(body, 'UserConfirmed', 'UserConfirmed', 'required');
    shape.string(body, 'UserSub', 'UserSub', 'required');
    if (body['CodeDeliveryDetails'] !== undefined && body['CodeDeliveryDetails'] !== null) shape.object(body['CodeDeliveryDetails'], 'CodeDeliveryDetails');
    shape.session(body, 'Session', 'optional');
    return body as unknown as T.SignUpResponse;
  }

  async confirmSignUp(req: T.ConfirmSignUpRequest, options?: CallOptions): Promise<T.ConfirmSignUpResponse> {
    requireObject(req, 'ConfirmSignUp');
    required(req, 'ClientId', v.validateClientId);
    optional(req, 'SecretHash', v.validateSecretHash);
    required(req, 'Username', v.validateUsername);
    required(req, 'ConfirmationCode', v.validateConfirmationCode);
    optional(req, 'ForceAliasCreation', v.validateBoolean);
    optional(req, 'Session', v.validateSession);
    validateContext(req);
    const { body, shape } = await this.send('ConfirmSignUp', req, options);
    shape.session(body, 'Session', 'optional');
    return body as T.ConfirmSignUpResponse;
  }
}
