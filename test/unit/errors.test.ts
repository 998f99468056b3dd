import { describe, expect, it } from 'vitest';
import type * as errors from '../../src/cognito/errors';
import {
  AppError,
  CORE_ERROR_CODES,
  KNOWN_EXCEPTIONS,
  SERVICE_ERROR_CODES,
  errorFromResponse,
  isAppError,
  malformedResponse,
  redactSecrets,
  transportError,
  validationError,
} from '../../src/cognito/errors';
import * as core from '../../src/cognito/index';
import { srpParameterError } from '../../src/cognito/srp/errors';

// The exceptions of the RespondToAuthChallenge reference plus those the other operations meet.
const REQUIRED_CLASSES = [
  'AliasExists', 'CodeMismatch', 'ExpiredCode', 'Forbidden', 'InvalidLambdaResponse', 'InvalidParameter',
  'InvalidPassword', 'InvalidSmsRoleAccessPolicy', 'InvalidSmsRoleTrustRelationship', 'InvalidUserPoolConfiguration',
  'MFAMethodNotFound', 'NotAuthorized', 'PasswordResetRequired', 'ResourceNotFound', 'SoftwareTokenMFANotFound',
  'TooManyRequests', 'UnexpectedLambda', 'UserLambdaValidation', 'UserNotConfirmed', 'UserNotFound',
  'EnableSoftwareTokenMFA', 'RefreshTokenReuse', 'LimitExceeded', 'TooManyFailedAttempts', 'UnsupportedTokenType',
  'Unauthorized', 'ConcurrentModification', 'InvalidEmailRoleAccessPolicy', 'CodeDeliveryFailure',
  'UnsupportedOperation', 'WebAuthnNotEnabled', 'UsernameExists', 'PasswordHistoryPolicyViolation',
];

describe('errorFromResponse', () => {
  it.each(REQUIRED_CLASSES)('gives %sException a code of its own', (name) => {
    const e = errorFromResponse({ code: `${name}Exception`, message: 'Cognito says no.', status: 400, requestId: 'r-1' });
    expect(e).toBeInstanceOf(AppError);
    expect(e).toBeInstanceOf(Error);
    expect(KNOWN_EXCEPTIONS).toContain(`${name}Exception`);
    expect(SERVICE_ERROR_CODES).toContain(e.code);
    expect(e.code).not.toBe('service-error');
    expect(e.exception).toBe(`${name}Exception`);
    expect(e.message).toBe('Cognito says no.');
    expect(e.details.status).toBe(400);
    expect(e.details.requestId).toBe('r-1');
    expect(e.name).toBe('AppError');
  });

  it('maps InternalErrorException to the retryable service-internal', () => {
    const e = errorFromResponse({ code: 'InternalErrorException', message: 'Internal error', status: 500 });
    expect(e.code).toBe('service-internal');
    expect(e.retryable).toBe(true);
  });

  it('retries only throttling and internal errors', () => {
    const retryable = KNOWN_EXCEPTIONS.filter((code) => errorFromResponse({ code, message: 'm', status: 400 }).retryable);
    expect([...retryable].sort()).toEqual(['InternalErrorException', 'TooManyRequestsException']);
    // The exception decides, not the status: a NotAuthorized can never become retryable.
    expect(errorFromResponse({ code: 'NotAuthorizedException', message: 'm', status: 503 }).retryable).toBe(false);
  });

  it('gives unknown exceptions the code service-error, keeping the name, and lets the status decide retrying', () => {
    const e = errorFromResponse({ code: 'BrandNewException', message: 'Something new.', status: 400 });
    expect(e.code).toBe('service-error');
    expect(e.exception).toBe('BrandNewException');
    expect(e.retryable).toBe(false);
    expect(errorFromResponse({ code: 'BrandNewException', message: 'x', status: 503 }).retryable).toBe(true);
    expect(errorFromResponse({ code: 'ThrottlingException', message: 'x', status: 400 }).retryable).toBe(true);
  });

  it('does not treat Object.prototype names as exception codes', () => {
    expect(errorFromResponse({ code: 'constructor', message: 'x', status: 400 }).code).toBe('service-error');
    expect(errorFromResponse({ code: 'toString', message: 'x', status: 400 }).code).toBe('service-error');
  });

  it('chooses the specific code from the Cognito messages people meet, once, where the answer is parsed', () => {
    const code = (exception: string, message: string) => errorFromResponse({ code: exception, message, status: 400 }).code;
    expect(code('NotAuthorizedException', 'Invalid session for the user, session is expired.')).toBe('session-expired');
    expect(code('NotAuthorizedException', 'Unable to verify secret hash for client 1abc')).toBe('client-secret-wrong');
    expect(code('NotAuthorizedException', 'Password attempts exceeded')).toBe('attempts-exceeded');
    expect(code('NotAuthorizedException', 'Incorrect username or password.')).toBe('incorrect-password');
    expect(code('NotAuthorizedException', 'Refresh Token has expired')).toBe('session-revoked');
    expect(code('NotAuthorizedException', 'User is disabled.')).toBe('not-authorized');
    expect(code('InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.')).toBe('timestamp-rejected');
    expect(code('ResourceNotFoundException', 'Device does not exist.')).toBe('device-not-found');
    expect(code('ResourceNotFoundException', 'User pool client abc does not exist.')).toBe('pool-not-found');
    expect(code('ExpiredCodeException', 'Your software token has already been used once.')).toBe('code-already-used');
    expect(code('ExpiredCodeException', 'Invalid code provided, please request a code again.')).toBe('code-expired');
  });

  it('keeps an empty message readable', () => {
    const e = errorFromResponse({ code: 'ForbiddenException', message: '', status: 403 });
    expect(e.message).toBe('ForbiddenException (HTTP 403) without a message');
  });

  it('every service code is reachable from some exception, and the core list holds them all', () => {
    const reached = new Set(KNOWN_EXCEPTIONS.map((code) => errorFromResponse({ code, message: 'm', status: 400 }).code));
    const bySituation = ['incorrect-password', 'session-expired', 'client-secret-wrong', 'attempts-exceeded', 'session-revoked',
      'timestamp-rejected', 'flow-not-enabled', 'device-not-found', 'code-already-used', 'service-error'];
    expect(SERVICE_ERROR_CODES.filter((code) => !reached.has(code) && !bySituation.includes(code))).toEqual([]);
    expect(SERVICE_ERROR_CODES.every((code) => CORE_ERROR_CODES.includes(code))).toBe(true);
  });
});

