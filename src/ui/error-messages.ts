/**
 * What the pages say when the background refuses something. The background answers
 * `{ code, message }` (src/shared/error-codes.ts): the code says what happened, the message is the
 * English words of whoever refused (Cognito's own message, or the extension's). Each code has an
 * entry here naming a translated, actionable sentence; the message is shown under it as a detail
 * only where it tells the person something the sentence does not (which field, which host, what a
 * Lambda trigger said).
 *
 * Pure module (the translation function is passed in) so node tests can check the table against
 * every code the background can emit and against both locales.
 */
import type { AppErrorCode, ClientErrorCode, ErrorInfo, LimitErrorCode } from '../shared/error-codes';

export type Translate = (key: string) => string;

/** `detail`: whether the background's message adds information to the translated sentence. */
interface Explanation { key: string; detail: boolean }
export interface ErrorEntry extends Explanation {
  /** Finer sentences picked by the message, for codes that cover several situations. */
  variants?: readonly (Explanation & { when: RegExp })[];
}

const entry = (key: string, detail: boolean, variants?: ErrorEntry['variants']): ErrorEntry =>
  variants ? { key, detail, variants } : { key, detail };

// Keys are message names in public/_locales/<lang>/messages.json. They all start with "error" so
// the unit test that scans for used message keys (ui-i18n-keys) finds them.

/** The background's own codes: typed as a complete record, so a new code without a sentence fails to compile. */
const APP_ENTRIES: Readonly<Record<AppErrorCode, ErrorEntry>> = {
  'invalid-request': entry('errorCodeInvalidRequest', true),
  'forbidden-sender': entry('errorCodeForbiddenSender', false),
  'not-initialized': entry('errorCodeNotInitialized', false),
  'already-initialized': entry('errorCodeAlreadyInitialized', false),
  'locked': entry('errorLocked', false),
  'wrong-password': entry('errorWrongPassword', false),
  'weak-password': entry('errorCodeWeakPassword', true),
  'vault-corrupt': entry('errorCodeVaultCorrupt', true),
  'not-found': entry('errorCodeNotFound', true),
  'permission-missing': entry('errorCodePermissionMissing', true),
  'flow-not-waiting': entry('errorCodeFlowNotWaiting', false),
  'interrupted': entry('errorCodeInterrupted', false),
  'backup-invalid': entry('errorCodeBackupInvalid', true),
  'import-failed': entry('errorCodeImportFailed', true),
  'internal': entry('errorCodeInternal', true),
  'signed-out-locally': entry('errorCodeSignedOutLocally', true),
  'storage-full': entry('errorCodeStorageFull', false),
  'account-unrestorable': entry('errorCodeAccountUnrestorable', true),
};

/** One sentence per limit of src/otp/limits.ts; the detail says which field and by how much. */
const LIMIT_ENTRIES: Readonly<Record<LimitErrorCode, ErrorEntry>> = {
  'otp-digits-out-of-range': entry('errorCodeOtpDigitsOutOfRange', true),
  'otp-period-out-of-range': entry('errorCodeOtpPeriodOutOfRange', true),
  'otp-counter-out-of-range': entry('errorCodeOtpCounterOutOfRange', true),
  'otp-secret-too-long': entry('errorCodeOtpSecretTooLong', false),
  'label-too-long': entry('errorCodeLabelTooLong', true),
  'import-too-large': entry('errorCodeImportTooLarge', true),
  'import-line-too-long': entry('errorCodeImportLineTooLong', true),
  'import-too-many-entries': entry('errorCodeImportTooManyEntries', true),
  'qr-too-large': entry('errorCodeQrTooLarge', false),
  'migration-batch-out-of-range': entry('errorCodeMigrationBatchOutOfRange', true),
  'backup-too-many-accounts': entry('errorCodeBackupTooManyAccounts', true),
};

