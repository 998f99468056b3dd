// The message contract between the extension pages (popup, options) and the background.
// One valibot schema per request type; the background validates every request with
// `parseRequest` before dispatching, and the pages import the types to build requests and read
// answers. The table in docs/architecture.md ("Messages") is the human-readable form of this file.
//
// Pure module: no browser APIs, so node tests and both ends can import it.
import * as v from 'valibot';

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Bounded strings: nothing a page sends may be unbounded (the vault holds it encrypted). */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nonEmpty = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
/** Vault and backup passwords; a new one must also pass ./password-rules.ts (checked by the handlers). */
const Password = nonEmpty(1024);
const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1-64 of A-Z a-z 0-9 _ -'));

export const PolicySchema = v.strictObject({
  /** false: the popup asks before the extension answers TOTP / device challenges. */
  autoAnswer: v.boolean(),
  /** true: confirm and remember the device Cognito offers, so later sign-ins skip MFA. */
  rememberDevice: v.boolean(),
});
export type Policy = v.InferOutput<typeof PolicySchema>;

export const OtpAlgorithmSchema = v.picklist(['SHA1', 'SHA256', 'SHA512']);
export type OtpAlgorithm = v.InferOutput<typeof OtpAlgorithmSchema>;
const Digits = v.pipe(v.number(), v.integer(), v.minValue(6), v.maxValue(8));
const Period = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3600));
const Counter = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
/** base32 as typed or pasted; the background normalises (spaces, case, padding) and decodes strictly. */
const Base32Secret = nonEmpty(1024);
/** Optional custom Cognito endpoint (local pool, VPC endpoint, proxy): http(s) origin + path. */
const Endpoint = v.pipe(v.string(), v.maxLength(2048), v.url('endpoint must be an absolute URL'),
  v.regex(/^https?:\/\//, 'endpoint must be http:// or https://'));

// ---------------------------------------------------------------------------------------------
// Accounts

/** What a page sends to create an account. Secrets travel once, into the vault, never back. */
const CognitoAccountInputSchema = v.strictObject({
  kind: v.literal('cognito'),
  label: nonEmpty(200),
  userPoolId: v.pipe(v.string(), v.regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'userPoolId must look like <region>_<id>'), v.maxLength(55)),
  clientId: v.pipe(v.string(), v.regex(/^[\w+]{1,128}$/, 'clientId must be 1-128 word characters')),
  clientSecret: v.optional(nonEmpty(64)),
  endpoint: v.optional(Endpoint),
  username: nonEmpty(128),
  policy: PolicySchema,
  password: v.optional(Password),
  totpSecret: v.optional(Base32Secret),
});
const TotpAccountInputSchema = v.strictObject({
  kind: v.literal('totp'),
  label: nonEmpty(200),
  issuer: v.optional(text(200)),
  secret: Base32Secret,
  algorithm: OtpAlgorithmSchema,
  digits: Digits,
  period: Period,
});
const HotpAccountInputSchema = v.strictObject({
  kind: v.literal('hotp'),
  label: nonEmpty(200),
  issuer: v.optional(text(200)),
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
  label: v.optional(nonEmpty(200)),
  issuer: v.optional(v.nullable(text(200))),
  // Cognito accounts
  clientSecret: v.optional(v.nullable(nonEmpty(64))),
  endpoint: v.optional(v.nullable(Endpoint)),
  username: v.optional(nonEmpty(128)),
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
  | { kind: 'totp'; id: string; label: string; issuer?: string; algorithm: OtpAlgorithm; digits: number; period: number }
  | { kind: 'hotp'; id: string; label: string; issuer?: string; algorithm: OtpAlgorithm; digits: number; counter: number };

export type OtpCode =
  | { id: string; kind: 'totp'; code: string; period: number; expiresAt: number }
  | { id: string; kind: 'hotp'; code: string; counter: number };

// ---------------------------------------------------------------------------------------------
// Settings

export const SettingsSchema = v.strictObject({
  /** 0 disables the timer (the vault still locks when the browser goes idle/locked or restarts). */
  autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60)),
  defaultPolicy: PolicySchema,
  /** Local clock correction applied to TOTP codes, learnt from Cognito's Date header or set by hand. */
  clockOffsetMs: v.pipe(v.number(), v.integer(), v.minValue(-86_400_000), v.maxValue(86_400_000)),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  defaultPolicy: { autoAnswer: true, rememberDevice: true },
  clockOffsetMs: 0,
};

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
  answer('mfa-setup', { approve: v.boolean() }),
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
  /** Human-readable steps so far ("SRP password verified", "TOTP answered", …). */
  progress: string[];
  prompt?: PromptView;
  /** `enrolledTotpUri`: after MFA_SETUP, the otpauth:// URI to enrol a second device (shown once as a QR). */
  result?: { expiresAt: number; idToken: string; accessToken: string; refreshTokenPresent: boolean; enrolledTotpUri?: string };
  error?: ErrorInfo;
}
/** A flow waiting for the person (listed in `status` so the popup can show it at once). */
export interface PendingApproval { flowId: string; accountId: string; label: string; promptKind: PromptKind }

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
  /** Re-wraps the vault key under a new password (records stay as they are); needs the vault unlocked. */
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
  msg('export-backup', { password: Password }),
  // flowId: chosen by the page (random), so that it can still find the flow, shown as interrupted,
  // when the worker is stopped before it answers; refused if a flow has that id already.
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
]);
export type Request = v.InferOutput<typeof RequestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

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
  'signed-out-locally',  // sign-out deleted the tokens here, but Cognito could not be reached to end the session
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
] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ErrorCode = AppErrorCode | ClientErrorCode;
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
  'get-codes': { codes: OtpCode[] };
  'hotp-next': { code: OtpCode };
  'add-account': { id: string };
  'update-account': { id: string };
  'delete-account': { id: string };
  'import': { added: number; skipped: number; /** why entries were skipped (never secrets) */ problems?: string[] };
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
