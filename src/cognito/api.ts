/**
 * Typed, validated wrappers of the user-pool operations the authenticator uses.
 *
 * Each operation is described once in OPERATIONS below: which request members it needs and may
 * carry and by which of validate.ts's rules they are checked (before anything is sent, so a bad
 * value costs no round trip and no lockout attempt), the rules between members, and which answer
 * members the callers rely on. One generic call does the checking for all of them. A wrong answer becomes a `malformed-response` error naming the
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

/** The pass-through members several operations share (validated, sent untouched). */
const CONTEXT: Readonly<Record<string, Validator>> = {
  ClientMetadata: v.validateStringMap,
  AnalyticsMetadata: v.validateAnalyticsMetadata,
  UserContextData: v.validateUserContextData,
};

/** AssociateSoftwareToken / VerifySoftwareToken act on either the signed-in user or a sign-in session. */
function exactlyOneOfTokenOrSession(req: { AccessToken?: string; Session?: string }): void {
  if ((req.AccessToken !== undefined) === (req.Session !== undefined)) {
    throw validationError('AccessToken/Session', 'exactly one of AccessToken (signed in) or Session (during sign-in)');
  }
}

/** validateMfaSettings with its default keys (it must not receive a member name as third argument). */
const mfaSettings: Validator = (x, f) => v.validateMfaSettings(x, f);

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

// ---- the operations --------------------------------------------------------------------------

/**
 * One operation: request members it needs (`need`) and may carry (`may`), each with the rule that
 * checks it, checked in that order; `check`, the rules between members, after them; `answer`, the
 * members of the answer the callers rely on (absent: the operation answers {} whatever arrives).
 */
interface OperationSpec {
  need?: Readonly<Record<string, Validator>>;
  may?: Readonly<Record<string, Validator>>;
  // `never`: each entry names its own request type; call() hands it the request it checked.
  check?: (req: never) => void;
  answer?: (shape: ResponseShape, body: Json, req: never) => void;
}

const ACCESS_TOKEN = { AccessToken: v.validateToken };
const DEVICE = { AccessToken: v.validateToken, DeviceKey: v.validateDeviceKey };

function authStepAnswer(shape: ResponseShape, body: Json): void {
  shape.authStep(body);
}

function authenticationResultAnswer(shape: ResponseShape, body: Json): void {
  if (body['AuthenticationResult'] === undefined || body['AuthenticationResult'] === null) throw shape.bad('AuthenticationResult', 'is missing');
  shape.authenticationResult(body['AuthenticationResult'], 'AuthenticationResult');
}

