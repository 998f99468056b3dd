// The message contract between the extension pages (popup, options) and the background.
// One valibot schema per request type; the background validates every request with
// `parseRequest` before dispatching, and the pages import the types to build requests and read
// answers. The table in docs/architecture.md ("Messages") is the human-readable form of this file.
//
// Pure module: no browser APIs, so node tests and both ends can import it.
import * as v from 'valibot';
import { MAX_CLOCK_OFFSET_MS } from '../cognito/clock';
import type { LimitErrorCode } from '../otp/limits';
import type { ProgressEvent } from './flow-progress';
import {
  ClientIdSchema, ClientSecretSchema, CounterSchema, DigitsSchema, EndpointSchema, IssuerSchema, LabelSchema, OtpAlgorithmSchema,
  PasswordSchema, PeriodSchema, PolicySchema, SecretTextSchema, UserPoolIdSchema, UsernameSchema,
} from './account-schema';

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Bounded strings: nothing a page sends may be unbounded (the vault holds it encrypted). */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nonEmpty = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
/** Vault and backup passwords; a new one must also pass ./password-rules.ts (checked by the handlers). */
const Password = PasswordSchema;
const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1-64 of A-Z a-z 0-9 _ -'));

// An account's fields have one rule each, in ./account-schema.ts (also used by every import).
export { OtpAlgorithmSchema, PolicySchema };
export type Policy = v.InferOutput<typeof PolicySchema>;
export type OtpAlgorithm = v.InferOutput<typeof OtpAlgorithmSchema>;
const Digits = DigitsSchema;
const Period = PeriodSchema;
const Counter = CounterSchema;
/**
 * A person's correction for a plain TOTP account whose server's clock is off: whole seconds added
 * to this computer's time for its codes, within the one bound of every offset (MAX_CLOCK_OFFSET_MS).
 */
export const MAX_CLOCK_OFFSET_SECONDS = MAX_CLOCK_OFFSET_MS / 1000;
export const ClockOffsetSecondsSchema = v.pipe(v.number(), v.integer(), v.minValue(-MAX_CLOCK_OFFSET_SECONDS), v.maxValue(MAX_CLOCK_OFFSET_SECONDS));
/** base32 as typed or pasted; the background normalises (spaces, case, padding) and decodes strictly. */
const Base32Secret = SecretTextSchema;
const Endpoint = EndpointSchema;
const Label = LabelSchema;
const Issuer = IssuerSchema;

// ---------------------------------------------------------------------------------------------
// Accounts

/** What a page sends to create an account. Secrets travel once, into the vault, never back. */
const CognitoAccountInputSchema = v.strictObject({
  kind: v.literal('cognito'),
  label: Label,
  userPoolId: UserPoolIdSchema,
  clientId: ClientIdSchema,
  clientSecret: v.optional(ClientSecretSchema),
  endpoint: v.optional(Endpoint),
  username: UsernameSchema,
  policy: PolicySchema,
  password: v.optional(Password),
  totpSecret: v.optional(Base32Secret),
});
const TotpAccountInputSchema = v.strictObject({
  kind: v.literal('totp'),
  label: Label,
  issuer: v.optional(Issuer),
  secret: Base32Secret,
  algorithm: OtpAlgorithmSchema,
  digits: Digits,
  period: Period,
  /** Absent: the system clock (plain TOTP accounts never take an offset learnt from a server). */
  clockOffsetSeconds: v.optional(ClockOffsetSecondsSchema),
});
const HotpAccountInputSchema = v.strictObject({
  kind: v.literal('hotp'),
  label: Label,
  issuer: v.optional(Issuer),
  secret: Base32Secret,
  algorithm: OtpAlgorithmSchema,
  digits: Digits,
  counter: Counter,
});
export const AccountInputSchema = v.variant('kind', [CognitoAccountInputSchema, TotpAccountInputSchema, HotpAccountInputSchema]);
export type AccountInput = v.InferOutput<typeof AccountInputSchema>;
export type CognitoAccountInput = v.InferOutput<typeof CognitoAccountInputSchema>;
export type TotpAccountInput = v.InferOutput<typeof TotpAccountInputSchema>;
export type HotpAccountInput = v.InferOutput<typeof HotpAccountInputSchema>;

