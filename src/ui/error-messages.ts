/**
 * What the pages say when the background refuses something. The background answers
 * `{ code, message, exception? }` (src/shared/error-codes.ts): the code says what happened (where
 * Cognito's answer covers several situations, the protocol core already chose the specific code),
 * the message is the English words of whoever refused (Cognito's own message, or the
 * extension's). Each code has an entry here naming a translated, actionable sentence; the message
 * is shown under it as a detail only where it tells the person something the sentence does not
 * (which field, which host, what a Lambda trigger said). Nothing here reads the message to choose.
 *
 * Pure module (the translation function is passed in) so node tests can check the table against
 * every code the background can emit and against both locales.
 */
import type { PromptErrorDetails } from '../cognito/engine/prompts';
import {
  isErrorCode, type AppErrorCode, ClientErrorCode, ErrorCode, LimitErrorCode, PageErrorCode, PromptErrorCode, ServiceErrorCode,
} from '../shared/error-codes';

export type Translate = (key: string, ...substitutions: (string | number)[]) => string;

/**
 * `detail`: whether the background's message adds information to the translated sentence.
 * `worded`: for errors that carry `details` (a prompt's), the sentence with those facts filled
 * in, or undefined to use `key`'s sentence.
 */
export interface ErrorEntry { key: string; detail: boolean; worded?: (details: PromptErrorDetails, t: Translate) => string | undefined }

const entry = (key: string, detail: boolean, worded?: ErrorEntry['worded']): ErrorEntry => (worded ? { key, detail, worded } : { key, detail });

/** The digits a code must have, as the engine said (one count, or a range). */
function codeDigits(details: PromptErrorDetails, t: Translate): string | undefined {
  const { minDigits: min, maxDigits: max } = details;
  if (min === undefined || max === undefined) return undefined;
  return min === max ? t('errorCodeInvalidCodeDigits', min) : t('errorCodeInvalidCodeDigitRange', min, max);
}

/** The required attributes left empty, by their protocol names (the form shows the same names). */
function emptyAttributes(details: PromptErrorDetails, t: Translate): string | undefined {
  return details.attributes?.length ? t('errorCodeMissingAttributeNamed', details.attributes.join(', ')) : undefined;
}

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
  'site-not-bound': entry('errorCodeSiteNotBound', false),
  'page-storage-cookies': entry('errorCodePageStorageCookies', false),
  'page-storage-unavailable': entry('errorCodePageStorageUnavailable', false),
  'page-unreachable': entry('errorCodePageUnreachable', false),
  'tab-gone': entry('errorCodeTabGone', false),
  'nothing-to-export': entry('errorCodeNothingToExport', false),
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
 * Answers the engine refused before sending, attached to the prompt it asks again. The engine's
 * English message is never shown: the facts it names come as `details` and fill the sentence
 * (the choices are on the form itself, so that sentence names none).
 */
const PROMPT_ENTRIES: Readonly<Record<PromptErrorCode, ErrorEntry>> = {
  'invalid-code': entry('errorCodeInvalidCode', false, codeDigits),
  'invalid-choice': entry('errorCodeInvalidChoice', false),
  'password-required': entry('errorCodePasswordRequired', false),
  'missing-attribute': entry('errorCodeMissingAttribute', false, emptyAttributes),
  'email-required': entry('errorCodeEmailRequired', false),
};

/**
 * Cognito's answers, by the situation the protocol core found when it parsed them (one
 * exception may mean several: src/cognito/errors.ts tells them apart, once).
 */