const OPERATIONS: Readonly<Record<Operation, OperationSpec>> = {
  InitiateAuth: {
    need: { AuthFlow: v.validateAuthFlow, ClientId: v.validateClientId },
    may: { AuthParameters: v.validateStringMap, Session: v.validateSession, ...CONTEXT },
    check: (req: T.InitiateAuthRequest) => {
      if (req.AuthFlow.startsWith('ADMIN_')) {
        throw validationError('AuthFlow', 'a client-side flow (ADMIN_* flows need IAM credentials and AdminInitiateAuth)');
      }
      const needed = REQUIRED_AUTH_PARAMETERS[req.AuthFlow] ?? [];
      for (const key of needed) {
        if (req.AuthParameters?.[key] === undefined || req.AuthParameters[key] === '') {
          throw validationError(`AuthParameters.${key}`, `a value (${req.AuthFlow} needs ${needed.join(' and ')})`);
        }
      }
    },
    answer: authStepAnswer,
  },
  RespondToAuthChallenge: {
    need: { ClientId: v.validateClientId, ChallengeName: v.validateChallengeName },
    may: { Session: v.validateSession, ChallengeResponses: v.validateStringMap, ...CONTEXT },
    check: (req: T.RespondToAuthChallengeRequest) => {
      if (req.ChallengeName === 'ADMIN_NO_SRP_AUTH') {
        throw validationError('ChallengeName', 'a challenge other than ADMIN_NO_SRP_AUTH (not valid for RespondToAuthChallenge)');
      }
    },
    answer: authStepAnswer,
  },
  AssociateSoftwareToken: {
    may: { AccessToken: v.validateToken, Session: v.validateSession },
    check: exactlyOneOfTokenOrSession,
    answer: (shape, body, req: T.AssociateSoftwareTokenRequest) => {
      shape.rule(body, 'SecretCode', 'SecretCode', 'required', v.validateSecretCode);
      // During sign-in the next call (VerifySoftwareToken) needs the new session.
      shape.session(body, 'Session', req.Session !== undefined ? 'required' : 'optional');
    },
  },
  VerifySoftwareToken: {
    need: { UserCode: v.validateUserCode },
    may: { AccessToken: v.validateToken, Session: v.validateSession, FriendlyDeviceName: v.validateFriendlyDeviceName },
    check: exactlyOneOfTokenOrSession,
    answer: (shape, body, req: T.VerifySoftwareTokenRequest) => {
      const status = body['Status'];
      if (status !== undefined && status !== null && status !== 'SUCCESS' && status !== 'ERROR') throw shape.bad('Status', 'is not SUCCESS or ERROR');
      // After success during sign-in, RespondToAuthChallenge(MFA_SETUP) needs the new session.
      shape.session(body, 'Session', req.Session !== undefined && status === 'SUCCESS' ? 'required' : 'optional');
    },
  },
  SetUserMFAPreference: {
    need: ACCESS_TOKEN,
    may: {
      SMSMfaSettings: mfaSettings,
      SoftwareTokenMfaSettings: mfaSettings,
      EmailMfaSettings: mfaSettings,
      WebAuthnMfaSettings: (x, f) => v.validateMfaSettings(x, f, ['Enabled']),
    },
  },
  GetUser: {
    need: ACCESS_TOKEN,
    answer: (shape, body) => {
      shape.string(body, 'Username', 'Username', 'required');
      shape.attributes(body, 'UserAttributes', 'UserAttributes', 'required');
      shape.string(body, 'PreferredMfaSetting', 'PreferredMfaSetting', 'optional');
      shape.stringList(body, 'UserMFASettingList', 'UserMFASettingList');
    },
  },
  ChangePassword: {
    need: { AccessToken: v.validateToken, ProposedPassword: v.validatePassword },
    may: { PreviousPassword: v.validatePassword },
  },
  GlobalSignOut: { need: ACCESS_TOKEN },
  ConfirmDevice: {
    need: DEVICE,
    may: {
      DeviceName: v.validateDeviceName,
      DeviceSecretVerifierConfig: (x, f) => {
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
      },
    },
    answer: (shape, body) => shape.boolean(body, 'UserConfirmationNecessary', 'UserConfirmationNecessary', 'optional'),
  },
  UpdateDeviceStatus: { need: DEVICE, may: { DeviceRememberedStatus: v.validateDeviceRememberedStatus } },
  ForgetDevice: { need: DEVICE },
  GetDevice: {
    need: DEVICE,
    answer: (shape, body) => {
      if (body['Device'] === undefined || body['Device'] === null) throw shape.bad('Device', 'is missing');
      shape.device(body['Device'], 'Device');
    },
  },
  ListDevices: {
    need: ACCESS_TOKEN,
    may: { Limit: v.validateLimit, PaginationToken: v.validatePaginationToken },
    answer: (shape, body, req: T.ListDevicesRequest) => {
      const devices = body['Devices'];
      if (devices !== undefined && devices !== null) {
        if (!Array.isArray(devices)) throw shape.bad('Devices', `is ${kindOf(devices)}, expected a list`);
        // A page holds at most what was asked for (Limit, 60 at most): more is not Cognito's answer.
        const limit = req.Limit || 60;
        if (devices.length > limit) throw shape.bad('Devices', `has ${devices.length} devices, more than the ${limit} asked for`);
        devices.forEach((d: unknown, i) => shape.device(d, `Devices[${i}]`));
      }
      shape.string(body, 'PaginationToken', 'PaginationToken', 'optional');
    },
  },
  GetTokensFromRefreshToken: {
    need: { RefreshToken: v.validateToken, ClientId: v.validateClientId },
    may: { ClientSecret: v.validateClientSecret, DeviceKey: v.validateDeviceKey, ClientMetadata: v.validateStringMap },
    answer: authenticationResultAnswer,
  },
  RevokeToken: {
    need: { Token: v.validateToken, ClientId: v.validateClientId },
    may: { ClientSecret: v.validateClientSecret },
  },
  SignUp: {
    need: { ClientId: v.validateClientId, Username: v.validateUsername },
    may: { SecretHash: v.validateSecretHash, Password: v.validatePassword, UserAttributes: v.validateAttributeList, ValidationData: v.validateAttributeList, ...CONTEXT },
    answer: (shape, body) => {
      shape.boolean(body, 'UserConfirmed', 'UserConfirmed', 'required');
      shape.string(body, 'UserSub', 'UserSub', 'required');
      if (body['CodeDeliveryDetails'] !== undefined && body['CodeDeliveryDetails'] !== null) shape.object(body['CodeDeliveryDetails'], 'CodeDeliveryDetails');
      shape.session(body, 'Session', 'optional');
    },
  },
  ConfirmSignUp: {
    need: { ClientId: v.validateClientId, Username: v.validateUsername, ConfirmationCode: v.validateConfirmationCode },
    may: { SecretHash: v.validateSecretHash, ForceAliasCreation: v.validateBoolean, Session: v.validateSession, ...CONTEXT },
    answer: (shape, body) => shape.session(body, 'Session', 'optional'),
  },
};

