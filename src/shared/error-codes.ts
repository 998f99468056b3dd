// The error codes of every error answer, one list (the pages translate by code).
//
// Pure module: no browser APIs, so node tests and both ends can import it.
import { CORE_ERROR_CODES, type CoreErrorCode } from '../cognito/errors';
import { LIMIT_ERROR_CODES, type LimitErrorCode } from '../otp/limits';

/**
 * Every error answer is `{ code, message, exception? }`. `code` is stable and says what happened,
 * so the pages pick their (translated) sentence by it alone; `message` is English words for the
 * detail line (the service's own message, or ours) and never holds a secret. The codes are one
 * list (ERROR_CODES): the background's own (APP_ERROR_CODES, below), the protocol core's and
 * engine's (CORE_ERROR_CODES in src/cognito/errors.ts, re-exported here), the OTP limits'
 * (LIMIT_ERROR_CODES) and the pages' own (PAGE_ERROR_CODES). Every layer passes a code on as it is.
 */
export const APP_ERROR_CODES = [
  'invalid-request',     // failed the schema, or a field that does not apply
  'forbidden-sender',    // not from this extension's own pages
  'not-initialized',     // no vault yet: run setup
  'already-initialized',
  'locked',              // the vault must be unlocked first
  'wrong-password',
  'weak-password',
  'vault-corrupt',       // stored data cannot be read; nothing was overwritten
  'not-found',           // account / flow / device does not exist
  'permission-missing',  // host permission for a custom endpoint not granted
  'flow-not-waiting',    // an answer for a flow that is not asking
  'interrupted',         // the worker stopped during a network step
  'backup-invalid',
  'import-failed',
  'internal',            // a bug: the message names only the error's type
  'signed-out-locally',  // sign-out deleted the tokens here, but Cognito did not confirm the session ended (unreachable, or the answer was lost)
  'storage-full',        // the browser's storage quota is reached; the write (a whole import) was not made
  'account-unrestorable', // export refused: a stored account breaks the add-account rules, so the backup could not be restored
  // "Sign in this tab" (src/background/page-session/tab-sessions.ts)
  'site-not-bound',           // the account is not bound to the tab's exact origin
  'page-storage-cookies',     // the page keeps its session in cookies (Amplify ssr: true, a cookie storage): not written
  'page-storage-unavailable', // the page's localStorage cannot be used (opaque or sandboxed origin, storage disabled)
  'page-unreachable',         // the extension cannot run in the tab (a browser page, no access to the site)
  'tab-gone',                 // the tab was closed or left the site before the session could be written
  'nothing-to-export',   // an account export asked of a Cognito account that holds no TOTP secret (device keys and passwords are never exported)
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/**
 * The protocol core's and engine's codes, defined there (src/cognito must not import from here):
 * client-side failures, answers refused before sending (prompt errors), and Cognito's answers by
 * situation (the core picks the specific one when it parses the answer).
 */
export {
  CLIENT_ERROR_CODES, PROMPT_ERROR_CODES, SERVICE_ERROR_CODES,
  type ClientErrorCode, type CoreErrorCode, type PromptErrorCode, type ServiceErrorCode,
} from '../cognito/errors';

/** Inputs beyond one of the limits of src/otp/limits.ts (imports, QR codes, OTP parameters), one code per limit. */
export { LIMIT_ERROR_CODES, type LimitErrorCode } from '../otp/limits';

/** Codes the pages make up themselves when the background does not answer (src/ui/ask-background.ts). */
export const PAGE_ERROR_CODES = ['unreachable', 'no-answer'] as const;
export type PageErrorCode = (typeof PAGE_ERROR_CODES)[number];

/** The one list: every code an error a person sees can have. */
export const ERROR_CODES: readonly ErrorCode[] = [...APP_ERROR_CODES, ...CORE_ERROR_CODES, ...LIMIT_ERROR_CODES, ...PAGE_ERROR_CODES];
export type ErrorCode = AppErrorCode | CoreErrorCode | LimitErrorCode | PageErrorCode;

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

/**
 * An error as the pages receive it. `exception`: Cognito's exception name when Cognito answered
 * (shown as a detail; the code already says what it means).
 */
export interface ErrorInfo { code: ErrorCode; message: string; exception?: string }

/**
 * An error read back from storage (a token refresh's, a flow's), perhaps written by an older
 * version whose codes were Cognito's exception names: a code not in the list is taken as one.
 */
export function storedErrorInfo(stored: { code: string; message: string; exception?: string | undefined }): ErrorInfo {
  const exception = stored.exception !== undefined ? { exception: stored.exception } : {};
  if (isErrorCode(stored.code)) return { code: stored.code, message: stored.message, ...exception };
  return { code: 'service-error', message: stored.message, exception: stored.exception ?? stored.code };
}

/** An error answer with one of the background's own codes (a misspelt code does not compile). */
export function appErrorInfo(code: AppErrorCode, message: string): ErrorInfo {
  return { code, message };
}
