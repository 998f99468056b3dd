// Turns any thrown value into the `{code, message}` the pages receive. Only messages written to
// be shown are passed on (our AppError, the protocol core's described errors, which are scrubbed
// of secrets there); anything else becomes a generic "internal" error naming only its type.
import type { ErrorInfo } from '../shared/messages';
import { CognitoError, MalformedResponseError, TransportError, ValidationError } from '../cognito/errors';
import { SrpParameterError } from '../cognito/srp/errors';
import { FlowStateError, SignInDeniedError, UnsupportedChallengeError } from '../cognito/engine/flow-errors';
import { OtpImportError } from '../otp/import';
import { OtpParameterError } from '../otp/otp-account';
import { AppError } from './errors';

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  if (error instanceof CognitoError) return { code: 'cognito', message: error.describe() };
  if (error instanceof ValidationError || error instanceof TransportError || error instanceof MalformedResponseError
    || error instanceof SrpParameterError || error instanceof SignInDeniedError || error instanceof UnsupportedChallengeError
    || error instanceof FlowStateError) {
    const hint = 'hint' in error && typeof error.hint === 'string' ? error.hint : '';
    return { code: 'cognito', message: `${error.message} ${hint}`.trim() };
  }
  if (error instanceof OtpImportError || error instanceof OtpParameterError) return { code: 'import-failed', message: error.message };
  const name = error instanceof Error ? error.name : typeof error;
  return { code: 'internal', message: `Internal error in the extension (${name}); nothing secret was shown.` };
}
