// Turns any thrown value into the `{code, message}` the pages receive (src/shared/error-codes.ts).
// The code is the specific one: Cognito's exception code for a service error, one of
// CLIENT_ERROR_CODES for a failure of the protocol core or engine, the AppError's own code.
// The message is only the error's own words (no English advice: the page translates by code).
// Only messages written to be shown are passed on (our AppError, the protocol core's described
// errors, which are scrubbed of secrets there); anything else becomes a generic "internal" error
// naming only its type.
import { appErrorInfo, type ClientErrorCode, type ErrorInfo } from '../shared/error-codes';
import { CognitoError, MalformedResponseError, OutcomeUnknownError, ResponseTooLargeError, TransportError, ValidationError } from '../cognito/errors';
import { SrpParameterError } from '../cognito/srp/errors';
import {
  ChallengeStepLimitError,
  FlowStateError,
  MfaSetupUnavailableError,
  SignInDeniedError,
  UnexpectedChallengeError,
  UnsupportedChallengeError,
} from '../cognito/engine/flow-errors';
import { OtpImportError } from '../otp/import';
import { OtpParameterError } from '../otp/otp-account';
import { LimitError } from '../otp/limits';
import { AppError, ReportedError } from './errors';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The protocol core's and engine's client-side error classes, by the contract's code for each. */
const CLIENT_ERROR_CLASSES: Readonly<Record<ClientErrorCode, ErrorClass>> = {
  'validation': ValidationError,
  'transport': TransportError,
  'malformed-response': MalformedResponseError,
  'srp-parameter': SrpParameterError,
  'denied': SignInDeniedError,
  'unsupported-challenge': UnsupportedChallengeError,
  'flow-state': FlowStateError,
  'outcome-unknown': OutcomeUnknownError,
  'response-too-large': ResponseTooLargeError,
  'unexpected-challenge': UnexpectedChallengeError,
  'step-limit': ChallengeStepLimitError,
  'mfa-setup-unavailable': MfaSetupUnavailableError,
};
const clientErrorCodes = Object.keys(CLIENT_ERROR_CLASSES) as ClientErrorCode[];

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError || error instanceof ReportedError) return { code: error.code, message: error.message };
  // The message is Cognito's own, already redacted of the request's secrets by the protocol core.
  if (error instanceof CognitoError) return { code: error.code, message: error.message };
  const client = clientErrorCodes.find((code) => error instanceof CLIENT_ERROR_CLASSES[code]);
  if (client) return { code: client, message: (error as Error).message };
  // A limit of src/otp/limits.ts names itself; the message says which field and by how much.
  if (error instanceof LimitError) return { code: error.code, message: error.message };
  if (error instanceof OtpParameterError && error.code) return { code: error.code, message: error.message };
  if (error instanceof OtpImportError || error instanceof OtpParameterError) return appErrorInfo('import-failed', error.message);
  const name = error instanceof Error ? error.name : typeof error;
  return appErrorInfo('internal', `Internal error in the extension (${name}); nothing secret was shown.`);
}
