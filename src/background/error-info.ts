// Turns any thrown value into the `{ code, message, exception? }` the pages receive
// (src/shared/error-codes.ts). An AppError passes its own code (chosen where it was raised: the
// protocol core picks a specific one for each of Cognito's answers), so no layer renames a code.
// The message is only the error's own words (no English advice: the page translates by code).
// Only messages written to be shown are passed on (AppErrors, whose messages never hold a secret,
// the OTP layer's included); anything else becomes a generic "internal" error naming only its type.
// The OTP layer's finer codes (a URI's, a parameter's, a document's) reach the pages as
// `import-failed` with their message; its limits' codes are in the one list and pass as they are.
import { appErrorInfo, isErrorCode, type ErrorCode, type ErrorInfo } from '../shared/error-codes';
import { AppError } from '../cognito/errors';
import { isOtpError, limitOf } from '../otp/otp-errors';

export function errorInfo(error: unknown): ErrorInfo {
  if (isOtpError(error)) {
    // A limit of src/otp/limits.ts names itself (the message says which field and by how much).
    const limit = limitOf(error);
    return limit !== undefined ? { code: limit, message: error.message } : appErrorInfo('import-failed', error.message);
  }
  if (error instanceof AppError) {
    // The background's AppErrors carry its codes, the core's the core's: both are in the one list.
    if (!isErrorCode(error.code)) return appErrorInfo('internal', `Internal error in the extension (unknown code); nothing secret was shown.`);
    const info: ErrorInfo = { code: error.code, message: error.message };
    if (error.exception !== undefined) info.exception = error.exception;
    return info;
  }
  const name = error instanceof Error ? error.name : typeof error;
  return appErrorInfo('internal', `Internal error in the extension (${name}); nothing secret was shown.`);
}

/** The error a page is shown, thrown on as an AppError (e.g. after scrubbing it of an account's secrets). */
export function errorFromInfo(info: ErrorInfo): AppError<ErrorCode> {
  return new AppError<ErrorCode>({ code: info.code, message: info.message, ...(info.exception !== undefined ? { exception: info.exception } : {}) });
}