/**
 * Changes to an existing account. Fields that do not apply to the account's kind are refused by
 * the handler. `null` clears an optional field (e.g. forget the stored password).
 */
export const AccountPatchSchema = v.strictObject({
  label: v.optional(Label),
  issuer: v.optional(v.nullable(Issuer)),
  // Cognito accounts
  clientSecret: v.optional(v.nullable(ClientSecretSchema)),
  endpoint: v.optional(v.nullable(Endpoint)),
  username: v.optional(UsernameSchema),
  policy: v.optional(PolicySchema),
  password: v.optional(v.nullable(Password)),
  totpSecret: v.optional(v.nullable(Base32Secret)),
  /** Drop the remembered device from the vault (does not tell Cognito; use forget-device for that). */
  clearDevice: v.optional(v.literal(true)),
  // TOTP / HOTP accounts
  algorithm: v.optional(OtpAlgorithmSchema),
  digits: v.optional(Digits),
  period: v.optional(Period),
  counter: v.optional(Counter),
  /** TOTP accounts: seconds added to the system clock for the codes; null: back to the system clock. */
  clockOffsetSeconds: v.optional(v.nullable(ClockOffsetSecondsSchema)),
});
export type AccountPatch = v.InferOutput<typeof AccountPatchSchema>;

/** What the background shows of an account: never a secret, only whether one is stored. */
export type AccountSummary =
  | {
      kind: 'cognito'; id: string; label: string; userPoolId: string; clientId: string; endpoint?: string;
      username: string; policy: Policy; hasClientSecret: boolean; hasPassword: boolean; hasTotpSecret: boolean;
      /** The remembered device's key (an identifier, not a secret), if any. */
      deviceKey?: string;
      /** Epoch ms when the stored access token expires, if a sign-in succeeded. */
      tokensExpireAt?: number;
      /** The last automatic token refresh failed (and why); a new sign-in clears it. */
      refreshError?: ErrorInfo & { at: number };
    }
  | { kind: 'totp'; id: string; label: string; issuer?: string; algorithm: OtpAlgorithm; digits: number; period: number; clockOffsetSeconds?: number }
  | { kind: 'hotp'; id: string; label: string; issuer?: string; algorithm: OtpAlgorithm; digits: number; counter: number };

/** An account whose code cannot be made (its record breaks a rule), with the reason. */
export interface CodeError { id: string; error: ErrorInfo }

export type OtpCode =
  | { id: string; kind: 'totp'; code: string; period: number; expiresAt: number }
  | { id: string; kind: 'hotp'; code: string; counter: number };

// ---------------------------------------------------------------------------------------------
// Settings

export const SettingsSchema = v.strictObject({
  /** 0 disables the timer (the vault still locks when the browser goes idle/locked or restarts). */
  autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60)),
  defaultPolicy: PolicySchema,
  // No clock offset here: offsets are per Cognito endpoint (ServerClockView) or per TOTP account.
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  defaultPolicy: { autoAnswer: true, rememberDevice: true },
};

/**
 * The clock offset learnt from one Cognito endpoint (its origin), applied to its accounts only.
 * `offsetMs`: server minus local time, ms, from its last well-formed answer (absent if none was
 * within the bound); `ignored`: the last offset it claimed beyond MAX_CLOCK_OFFSET_MS, not applied.
 */
export interface ServerClockView {
  endpoint: string;
  offsetMs?: number;
  observedAt?: number;
  ignored?: { offsetMs: number; observedAt: number };
}

// ---------------------------------------------------------------------------------------------
// Sign-in flows

export const PROMPT_KINDS = ['approve', 'password', 'totp-code', 'mfa-setup', 'new-password', 'sms-code', 'email-code',
  'custom-challenge', 'select-challenge', 'select-mfa-type'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];
/** The engine's prompt (src/cognito/engine/prompts.ts), passed to the page as is. */
export interface PromptView { kind: PromptKind; [field: string]: unknown }

/**
 * An answer to a prompt: one strict object per kind, with exactly the fields the engine's
 * PromptAnswer has for it (src/cognito/engine/prompts.ts), so a field the answer does not use
 * (a password riding along with an approval, say) is refused instead of carried into the flow.
 * The engine still checks the answer against the prompt it answers (checkAnswer).
 */
