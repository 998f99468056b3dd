// What the background answers the pages: the views of accounts, codes, flows and devices, and
// the answer type of every request (Results / Answer). Views never hold a secret the page does
// not need (no stored password, TOTP secret or refresh token). Requests are in ./requests.ts.
//
// Pure module: no browser APIs, so node tests and both ends can import it.
import type { Prompt } from '../cognito/engine/prompts';
import type { ErrorInfo } from './error-codes';
import type { ProgressEvent } from './flow-progress';
import type { ImportProblemCode } from '../otp/import/problem-codes';
import type { ImportFormat, OtpAlgorithm, Policy, PromptKind, RequestType, Settings } from './requests';
import type { CognitoSignIn, SiteBinding } from './site-binding';
import type { FillResult } from './code-fill-messages';
import type { UnreadableRecord } from './vault-damage';
import type { AccountOrder } from './account-order';

// ---------------------------------------------------------------------------------------------
// Accounts

/**
 * What the background shows of an account: never a secret, only whether one is stored. `sites`:
 * the exact origins it is bound to, with their switches (./site-binding.ts).
 */
export type AccountSummary =
  | {
      kind: 'cognito'; id: string; label: string; userPoolId: string; clientId: string; endpoint?: string; sites: SiteBinding[];
      username: string; policy: Policy; hasClientSecret: boolean; hasPassword: boolean; hasTotpSecret: boolean;
      /** The remembered device's key (an identifier, not a secret), if any. */
      deviceKey?: string;
      /** Epoch ms when the stored access token expires, if a sign-in succeeded. */
      tokensExpireAt?: number;
      /** The last automatic token refresh failed (and why); a new sign-in clears it. */
      refreshError?: ErrorInfo & { at: number };
    }
  | { kind: 'totp'; id: string; label: string; issuer?: string; algorithm: OtpAlgorithm; digits: number; period: number; clockOffsetSeconds?: number; sites: SiteBinding[]; cognito?: CognitoSignIn }
  | { kind: 'hotp'; id: string; label: string; issuer?: string; algorithm: OtpAlgorithm; digits: number; counter: number; sites: SiteBinding[] };

/** An account whose code cannot be made (its record breaks a rule), with the reason. */
export interface CodeError { id: string; error: ErrorInfo }

export type OtpCode =
  | { id: string; kind: 'totp'; code: string; period: number; expiresAt: number }
  | { id: string; kind: 'hotp'; code: string; counter: number };

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

/** The engine's prompt (src/cognito/engine/prompts.ts), passed to the page as is: one type, no cast between the layers. */
export type PromptView = Prompt;

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
/** A page of a bound site seen signing in as an "ask me first" account, waiting for Approve or Deny. */
export interface PageApprovalView { id: string; origin: string; accountId: string; label: string }

/** One account an import would add, as the person confirms it: no secret. */
export interface ImportPreviewItem { type: 'totp' | 'hotp'; issuer: string; account: string }

/**
 * One entry an import did not add, and why: a code the pages translate (src/otp/import/problem-codes.ts,
 * or a limit's), where it was (1-based line of the text, entry of an export, the entry's name as
 * shown safely) and, for an incomplete Google export, which of its `size` QR codes are `missing`.
 * No sentence: the page words it.
 */
export interface ImportProblemView { code: ImportProblemCode; line?: number; entry?: number; label?: string; missing?: number[]; size?: number }

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
// Answers

export interface Results {
  'status': { initialized: boolean; locked: boolean; settings: Settings; pendingApprovals: PendingApproval[]; pageApprovals: PageApprovalView[] };
  'setup-vault': {};
  'unlock': {};
  'lock': {};
  'change-vault-password': {};
  /** `unreadable`: records that failed to decrypt or validate, by account id, with the reason (no content). */
  'list-accounts': { accounts: AccountSummary[]; unreadable?: UnreadableRecord[] };
  'get-codes': { codes: OtpCode[]; /** accounts without a code, each with its own error */ codeErrors?: CodeError[] };
  'hotp-next': { code: OtpCode };
  /** `code.expiresAt`: the end of the next period (local clock). */
  'totp-next-period': { code: OtpCode };
  'add-account': { id: string };
  'update-account': { id: string };
  'delete-account': { id: string };
  /** `skipped`: accounts the vault already holds; `problems`: the entries not added, and why. */
  'import': { format: ImportFormat; added: number; skipped: number; problems: ImportProblemView[] };
  'import-preview': { format: ImportFormat; accounts: ImportPreviewItem[]; /** entries that would be skipped, and why */ problems: ImportProblemView[] };
  'export-backup': { file: string };
  /** The account's otpauth:// URI: its secret, for the page that asked only (shown as a QR and link). */
  'export-account': { uri: string };
  /** When the clipboard will be emptied (epoch ms), absent when the setting is off. */
  'clipboard-copied': { clearAt?: number };
  'keep-alive': Record<string, never>;
  'sign-in': { flow: FlowView };
  'sign-in-tab': { flow: FlowView };
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
  'get-account-order': { order: AccountOrder };
  'set-account-order': { order: AccountOrder };
  'get-settings': { settings: Settings };
  'set-settings': { settings: Settings };
  'list-server-clocks': { clocks: ServerClockView[] };
  /** The account's sites after the change. */
  'bind-site': { sites: SiteBinding[] };
  'unbind-site': { sites: SiteBinding[] };
  'update-site': { sites: SiteBinding[] };
  /** The accounts bound to exactly `origin` (the popup's "This tab"), and whether its host permission is granted. */
  'accounts-for-origin': { origin: string; accounts: AccountSummary[]; permissionGranted: boolean };
  'fill-code': { result: FillResult };
  'enrol-from-page': { accountId: string; label: string; result: FillResult };
  /** `decision`: what stands now (an approval already decided keeps its first answer); absent when it is gone. */
  'answer-page-approval': { decision?: 'approved' | 'denied' | 'pending' };
  /** `signIn` absent: nothing seen in the tab (or it left that origin); `accountIds`: the bound accounts it signs in as. */
  'tab-sign-in': { signIn?: { origin: string; clientId: string; username?: string }; accountIds: string[] };
}
export type Answer<T extends RequestType> = ({ ok: true } & Results[T]) | { ok: false; error: ErrorInfo };