// ---- the API ---------------------------------------------------------------------------------

export class CognitoApi {
  constructor(readonly transport: CognitoTransport) {}

  /** Checks the request by the operation's description, sends it, checks the answer. `op` must be in OPERATION_EFFECTS (./operations.ts): the transport's retry policy reads it there. */
  private async send<R>(op: Operation, req: object, options?: CallOptions): Promise<R> {
    if (typeof req !== 'object' || req === null || Array.isArray(req)) throw validationError(`${op} request`, 'an object');
    const spec = OPERATIONS[op];
    const members = req as Record<string, unknown>;
    for (const [key, check] of Object.entries(spec.need ?? {})) {
      if (members[key] === undefined) throw validationError(key, 'a value (it is required)');
      check(members[key], key);
    }
    for (const [key, check] of Object.entries(spec.may ?? {})) {
      if (members[key] !== undefined) check(members[key], key);
    }
    spec.check?.(req as never);
    const body = await this.transport.call<Json>(op, req, options);
    if (!spec.answer) return {} as R;
    spec.answer(new ResponseShape(op), body, req as never);
    return body as R;
  }

  initiateAuth(req: T.InitiateAuthRequest, options?: CallOptions): Promise<T.InitiateAuthResponse> {
    return this.send('InitiateAuth', req, options);
  }

  respondToAuthChallenge(req: T.RespondToAuthChallengeRequest, options?: CallOptions): Promise<T.RespondToAuthChallengeResponse> {
    return this.send('RespondToAuthChallenge', req, options);
  }

  associateSoftwareToken(req: T.AssociateSoftwareTokenRequest, options?: CallOptions): Promise<T.AssociateSoftwareTokenResponse> {
    return this.send('AssociateSoftwareToken', req, options);
  }

  verifySoftwareToken(req: T.VerifySoftwareTokenRequest, options?: CallOptions): Promise<T.VerifySoftwareTokenResponse> {
    return this.send('VerifySoftwareToken', req, options);
  }

  setUserMfaPreference(req: T.SetUserMFAPreferenceRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    return this.send('SetUserMFAPreference', req, options);
  }

  getUser(req: T.GetUserRequest, options?: CallOptions): Promise<T.GetUserResponse> {
    return this.send('GetUser', req, options);
  }

  changePassword(req: T.ChangePasswordRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    return this.send('ChangePassword', req, options);
  }

  globalSignOut(req: T.GlobalSignOutRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    return this.send('GlobalSignOut', req, options);
  }

  confirmDevice(req: T.ConfirmDeviceRequest, options?: CallOptions): Promise<T.ConfirmDeviceResponse> {
    return this.send('ConfirmDevice', req, options);
  }

  updateDeviceStatus(req: T.UpdateDeviceStatusRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    return this.send('UpdateDeviceStatus', req, options);
  }

  forgetDevice(req: T.ForgetDeviceRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    return this.send('ForgetDevice', req, options);
  }

  getDevice(req: T.GetDeviceRequest, options?: CallOptions): Promise<T.GetDeviceResponse> {
    return this.send('GetDevice', req, options);
  }

  listDevices(req: T.ListDevicesRequest, options?: CallOptions): Promise<T.ListDevicesResponse> {
    return this.send('ListDevices', req, options);
  }

  getTokensFromRefreshToken(req: T.GetTokensFromRefreshTokenRequest, options?: CallOptions): Promise<T.GetTokensFromRefreshTokenResponse> {
    return this.send('GetTokensFromRefreshToken', req, options);
  }

  revokeToken(req: T.RevokeTokenRequest, options?: CallOptions): Promise<T.EmptyResponse> {
    return this.send('RevokeToken', req, options);
  }

  signUp(req: T.SignUpRequest, options?: CallOptions): Promise<T.SignUpResponse> {
    return this.send('SignUp', req, options);
  }

  confirmSignUp(req: T.ConfirmSignUpRequest, options?: CallOptions): Promise<T.ConfirmSignUpResponse> {
    return this.send('ConfirmSignUp', req, options);
  }
}
