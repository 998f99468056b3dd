/**
 * What the pages say when the background refuses something. The background answers
 * `{ code, message }`: the code is stable, the message is English and written for developers as
 * much as for people. Each code the background (or the sign-in engine inside it) can send has an
 * entry here naming a translated, actionable sentence; the background's message is shown under it
 * as a detail only where it tells the person something the sentence does not (which field, which
 * host, what a Lambda trigger said). Unknown codes fall back to the message itself.
 *
 * Pure module (the translation function is passed in) so node tests can check the table against
 * every code the background can emit and against both locales.
 */
import type { ErrorInfo } from '../shared/messages';

export type Translate = (key: string) => string;

/** `detail`: whether the background's message adds information to the translated sentence. */
interface Explanation { key: string; detail: boolean }
export interface ErrorEntry extends Explanation {
  /** Finer sentences picked by the message, for codes that cover several situations. */
  variants?: readonly (Explanation & { when: RegExp })[];
}

const entry = (key: string, detail: boolean, variants?: ErrorEntry['variants']): ErrorEntry =>
  variants ? { key, detail, variants } : { key, detail };

/**
 * Keys are message names in public/_locales/<lang>/messages.json. They all start with "error" so
 * the unit test that scans for used message keys (ui-i18n-keys) finds them.
 */
export const ERROR_ENTRIES: Readonly<Record<string, ErrorEntry>> = Object.freeze({
  // --- the background's own codes (src/shared/messages.ts ErrorCode)
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
  // The background's catch-all for the protocol core; the message names the exception first
  // ("NotAuthorizedException: …"), which explainError() uses to find the specific entry.
  'cognito': entry('errorCodeCognito', true),
  'backup-invalid': entry('errorCodeBackupInvalid', true),
  'import-failed': entry('errorCodeImportFailed', true),
  'qr-not-found': entry('errorCodeQrNotFound', false),
  'internal': entry('errorCodeInternal', true),
  // --- the pages' own codes (src/ui/ask-background.ts): the worker did not answer
  'unreachable': entry('errorUnreachable', false),
  'no-answer': entry('errorUnreachable', false),

  // --- Cognito's exceptions (src/cognito/errors.ts ERROR_CLASSES)
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

  // --- client-side errors of the protocol core and the sign-in engine (their `code` fields)
  ValidationError: entry('errorCodeValidation', true),
  TransportError: entry('errorCodeTransport', true),
  MalformedResponse: entry('errorCodeMalformedResponse', true),
  SignInDenied: entry('errorCodeSignInDenied', false),
  UnsupportedChallenge: entry('errorCodeUnsupportedChallenge', true),
  FlowState: entry('errorCodeFlowState', true),

  // --- errors the engine attaches to a prompt it asks again (src/cognito/engine/challenges)
  InvalidCode: entry('errorCodeInvalidCode', true),
  InvalidChoice: entry('errorCodeInvalidChoice', true),
  PasswordRequired: entry('errorCodePasswordRequired', false),
  MissingAttribute: entry('errorCodeMissingAttribute', true),
});

export interface ErrorView {
  /** The code the sentence was chosen for (the exception's code when 'cognito' named one). */
  code: string;
  /** One sentence in the page's language saying what happened and what to do. */
  text: string;
  /** The background's own (English) words, when they add something to `text`. */
  detail?: string;
}

/** "NotAuthorizedException: Incorrect…" (CognitoError.describe()) → the exception code and the rest. */
const NAMED_EXCEPTION = /^([A-Z][A-Za-z]+): (.*)$/s;

/**
 * The background files the protocol core's client-side errors under 'cognito' too, with their
 * message (and hint) but without their code. Their messages have fixed shapes (src/cognito/errors.ts,
 * src/cognito/engine/flow-errors.ts), recognised here so they get their own sentence; the unit
 * test runs real errors through the background's errorInfo() so a changed shape is noticed.
 */
const CLIENT_ERROR_SHAPES: readonly [RegExp, string][] = [
  [/^Sign-in denied: /, 'SignInDenied'],
  [/^\w+: (could not reach |no answer from |the request was cancelled|\S+ answered with a redirect)/, 'TransportError'],
  [/^\w+ returned an unusable response: /, 'MalformedResponse'],
  [/^Invalid [\w.[\]]+: expected /, 'ValidationError'],
];

/** The most specific code for an error the background filed under 'cognito', and its message. */
function specificCode(message: string): { code: string; message: string } {
  const named = NAMED_EXCEPTION.exec(message);
  // Only a prefix that is a code we know counts: "InitiateAuth: could not reach …" (a transport
  // error) also starts with a word and a colon, and is not an exception name.
  if (named && Object.hasOwn(ERROR_ENTRIES, named[1]!)) return { code: named[1]!, message: named[2]!.trim() };
  const shape = CLIENT_ERROR_SHAPES.find(([pattern]) => pattern.test(message));
  return { code: shape ? shape[1] : 'cognito', message };
}

export function explainError(info: ErrorInfo, t: Translate): ErrorView {
  const { code, message } = info.code === 'cognito' ? specificCode(info.message.trim()) : { code: info.code, message: info.message.trim() };
  const known = Object.hasOwn(ERROR_ENTRIES, code) ? ERROR_ENTRIES[code] : undefined;
  if (!known) return { code, text: message || t('unknownError') };
  const chosen = known.variants?.find((variant) => variant.when.test(message)) ?? known;
  const text = t(chosen.key);
  return chosen.detail && message !== '' && message !== text ? { code, text, detail: message } : { code, text };
}

/** The sentence and its detail as one line, for places that hold only text (announcements, titles). */
export function errorLine(view: ErrorView): string {
  return view.detail ? `${view.text} (${view.detail})` : view.text;
}