const answer = <K extends PromptKind, E extends v.ObjectEntries>(kind: K, entries: E) =>
  v.strictObject({ kind: v.literal(kind), ...entries });
const Code = nonEmpty(64);
const Choice = nonEmpty(128);
export const PromptAnswerSchema = v.variant('kind', [
  answer('approve', { approve: v.boolean() }),
  answer('password', { password: Password }),
  answer('totp-code', { code: Code }),
  /** `email`: set up e-mail codes (EMAIL_OTP) to this address instead of this extension as authenticator. */
  answer('mfa-setup', { approve: v.boolean(), email: v.optional(nonEmpty(2048)) }),
  answer('new-password', { newPassword: Password, attributes: v.optional(v.record(nonEmpty(256), text(2048))) }),
  answer('sms-code', { code: Code }),
  answer('email-code', { code: Code }),
  answer('custom-challenge', { answer: nonEmpty(2048) }),
  /** `password`: for PASSWORD / PASSWORD_SRP when the account stores none. */
  answer('select-challenge', { choice: Choice, password: v.optional(Password) }),
  answer('select-mfa-type', { choice: Choice }),
]);
export type PromptAnswerInput = v.InferOutput<typeof PromptAnswerSchema>;

export type FlowStatus = 'running' | 'needs-input' | 'signed-in' | 'failed' | 'cancelled';
export interface FlowView {
  flowId: string;
  accountId: string;
  status: FlowStatus;
  /** The steps so far, as typed events the popup words (./flow-progress.ts). */
  progress: ProgressEvent[];
  prompt?: PromptView;
  /** `enrolledTotpUri`: after MFA_SETUP, the otpauth:// URI to enrol a second device (shown once as a QR). */
  result?: { expiresAt: number; idToken: string; accessToken: string; refreshTokenPresent: boolean; enrolledTotpUri?: string };
  error?: ErrorInfo;
}
/** A flow waiting for the person (listed in `status` so the popup can show it at once). */
export interface PendingApproval { flowId: string; accountId: string; label: string; promptKind: PromptKind }

/** One account an import would add, as the person confirms it: no secret. */
export interface ImportPreviewItem { type: 'totp' | 'hotp'; issuer: string; account: string }

export interface DeviceView {
  deviceKey: string;
  name?: string;
  createdAt?: number;
  lastAuthenticatedAt?: number;
  remembered?: boolean;
  /** true for the device whose key this extension holds for the account. */
  isThisExtension: boolean;
}

// ---------------------------------------------------------------------------------------------
// Requests