/** Client-side failures of the protocol core and the sign-in engine (complete, like the above). */
const CLIENT_ENTRIES: Readonly<Record<ClientErrorCode, ErrorEntry>> = {
  'validation': entry('errorCodeValidation', true),
  'transport': entry('errorCodeTransport', true),
  'malformed-response': entry('errorCodeMalformedResponse', true),
  'srp-parameter': entry('errorCodeSrpParameter', true),
  'denied': entry('errorCodeSignInDenied', false),
  'unsupported-challenge': entry('errorCodeUnsupportedChallenge', true),
  'flow-state': entry('errorCodeFlowState', true),
  'outcome-unknown': entry('errorCodeOutcomeUnknown', true),
  'response-too-large': entry('errorCodeResponseTooLarge', true),
  'unexpected-challenge': entry('errorCodeUnexpectedChallenge', true),
  'step-limit': entry('errorCodeStepLimit', false),
  'mfa-setup-unavailable': entry('errorCodeMfaSetupUnavailable', true),
};

/**
 * Cognito's exceptions (src/cognito/errors.ts ERROR_CLASSES). Where Cognito uses one exception
 * for several situations, its message tells them apart (protocol doc §1.3 lists the messages):
 * those entries have variants matched against the message.
 */
const COGNITO_ENTRIES: Readonly<Record<string, ErrorEntry>> = {
  AliasExistsException: entry('errorCodeAliasExists', false),
  CodeMismatchException: entry('errorCodeCodeMismatch', false),
  ExpiredCodeException: entry('errorCodeExpiredCode', false),
  ForbiddenException: entry('errorCodeForbidden', true),
  InternalErrorException: entry('errorCodeCognitoInternal', false),
  InvalidLambdaResponseException: entry('errorCodeInvalidLambdaResponse', true),
  InvalidParameterException: entry('errorCodeInvalidParameter', true, [
    { when: /TIMESTAMP/i, key: 'errorCodeInvalidTimestamp', detail: false },
    { when: /USER_PASSWORD_AUTH|USER_SRP_AUTH|flow.*not enabled|not enabled.*flow/i, key: 'errorCodeFlowNotEnabled', detail: true },
  ]),
  InvalidPasswordException: entry('errorCodeInvalidPassword', true),
  InvalidSmsRoleAccessPolicyException: entry('errorCodeSmsRole', true),
  InvalidSmsRoleTrustRelationshipException: entry('errorCodeSmsRole', true),
  InvalidEmailRoleAccessPolicyException: entry('errorCodeEmailRole', true),
  InvalidUserPoolConfigurationException: entry('errorCodeInvalidPoolConfiguration', true),
  MFAMethodNotFoundException: entry('errorCodeMfaMethodNotFound', false),
  NotAuthorizedException: entry('errorCodeNotAuthorized', true, [
    { when: /session is expired|invalid session/i, key: 'errorCodeSessionExpired', detail: false },
    { when: /secret hash|secret_hash|configured for secret/i, key: 'errorCodeClientSecret', detail: false },
    { when: /password attempts exceeded/i, key: 'errorCodeAttemptsExceeded', detail: false },
    { when: /refresh token|revoked/i, key: 'errorCodeSessionRevoked', detail: false },
    { when: /incorrect username or password/i, key: 'errorCodeIncorrectPassword', detail: false },
  ]),
  PasswordResetRequiredException: entry('errorCodePasswordResetRequired', false),
  PasswordHistoryPolicyViolationException: entry('errorCodePasswordReused', false),
  ResourceNotFoundException: entry('errorCodePoolNotFound', true, [
    { when: /device/i, key: 'errorCodeDeviceNotFound', detail: false },
  ]),
  SoftwareTokenMFANotFoundException: entry('errorCodeTotpNotEnabled', false),
  TooManyRequestsException: entry('errorCodeThrottled', false),
  UnexpectedLambdaException: entry('errorCodeLambdaFailed', true),
  UserLambdaValidationException: entry('errorCodeLambdaRejected', true),
  UserNotConfirmedException: entry('errorCodeUserNotConfirmed', false),
  UserNotFoundException: entry('errorCodeUserNotFound', false),
  UsernameExistsException: entry('errorCodeUsernameExists', false),
  EnableSoftwareTokenMFAException: entry('errorCodeTotpSetupMismatch', false),
  RefreshTokenReuseException: entry('errorCodeRefreshTokenReuse', false),
  LimitExceededException: entry('errorCodeLimitExceeded', true),
  TooManyFailedAttemptsException: entry('errorCodeTooManyAttempts', false),
  UnsupportedTokenTypeException: entry('errorCodeUnsupportedTokenType', false),
  UnauthorizedException: entry('errorCodeClientNotAllowed', true),
  ConcurrentModificationException: entry('errorCodeConcurrentModification', false),
  CodeDeliveryFailureException: entry('errorCodeCodeDelivery', true),
  UnsupportedOperationException: entry('errorCodeUnsupportedOperation', true),
  OperationNotEnabledException: entry('errorCodeOperationNotEnabled', true),
  DeviceKeyExistsException: entry('errorCodeDeviceKeyExists', false),
  FeatureUnavailableInTierException: entry('errorCodeFeatureTier', true),
  WebAuthnNotEnabledException: entry('errorCodeWebAuthnNotEnabled', false),
};

