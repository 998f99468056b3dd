// Code fill (issue 9 item 2): the messages between the content script of a bound site and the
// background, and what a fill came to. One home for both ends and the popup.
//
// The content script says only "this frame shows a code field" (it names no account, origin or
// tab: the background reads those from the browser's sender, never from the page); the
// background answers with a code or nothing. The background sends a code to one frame, by
// frameId, after checking that frame's own origin is bound. No secret ever crosses here.
//
// Pure module: no browser APIs.
import * as v from 'valibot';

/**
 * The content script's file in the package, from the extension's root: built by vite.config.ts
 * (contentScriptBundle) from src/content/code-fill-script.ts as one self-contained file. Registered
 * by the background (src/background/fill/page-scripts.ts) and injected by the popup (enrolment
 * from the page, with CODE_FILL_SCRIPT_PATH).
 */
export const CODE_FILL_SCRIPT_FILE = 'content/code-fill.js';
/**
 * The same file as scripting.executeScript must name it from an extension page: Firefox resolves
 * a relative `files` entry against the calling page (the popup's src/popup/, where no such file
 * is: the script silently never ran), Chromium against the root; a path from the root means the
 * same file in both.
 */
export const CODE_FILL_SCRIPT_PATH = `/${CODE_FILL_SCRIPT_FILE}`;

/** Content script → background. `retry`: asked again after a wait the background asked for. */
export const ContentRequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('code-field'), retry: v.optional(v.boolean()) }),
]);
export type ContentRequest = v.InferOutput<typeof ContentRequestSchema>;

/** Which field a code goes into: the finder's one code field, or the field the person focused (context menu). */
export type FillTarget = 'found' | 'focused';

/** Background → content script, and the answer to `code-field`. */
export type ContentCommand =
  | { type: 'fill-code'; code: string; submit: boolean; target: FillTarget }
  /** Ask again (`code-field` with retry) after this many ms: the current code was already used. */
  | { type: 'retry-after'; retryInMs: number }
  | { type: 'nothing' };

/** What the content script did with a `fill-code` (src/content/code-fill.ts outcomes). */
export const FILL_REFUSALS = ['no-field', 'ambiguous', 'length-mismatch', 'not-a-code'] as const;
export type FillRefusal = (typeof FILL_REFUSALS)[number];
export type FillReport = { filled: true; submitted: boolean } | { filled: false; reason: FillRefusal };

/**
 * What a fill asked for by the person (popup, keyboard command, context menu) came to; the popup
 * words each (a Record over these in src/popup/features/fill-code.ts).
 * - filled: the code is in the field (and the form submitted when the site says so);
 * - waiting: this account's current code was already used by this extension; the next one is
 *   filled when its step begins, in `retryInMs`;
 * - choose: several accounts are bound to this site; the person picks one in the popup;
 * - no-account: no account with a TOTP code is bound to the page's origin;
 * - no-permission: the site is bound but its host permission is not granted, so no script runs there;
 * - no-script: the page has no content script of this extension (opened before it was bound: reload it);
 * - and the content script's refusals (FILL_REFUSALS).
 */
export const FILL_STATUSES = ['filled', 'waiting', 'choose', 'no-account', 'no-permission', 'no-script', ...FILL_REFUSALS] as const;
export type FillStatus = (typeof FILL_STATUSES)[number];
export type FillResult = { status: Exclude<FillStatus, 'waiting'> } | { status: 'waiting'; retryInMs: number };