const IMPORT_FORMATS = ['otpauth', 'google-migration', 'aegis', 'backup'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const msg = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.strictObject({ type: v.literal(type), ...entries });

const RequestSchema = v.variant('type', [
  msg('status', {}),
  msg('setup-vault', { password: Password }),
  msg('unlock', { password: Password }),
  msg('lock', {}),
  /** A new vault key under a new password: every record and flow re-encrypted, then one header write switches (docs/vault-format.md); needs the vault unlocked. */
  msg('change-vault-password', { currentPassword: Password, newPassword: Password }),
  msg('list-accounts', {}),
  msg('get-codes', {}),
  /** Advance an HOTP account's counter (the next code). Not in the first table; added for HOTP. */
  msg('hotp-next', { id: Id }),
  msg('add-account', { account: AccountInputSchema }),
  msg('update-account', { id: Id, patch: AccountPatchSchema }),
  msg('delete-account', { id: Id }),
  // Text (otpauth lines, Aegis JSON, a backup file): an encrypted backup can be several MB.
  msg('import', { format: v.picklist(IMPORT_FORMATS), data: nonEmpty(8 * 1024 * 1024), password: v.optional(Password) }),
  /**
   * What `import` would add from a QR code's text, without adding it (the popup shows it for
   * confirmation first): each account's type, issuer and name, never its secret.
   */
  msg('import-preview', { format: v.picklist(['otpauth', 'google-migration']), data: nonEmpty(8 * 1024 * 1024) }),
  msg('export-backup', { password: Password }),
  // flowId: chosen by the page (random), so that it can still find the flow, shown as interrupted,
  // when the worker is stopped before it answers. The same sign-in sent again with it is answered
  // with that flow as it stands; an id of another account's (or an unreadable) flow is refused.
  msg('sign-in', { accountId: Id, flowId: v.optional(Id) }),
  msg('flow-status', { flowId: Id }),
  msg('flow-answer', { flowId: Id, answer: PromptAnswerSchema }),
  msg('flow-cancel', { flowId: Id }),
  msg('list-devices', { accountId: Id }),
  msg('forget-device', { accountId: Id, deviceKey: nonEmpty(55) }),
  /**
   * Ends the account's session: RevokeToken on the refresh token, or with `everywhere` GlobalSignOut
   * (every session of the user). The stored tokens and refresh alarm are deleted whatever Cognito says.
   */
  msg('sign-out', { accountId: Id, everywhere: v.optional(v.boolean()) }),
  msg('get-settings', {}),
  msg('set-settings', { settings: v.partial(SettingsSchema) }),
  /** The clock offset of every Cognito endpoint heard from (needs the vault unlocked). */
  msg('list-server-clocks', {}),
]);
export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/**
 * Whether a page may send a request again after the first sending failed with "Receiving end
 * does not exist" (src/ui/send-with-retry.ts). Chromium says that only when no listener got the
 * message, but Firefox says it too when the event page was terminated while handling it, so a
 * request is resent only if doing it twice does what doing it once does, and says so: reads;
 * unlock, lock, settings and account edits (the same values again); sign-in with the page's
 * flowId (answered with that flow); flow answers and cancels (a flow that no longer waits is
 * reported as it stands). Not resent: what would act twice (HOTP next, a new account), or answer
 * the second time as if the first had failed (setup, password change, delete, import counts,
 * sign-out, forget device); the page shows that the background did not answer instead.
 * A Record, so the compiler asks for a decision for every new request type.
 */
export const RESENDABLE: Readonly<Record<RequestType, boolean>> = {
  'status': true, 'list-accounts': true, 'get-codes': true, 'import-preview': true, 'export-backup': true,
  'flow-status': true, 'list-devices': true, 'get-settings': true, 'list-server-clocks': true,
  'unlock': true, 'lock': true, 'set-settings': true, 'update-account': true,
  'sign-in': true, 'flow-answer': true, 'flow-cancel': true,
  'setup-vault': false, 'change-vault-password': false, 'hotp-next': false, 'add-account': false,
  'delete-account': false, 'import': false, 'forget-device': false, 'sign-out': false,
};

// ---------------------------------------------------------------------------------------------
// Answers

/**
 * Every error answer is `{ code, message }`. `code` is stable and says what happened, so the pages
 * pick their (translated) sentence by it alone; `message` is English words for the detail line
 * (the service's own message, or ours) and never holds a secret. A code is one of:
 *  - the background's own codes (APP_ERROR_CODES),
 *  - a client-side failure of the protocol core or sign-in engine (CLIENT_ERROR_CODES),
 *  - Cognito's exception code as the service sent it ('NotAuthorizedException', …): an open set,
 *    since the service may add exceptions (src/cognito/errors.ts ERROR_CLASSES lists the known).
 * Errors attached to a prompt that is asked again (PromptView.error) carry the engine's codes.
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
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** Failures found on this side of the wire, one per error class of the protocol core and engine. */
export const CLIENT_ERROR_CODES = [
  'validation',            // a request field breaks the API's constraints; nothing was sent (ValidationError)
  'transport',             // Cognito could not be reached or did not answer in time (TransportError)
  'malformed-response',    // the endpoint answered something that is not Cognito's response (MalformedResponseError)
  'srp-parameter',         // a server SRP value is unusable; SRP was refused (SrpParameterError)
  'denied',                // the person declined a confirmation (SignInDeniedError)
  'unsupported-challenge', // Cognito asked for a step this extension cannot answer (UnsupportedChallengeError)
  'flow-state',            // the sign-in cannot go on as Cognito asked (FlowStateError)
  'outcome-unknown',       // a state-changing call got no usable answer and may have taken effect; not sent again (OutcomeUnknownError)
  'response-too-large',    // the endpoint's answer passed the transport's size cap and was cut off (ResponseTooLargeError)
  'unexpected-challenge',  // the server answered with a challenge that cannot follow the step sent (UnexpectedChallengeError)
  'step-limit',            // one sign-in took more challenge steps than any real flow (ChallengeStepLimitError)
  'mfa-setup-unavailable', // MFA_SETUP offers only what this extension cannot set up, e.g. SMS (MfaSetupUnavailableError)
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** Inputs beyond one of the limits of src/otp/limits.ts (imports, QR codes, OTP parameters), one code per limit. */
export { LIMIT_ERROR_CODES, type LimitErrorCode } from '../otp/limits';

export type ErrorCode = AppErrorCode | ClientErrorCode | LimitErrorCode;
/** Cognito's exception code, e.g. 'NotAuthorizedException' (open: see above). */
export type CognitoExceptionCode = string & {};
export interface ErrorInfo { code: ErrorCode | CognitoExceptionCode; message: string }

/** An error answer with one of the background's own codes (a misspelt code does not compile). */
export function appErrorInfo(code: AppErrorCode, message: string): ErrorInfo {
  return { code, message };
}

export interface Results {
  'status': { initialized: boolean; locked: boolean; settings: Settings; pendingApprovals: PendingApproval[] };
  'setup-vault': {};
  'unlock': {};
  'lock': {};
  'change-vault-password': {};
  /** `unreadable`: records that failed to decrypt or validate, by account id, with the reason (no content). */
  'list-accounts': { accounts: AccountSummary[]; unreadable?: { id: string; message: string }[] };
  'get-codes': { codes: OtpCode[]; /** accounts without a code, each with its own error */ codeErrors?: CodeError[] };
  'hotp-next': { code: OtpCode };
  'add-account': { id: string };
  'update-account': { id: string };
  'delete-account': { id: string };
  'import': { added: number; skipped: number; /** why entries were skipped (never secrets) */ problems?: string[] };
  'import-preview': { accounts: ImportPreviewItem[]; /** entries that would be skipped, and why */ problems: ErrorInfo[] };
  'export-backup': { file: string };
  'sign-in': { flow: FlowView };
  'flow-status': { flow: FlowView };
  'flow-answer': { flow: FlowView };
  'flow-cancel': { flow: FlowView };
  'list-devices': { devices: DeviceView[] };
  'forget-device': {};
  /**
   * The stored tokens are gone in every case. `serverSignedOut`: Cognito confirmed the session
   * ended; when false, `error` says why not ('signed-out-locally' when Cognito was not reached).
   */
  'sign-out': { serverSignedOut: boolean; error?: ErrorInfo };
  'get-settings': { settings: Settings };
  'set-settings': { settings: Settings };
  'list-server-clocks': { clocks: ServerClockView[] };
}
export type Answer<T extends RequestType> = ({ ok: true } & Results[T]) | { ok: false; error: ErrorInfo };

/** Validate an untrusted request. Errors name the path and the rule, never echo values. */
export function parseRequest(input: unknown): { ok: true; request: Request } | { ok: false; error: ErrorInfo } {
  const result = v.safeParse(RequestSchema, input, { abortEarly: true });
  if (result.success) return { ok: true, request: result.output };
  const issue = result.issues[0];
  const path = issue?.path?.map((p) => String(p.key)).join('.') || '(message)';
  // issue.message may quote the received value for type mismatches ("Received "hunter2""): use
  // only the expectation, so a password sent in the wrong field is never echoed.
  const expected = issue?.type === 'strict_object' ? 'unknown field' : issue?.expected ? `expected ${issue.expected}` : 'invalid';
  return { ok: false, error: appErrorInfo('invalid-request', `invalid request at ${path}: ${expected}`) };
}

// ---------------------------------------------------------------------------------------------
// Events the background broadcasts to the pages (runtime.sendMessage, no answer expected)

/**
 * The vault was locked (auto-lock alarm, idle lock, the lock button) or opened. Pages drop what
 * they show on a lock. Carries nothing else, so a page can accept it from any extension context.
 */
export interface LockStateEvent { event: 'lock-state'; locked: boolean }

export function isLockStateEvent(message: unknown): message is LockStateEvent {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.event === 'lock-state' && typeof m.locked === 'boolean' && Object.keys(m).length === 2;
}
