// The requests the extension pages (popup, options) send to the background: one valibot schema
// per request type. The background validates every request with `parseRequest` before
// dispatching; the pages import the types to build requests. What the background answers is in
// ./views.ts, its error codes in ./error-codes.ts. The table in docs/architecture.md
// ("Messages") is the human-readable form of these files.
//
// Pure module: no browser APIs, so node tests and both ends can import it.
import * as v from 'valibot';
import { MAX_CLOCK_OFFSET_MS } from '../cognito/clock';
import {
  ClientIdSchema, ClientSecretSchema, CounterSchema, DigitsSchema, EndpointSchema, IssuerSchema, LabelSchema, OtpAlgorithmSchema,
  PasswordSchema, PeriodSchema, PolicySchema, SecretTextSchema, UserPoolIdSchema, UsernameSchema,
} from './account-schema';
import type { PromptKind as EnginePromptKind } from '../cognito/engine/prompts';
import { ANSWER_KINDS, readAnswer, type PromptAnswer } from '../cognito/engine/answer-fields';
import { isAppError } from '../cognito/errors';
import { appErrorInfo, type ErrorInfo } from './error-codes';
import { OriginSchema, SiteFlagsPatchSchema } from './site-binding';
import { AccountOrderSchema } from './account-order';
import { IdSchema } from './id';

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Bounded strings: nothing a page sends may be unbounded (the vault holds it encrypted). */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const nonEmpty = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
/** Vault and backup passwords; a new one must also pass ./password-rules.ts (checked by the handlers). */
const Password = PasswordSchema;
const Id = IdSchema;

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

// ---------------------------------------------------------------------------------------------
// Settings

/** The pages' colours: the system's choice (prefers-color-scheme), or always light or dark (src/ui/theme.ts). */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
/**
 * Seconds after a copy from the popup when the clipboard is emptied (0: never), as options offers
 * them. 30 s at least: the background clears on an alarm, and Chrome fires alarms no sooner.
 */
export const CLIPBOARD_CLEAR_SECONDS = [0, 30, 60, 120, 300] as const;
export type ClipboardClearSeconds = (typeof CLIPBOARD_CLEAR_SECONDS)[number];

export const SettingsSchema = v.strictObject({
  /** 0 disables the timer (the vault still locks when the browser goes idle/locked or restarts). */
  autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60)),
  defaultPolicy: PolicySchema,
  // No clock offset here: offsets are per Cognito endpoint (ServerClockView) or per TOTP account.
  // Added later than the two above: optional with a default, so settings stored by an older
  // build still read as valid (keeping their auto-lock and policy) and get the default.
  theme: v.optional(v.picklist(THEMES), 'system'),
  /** Off until the person chooses a delay (Firefox then asks for clipboardWrite; src/background/clipboard-clear.ts). */
  clipboardClearSeconds: v.optional(v.picklist(CLIPBOARD_CLEAR_SECONDS), 0),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  defaultPolicy: { autoAnswer: true, rememberDevice: true },
  theme: 'system',
  clipboardClearSeconds: 0,
};

// ---------------------------------------------------------------------------------------------
// Sign-in flows

/** Prompt kinds are the engine's (src/cognito/engine/prompts.ts; each has its answer in answer-fields.ts). */
export type PromptKind = EnginePromptKind;
export const PROMPT_KINDS: readonly PromptKind[] = ANSWER_KINDS;

/**
 * An answer to a prompt: the engine's one answer table (src/cognito/engine/answer-fields.ts) read
 * by the engine's own `readAnswer`, so the message check, the engine's check and the type are one
 * rule. Strict: a field the answer's kind does not take is refused. The engine checks it again
 * against the prompt it answers (checkAnswer).
 */
export const PromptAnswerSchema = v.pipe(
  v.unknown(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    try {
      return readAnswer(dataset.value);
    } catch (error) {
      // readAnswer's errors name the field and the rule, never the value: the issue's path is that
      // field (under the message's own path), its expectation the rule.
      const { field, constraint } = isAppError(error) ? error.details : {};
      const key = field?.replace(/^answer\.?/, '');
      addIssue({
        message: 'invalid answer',
        expected: constraint ?? 'a prompt answer',
        ...(key ? { path: [{ type: 'object', origin: 'value', input: dataset.value as Record<string, unknown>, key, value: undefined }] } : {}),
      });
      return NEVER;
    }
  }),
);
export type PromptAnswerInput = PromptAnswer;

// ---------------------------------------------------------------------------------------------
// Requests

/** What an import turned out to be (the background detects it; src/background/accounts/import-pipeline.ts). */
export type ImportFormat = 'otpauth' | 'google-migration' | 'aegis' | 'backup';

const msg = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) =>
  v.strictObject({ type: v.literal(type), ...entries });