const SERVICE_ENTRIES: Readonly<Record<ServiceErrorCode, ErrorEntry>> = {
  'alias-exists': entry('errorCodeAliasExists', false),
  'code-mismatch': entry('errorCodeCodeMismatch', false),
  'code-expired': entry('errorCodeExpiredCode', false),
  'code-already-used': entry('errorCodeCodeAlreadyUsed', false),
  'forbidden': entry('errorCodeForbidden', true),
  'service-internal': entry('errorCodeCognitoInternal', false),
  'lambda-invalid-response': entry('errorCodeInvalidLambdaResponse', true),
  'invalid-parameter': entry('errorCodeInvalidParameter', true),
  'timestamp-rejected': entry('errorCodeInvalidTimestamp', false),
  'flow-not-enabled': entry('errorCodeFlowNotEnabled', true),
  'password-policy': entry('errorCodeInvalidPassword', true),
  'sms-role': entry('errorCodeSmsRole', true),
  'email-role': entry('errorCodeEmailRole', true),
  'pool-configuration': entry('errorCodeInvalidPoolConfiguration', true),
  'mfa-method-not-found': entry('errorCodeMfaMethodNotFound', false),
  'not-authorized': entry('errorCodeNotAuthorized', true),
  'incorrect-password': entry('errorCodeIncorrectPassword', false),
  'session-expired': entry('errorCodeSessionExpired', false),
  'client-secret-wrong': entry('errorCodeClientSecret', false),
  'attempts-exceeded': entry('errorCodeAttemptsExceeded', false),
  'session-revoked': entry('errorCodeSessionRevoked', false),
  'password-reset-required': entry('errorCodePasswordResetRequired', false),
  'password-reused': entry('errorCodePasswordReused', false),
  'pool-not-found': entry('errorCodePoolNotFound', true),
  'device-not-found': entry('errorCodeDeviceNotFound', false),
  'totp-not-enabled': entry('errorCodeTotpNotEnabled', false),
  'throttled': entry('errorCodeThrottled', false),
  'lambda-failed': entry('errorCodeLambdaFailed', true),
  'lambda-rejected': entry('errorCodeLambdaRejected', true),
  'user-not-confirmed': entry('errorCodeUserNotConfirmed', false),
  'user-not-found': entry('errorCodeUserNotFound', false),
  'username-exists': entry('errorCodeUsernameExists', false),
  'totp-setup-mismatch': entry('errorCodeTotpSetupMismatch', false),
  'refresh-token-reused': entry('errorCodeRefreshTokenReuse', false),
  'limit-exceeded': entry('errorCodeLimitExceeded', true),
  'too-many-attempts': entry('errorCodeTooManyAttempts', false),
  'unsupported-token-type': entry('errorCodeUnsupportedTokenType', false),
  'client-not-allowed': entry('errorCodeClientNotAllowed', true),
  'concurrent-modification': entry('errorCodeConcurrentModification', false),
  'code-delivery-failed': entry('errorCodeCodeDelivery', true),
  'unsupported-operation': entry('errorCodeUnsupportedOperation', true),
  'operation-not-enabled': entry('errorCodeOperationNotEnabled', true),
  'device-key-exists': entry('errorCodeDeviceKeyExists', false),
  'feature-tier': entry('errorCodeFeatureTier', true),
  'webauthn-not-enabled': entry('errorCodeWebAuthnNotEnabled', false),
  // An exception the core does not know: the general sentence, Cognito's name and words as detail.
  'service-error': entry('errorCodeCognito', true),
};

/** The pages' own codes (src/ui/ask-background.ts): the worker did not answer. */
const PAGE_ENTRIES: Readonly<Record<PageErrorCode, ErrorEntry>> = {
  'unreachable': entry('errorUnreachable', false),
  'no-answer': entry('errorUnreachable', false),
};

/** Every code of the one list (src/shared/error-codes.ts): a code without a sentence does not compile. */
export const ERROR_ENTRIES: Readonly<Record<ErrorCode, ErrorEntry>> = Object.freeze({
  ...APP_ENTRIES,
  ...CLIENT_ENTRIES,
  ...PROMPT_ENTRIES,
  ...LIMIT_ENTRIES,
  ...SERVICE_ENTRIES,
  ...PAGE_ENTRIES,
});

/**
 * A code not in the list (an error stored by an older version, say) gets the general sentence,
 * with the code and the words as detail.
 */
const UNKNOWN_CODE: ErrorEntry = { key: 'errorCodeCognito', detail: true };

/**
 * An error as a page holds it: the background's `{ code, message, exception? }` (ErrorInfo), or
 * a page-side failure with the code ''. The code is a string, not ErrorCode: it came over a
 * message channel or out of storage.
 */
export interface ShownError { code: string; message: string; exception?: string | undefined; details?: PromptErrorDetails | undefined }

export interface ErrorView {
  /** The code of the error, as the background sent it. */
  code: string;
  /** One sentence in the page's language saying what happened and what to do. */
  text: string;
  /**
   * The background's own (English) words, when they add something to `text`. Never a line of
   * its own: pages show it only behind a labelled "Details" disclosure (components/error-text.ts).
   */
  detail?: string;
}

export function explainError(info: ShownError, t: Translate): ErrorView {
  const code = info.code;
  const message = info.message.trim();
  // No code: a failure in the page itself, whose message is all there is.
  if (code === '') return { code, text: message || t('unknownError') };
  const known = isErrorCode(code) ? ERROR_ENTRIES[code] : undefined;
  const chosen = known ?? UNKNOWN_CODE;
  const text = (info.details && chosen.worded?.(info.details, t)) || t(chosen.key);
  // Where the sentence is the general one, the exception's name (or the unknown code) is the clue.
  const name = known ? (code === 'service-error' ? info.exception : undefined) : code;
  const detail = [name, message].filter(Boolean).join(': ');
  return chosen.detail && detail !== '' && detail !== text ? { code, text, detail } : { code, text };
}

/**
 * The error as one line, for places that hold only text (announcements, titles, status lines):
 * the translated sentence alone, since the detail is English and text has no disclosure.
 */
export function errorLine(view: ErrorView): string {
  return view.text;
}