describe('secrets never appear in errors', () => {
  const password = 'S3cret-Passw0rd!';
  const totpSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('redacts every listed secret from a service message built from a request containing them', () => {
    const e = errorFromResponse({
      code: 'InvalidParameterException',
      message: `1 validation error: value ${password} and secret ${totpSecret} rejected`,
      status: 400,
      redact: [password, totpSecret],
    });
    const text = `${e.message} ${JSON.stringify(e.details)} ${JSON.stringify(e)} ${e.stack ?? ''}`;
    expect(text).not.toContain(password);
    expect(text).not.toContain(totpSecret);
    expect(e.message).toBe('1 validation error: value [redacted] and secret [redacted] rejected');
  });

  it('redacts a longer secret whole even when it contains a shorter one', () => {
    expect(redactSecrets('x abcdefgh y', ['abcd', 'abcdefgh'])).toBe('x [redacted] y');
  });

  it('leaves very short values alone so ordinary words survive', () => {
    expect(redactSecrets('Code mismatch', ['e'])).toBe('Code mismatch');
  });

  it('a validation error names the field and the constraint, never a value', () => {
    const e = validationError('ClientSecret', '24-64 characters (got 7)');
    expect(e.message).toBe('Invalid ClientSecret: expected 24-64 characters (got 7).');
    expect(e.details.field).toBe('ClientSecret');
    expect(e.details.constraint).toBe('24-64 characters (got 7)');
    expect(e.code).toBe('validation');
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/ClientSecret/);
  });
});

describe('client-side errors', () => {
  it('transport failures: network and timeout are retryable, redirect and abort are not', () => {
    const make = (kind: errors.TransportFailureKind) => transportError({ kind, operation: 'InitiateAuth', endpoint: 'https://cognito-idp.eu-west-2.amazonaws.com/?q=secret', attempts: 4 });
    expect(make('network').retryable).toBe(true);
    expect(make('timeout').retryable).toBe(true);
    expect(make('redirect').retryable).toBe(false);
    expect(make('aborted').retryable).toBe(false);
    const e = make('network');
    expect(e.message).toBe('InitiateAuth: could not reach cognito-idp.eu-west-2.amazonaws.com after 4 attempts.');
    expect(e.message).not.toContain('secret');
    expect(e.code).toBe('transport');
    expect(e.details).toMatchObject({ transport: 'network', operation: 'InitiateAuth', attempts: 4 });
  });

  it('a malformed response says which field is wrong', () => {
    const e = malformedResponse('RespondToAuthChallenge', 'AuthenticationResult.ExpiresIn', 'is a string, expected a number');
    expect(e.message).toBe('RespondToAuthChallenge returned an unusable response: AuthenticationResult.ExpiresIn is a string, expected a number.');
    expect(e.code).toBe('malformed-response');
    expect(e.details.field).toBe('AuthenticationResult.ExpiresIn');
    expect(e.retryable).toBe(false);
  });

  it('the core\'s public entry exports the SRP module\'s error, an AppError with its reason', () => {
    expect(core.srpParameterError).toBe(srpParameterError);
    const e = srpParameterError('B_ZERO');
    expect(isAppError(e, 'srp-parameter')).toBe(true);
    expect(e.details.srpReason).toBe('B_ZERO');
  });
});
