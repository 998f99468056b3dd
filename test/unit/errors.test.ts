import { describe, expect, it } from 'vitest';
import * as errors from '../../src/cognito/errors';
import {
  CognitoError,
  ERROR_CLASSES,
  MalformedResponseError,
  NotAuthorizedError,
  SrpParameterError,
  TransportError,
  ValidationError,
  errorFromResponse,
  redactSecrets,
} from '../../src/cognito/errors';
import { SrpParameterError as SrpParameterErrorFromSrp } from '../../src/cognito/srp/errors';

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
  it.each(REQUIRED_CLASSES)('maps %sException to %sError', (name) => {
    const e = errorFromResponse({ code: `${name}Exception`, message: 'Cognito says no.', status: 400, requestId: 'r-1' });
    const Expected = (errors as unknown as Record<string, unknown>)[`${name}Error`];
    expect(Expected).toBeTypeOf('function');
    expect(e).toBeInstanceOf(Expected as new () => unknown);
    expect(e).toBeInstanceOf(CognitoError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe(`${name}Exception`);
    expect(e.message).toBe('Cognito says no.');
    expect(e.status).toBe(400);
    expect(e.requestId).toBe('r-1');
    expect(e.name).toBe(`${name}Error`);
    expect(e.hint.length).toBeGreaterThan(20);
    expect(e.hint).toMatch(/[.!]$/);
  });

  it('maps InternalErrorException to the retryable InternalError', () => {
    const e = errorFromResponse({ code: 'InternalErrorException', message: 'Internal error', status: 500 });
    expect(e).toBeInstanceOf(errors.InternalError);
    expect(e.retryable).toBe(true);
  });

  it('retries only throttling and internal errors', () => {
    const retryable = Object.keys(ERROR_CLASSES).filter((code) => errorFromResponse({ code, message: 'm', status: 400 }).retryable);
    expect(retryable.sort()).toEqual(['InternalErrorException', 'TooManyRequestsException']);
    // The class decides, not the status: a NotAuthorized can never become retryable.
    expect(errorFromResponse({ code: 'NotAuthorizedException', message: 'm', status: 503 }).retryable).toBe(false);
  });

  it('gives unknown codes a plain CognitoError whose status decides retrying', () => {
    const e = errorFromResponse({ code: 'BrandNewException', message: 'Something new.', status: 400 });
    expect(e.constructor).toBe(CognitoError);
    expect(e.code).toBe('BrandNewException');
    expect(e.retryable).toBe(false);
    expect(errorFromResponse({ code: 'BrandNewException', message: 'x', status: 503 }).retryable).toBe(true);
    expect(errorFromResponse({ code: 'ThrottlingException', message: 'x', status: 400 }).retryable).toBe(true);
  });

  it('does not treat Object.prototype names as exception codes', () => {
    expect(errorFromResponse({ code: 'constructor', message: 'x', status: 400 }).constructor).toBe(CognitoError);
    expect(errorFromResponse({ code: 'toString', message: 'x', status: 400 }).constructor).toBe(CognitoError);
  });

  it('chooses hints from Cognito messages people meet', () => {
    const hint = (code: string, message: string) => errorFromResponse({ code, message, status: 400 }).hint;
    expect(hint('NotAuthorizedException', 'Invalid session for the user, session is expired.')).toMatch(/session expired/);
    expect(hint('NotAuthorizedException', 'Unable to verify secret hash for client 1abc')).toMatch(/client secret/);
    expect(hint('NotAuthorizedException', 'Password attempts exceeded')).toMatch(/15 minutes/);
    expect(hint('InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.')).toMatch(/clock/);
    expect(hint('ResourceNotFoundException', 'Device does not exist.')).toMatch(/device/);
    expect(hint('ResourceNotFoundException', 'User pool client abc does not exist.')).toMatch(/pool id/);
  });

  it('keeps an empty message readable', () => {
    const e = errorFromResponse({ code: 'ForbiddenException', message: '', status: 403 });
    expect(e.message).toBe('ForbiddenException (HTTP 403) without a message');
  });

  it('describe() joins code, message and hint', () => {
    const e = new NotAuthorizedError({ code: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 });
    expect(e.describe()).toBe(`NotAuthorizedException: Incorrect username or password. ${e.hint}`);
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
    const text = `${e.message} ${e.hint} ${e.describe()} ${JSON.stringify(e)} ${e.stack ?? ''}`;
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

  it('ValidationError names the field and the constraint, never a value', () => {
    const e = new ValidationError('ClientSecret', '24-64 characters (got 7)');
    expect(e.message).toBe('Invalid ClientSecret: expected 24-64 characters (got 7).');
    expect(e.field).toBe('ClientSecret');
    expect(e.constraint).toBe('24-64 characters (got 7)');
    expect(e.code).toBe('ValidationError');
    expect(e.retryable).toBe(false);
    expect(e.hint).toMatch(/ClientSecret/);
  });
});

describe('client-side errors', () => {
  it('TransportError: network and timeout are retryable, redirect and abort are not', () => {
    const make = (kind: errors.TransportFailureKind) => new TransportError({ kind, operation: 'InitiateAuth', endpoint: 'https://cognito-idp.eu-west-2.amazonaws.com/?q=secret', attempts: 4 });
    expect(make('network').retryable).toBe(true);
    expect(make('timeout').retryable).toBe(true);
    expect(make('redirect').retryable).toBe(false);
    expect(make('aborted').retryable).toBe(false);
    const e = make('network');
    expect(e.message).toBe('InitiateAuth: could not reach cognito-idp.eu-west-2.amazonaws.com after 4 attempts.');
    expect(e.message).not.toContain('secret');
    expect(e.hint).toMatch(/connection/);
  });

  it('MalformedResponseError says which field is wrong', () => {
    const e = new MalformedResponseError('RespondToAuthChallenge', 'AuthenticationResult.ExpiresIn', 'is a string, expected a number');
    expect(e.message).toBe('RespondToAuthChallenge returned an unusable response: AuthenticationResult.ExpiresIn is a string, expected a number.');
    expect(e.field).toBe('AuthenticationResult.ExpiresIn');
    expect(e.retryable).toBe(false);
  });

  it('re-exports SrpParameterError from the SRP module', () => {
    expect(SrpParameterError).toBe(SrpParameterErrorFromSrp);
    const e = new SrpParameterError('B_ZERO');
    expect(e.reason).toBe('B_ZERO');
  });
});