const RequestSchema = v.variant('type', [
  msg('status', {}),
  /**
   * Sent by a page every second while one of its requests is unanswered (ui/ask-background.ts):
   * each message is an event, and an event is what keeps Firefox from suspending its event page
   * at the idle timeout with the request half done. Answered at once; it does nothing else.
   */
  msg('keep-alive', {}),
  msg('setup-vault', { password: Password }),
  msg('unlock', { password: Password }),
  msg('lock', {}),
  /** A new vault key under a new password: every record and flow re-encrypted, then one header write switches (docs/vault-format.md); needs the vault unlocked. */
  msg('change-vault-password', { currentPassword: Password, newPassword: Password }),
  msg('list-accounts', {}),
  msg('get-codes', {}),
  /** Advance an HOTP account's counter (the next code). Not in the first table; added for HOTP. */
  msg('hotp-next', { id: Id }),
  /** A TOTP account's code for the next period; only in the last NEXT_CODE_WINDOW_SECONDS of the current one. */
  msg('totp-next-period', { id: Id }),
  msg('add-account', { account: AccountInputSchema }),
  msg('update-account', { id: Id, patch: AccountPatchSchema }),
  msg('delete-account', { id: Id }),
  /**
   * What the person gave, as it is (otpauth lines, an otpauth-migration link, Aegis JSON, a backup
   * file: an encrypted backup can be several MB); the background detects which. `password`: a
   * backup's, and only for one.
   */
  msg('import', { data: nonEmpty(8 * 1024 * 1024), password: v.optional(Password) }),
  /**
   * What `import` would add from a QR code's text, without adding it (the popup shows it for
   * confirmation first): each account's type, issuer and name, never its secret.
   */
  msg('import-preview', { data: nonEmpty(8 * 1024 * 1024) }),
  msg('export-backup', { password: Password }),
  /**
   * One account as an otpauth:// URI, for a second authenticator app, after the vault password is
   * typed again (checked against the vault even though it is open). TOTP/HOTP accounts: their
   * secret; Cognito accounts: their TOTP secret, if held. Never a device key or password.
   */
  msg('export-account', { id: Id, password: Password }),
  // flowId: chosen by the page (random), so that it can still find the flow, shown as interrupted,
  // when the worker is stopped before it answers. The same sign-in sent again with it is answered
  // with that flow as it stands; an id of another account's (or an unreadable) flow is refused.
  msg('sign-in', { accountId: Id, flowId: v.optional(Id) }),
  /**
   * "Sign in this tab": the sign-in above, for the account bound to the tab's origin, then the
   * session written into that tab (src/background/page-session/tab-sessions.ts).
   */
  msg('sign-in-tab', { accountId: Id, tabId: v.pipe(v.number(), v.integer(), v.minValue(0)), flowId: v.optional(Id) }),
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
  /** The popup's pins and order of the accounts (./account-order.ts); ids only, kept across sessions. */
  msg('get-account-order', {}),
  msg('set-account-order', { order: AccountOrderSchema }),
  msg('get-settings', {}),
  msg('set-settings', { settings: v.partial(SettingsSchema) }),
  /** The clock offset of every Cognito endpoint heard from (needs the vault unlocked). */
  msg('list-server-clocks', {}),
  /** A page copied a code or token: empty the clipboard after the chosen delay (clipboard-clear.ts); nothing else travels. */
  msg('clipboard-copied', {}),
  // Sites (./site-binding.ts): exact origins only; the page asks for the host permission itself
  // (permissions.request needs the person's click), the background never widens a binding.
  /** Binds the account to `origin` (already bound: only `flags` given are changed). */
  msg('bind-site', { accountId: Id, origin: OriginSchema, flags: v.optional(SiteFlagsPatchSchema) }),
  /** Removes the binding; an origin not bound is no error (the same request twice ends the same). */
  msg('unbind-site', { accountId: Id, origin: OriginSchema }),
  msg('update-site', { accountId: Id, origin: OriginSchema, flags: SiteFlagsPatchSchema }),
  msg('accounts-for-origin', { origin: OriginSchema }),
  /**
   * "Fill code" in the popup: fills the current code into the tab's code field (the frame that
   * showed one, else the top frame), from `accountId` (the person's pick) or the one candidate.
   * The background checks the frame's own origin is bound to it (src/background/fill/code-fill.ts).
   */
  /**
   * "Use this extension as the authenticator" (issue 9 item 4): the otpauth text of the set-up
   * QR code the popup captured on tab `tabId` of `origin`; the background adds the account (import
   * rules), binds it to `origin` and fills the verification code through code fill.
   */
  msg('enrol-from-page', { tabId: v.pipe(v.number(), v.safeInteger(), v.minValue(0)), origin: OriginSchema, data: nonEmpty(4096) }),
  msg('fill-code', { tabId: v.pipe(v.number(), v.safeInteger(), v.minValue(0)), accountId: v.optional(Id) }),
  /** The person's answer to "<origin> is signing in as <account>" (status.pageApprovals). */
  msg('answer-page-approval', { id: Id, answer: v.picklist(['approve', 'deny']) }),
  /** The Cognito sign-in seen in a tab (sign-in observation) and the bound accounts it signs in as. */
  msg('tab-sign-in', { tab: v.strictObject({ id: v.pipe(v.number(), v.integer(), v.minValue(0)) }) }),
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
  'status': true, 'keep-alive': true, 'list-accounts': true, 'get-codes': true, 'totp-next-period': true, 'import-preview': true, 'export-backup': true, 'export-account': true,
  'flow-status': true, 'list-devices': true, 'get-settings': true, 'get-account-order': true, 'set-account-order': true, 'list-server-clocks': true, 'accounts-for-origin': true, 'clipboard-copied': true,
  'bind-site': true, 'unbind-site': true, 'update-site': true, 'fill-code': false, 'enrol-from-page': false,
  'answer-page-approval': true, 'tab-sign-in': true,
  'unlock': true, 'lock': true, 'set-settings': true, 'update-account': true,
  'sign-in': true, 'sign-in-tab': true, 'flow-answer': true, 'flow-cancel': true,
  'setup-vault': false, 'change-vault-password': false, 'hotp-next': false, 'add-account': false,
  'delete-account': false, 'import': false, 'forget-device': false, 'sign-out': false,
};

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