export const ERROR_ENTRIES: Readonly<Record<string, ErrorEntry>> = Object.freeze({
  ...APP_ENTRIES,
  ...CLIENT_ENTRIES,
  ...LIMIT_ENTRIES,
  ...COGNITO_ENTRIES,
  // The pages' own codes (src/ui/ask-background.ts): the worker did not answer.
  'unreachable': entry('errorUnreachable', false),
  'no-answer': entry('errorUnreachable', false),
  // Errors the engine attaches to a prompt it asks again (src/cognito/engine/challenges); Cognito's
  // exceptions can be attached too (a wrong code), and read through the entries above.
  InvalidCode: entry('errorCodeInvalidCode', true),
  InvalidChoice: entry('errorCodeInvalidChoice', true),
  PasswordRequired: entry('errorCodePasswordRequired', false),
  MissingAttribute: entry('errorCodeMissingAttribute', true),
  UnsupportedChallenge: entry('errorCodeUnsupportedChallenge', true),
  EmailRequired: entry('errorCodeEmailRequired', false),
});

/**
 * Every code the extension makes up has an entry, so a code without one is an exception Cognito
 * sent that this table does not know (a new one, or a generic AWS code such as
 * ThrottlingException): it gets a general sentence, with the code and Cognito's words as detail.
 */
const UNKNOWN_EXCEPTION: Explanation = { key: 'errorCodeCognito', detail: true };

export interface ErrorView {
  /** The code of the error, as the background sent it. */
  code: string;
  /** One sentence in the page's language saying what happened and what to do. */
  text: string;
  /** The background's own (English) words, when they add something to `text`. */
  detail?: string;
}

export function explainError(info: ErrorInfo, t: Translate): ErrorView {
  const code = info.code;
  const message = info.message.trim();
  // No code: a failure in the page itself, whose message is all there is.
  if (code === '') return { code, text: message || t('unknownError') };
  const known = Object.hasOwn(ERROR_ENTRIES, code) ? ERROR_ENTRIES[code] : undefined;
  const chosen = known ? known.variants?.find((variant) => variant.when.test(message)) ?? known : UNKNOWN_EXCEPTION;
  const text = t(chosen.key);
  const detail = known ? message : [code, message].filter(Boolean).join(': ');
  return chosen.detail && detail !== '' && detail !== text ? { code, text, detail } : { code, text };
}

/** The sentence and its detail as one line, for places that hold only text (announcements, titles). */
export function errorLine(view: ErrorView): string {
  return view.detail ? `${view.text} (${view.detail})` : view.text;
}
