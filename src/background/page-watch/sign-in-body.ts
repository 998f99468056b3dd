// What a page's own Cognito request says about who is signing in (issue 9 item 5, "sign-in
// observation"). webRequest.onBeforeRequest hands the body over as `requestBody.raw[].bytes`
// (Chrome and Firefox alike for a fetch/XHR JSON body); the X-Amz-Target header is not part of
// that event, so the operation is told from the JSON's shape.
//
// The body can hold the password (USER_PASSWORD_AUTH), SRP proofs and codes. It is decoded here,
// in memory, and only four names leave this module: the operation, ClientId, the username and
// the flow/challenge name. Nothing here stores, logs or throws with a part of the body.
//
// Pure module: no browser APIs.
import { isClientId, isUsername } from '../../cognito/validate';

/** Bigger than any sign-in request (the largest, a PASSWORD_VERIFIER answer, is under 2 KiB). */
export const MAX_OBSERVED_BODY_BYTES = 64 * 1024;

export type ObservedOperation = 'InitiateAuth' | 'RespondToAuthChallenge';

export interface SignInClaim {
  operation: ObservedOperation;
  clientId: string;
  /**
   * InitiateAuth: `AuthParameters.USERNAME`, what the person typed (may be an alias or e-mail).
   * RespondToAuthChallenge: `ChallengeResponses.USERNAME`, the canonical user (USER_ID_FOR_SRP).
   */
  username?: string;
  /** `AuthFlow` of InitiateAuth or `ChallengeName` of RespondToAuthChallenge (a name, no value). */
  step: string;
}

/** One element of webRequest's `requestBody.raw`. */
export interface RawBodyPart { bytes?: ArrayBuffer | ArrayBufferView }

const STEP_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * The claim of a Cognito sign-in request body, or undefined for anything else (another
 * operation, a body that is no JSON object, a file upload, too big). A page's claim is hostile:
 * each field is checked with the protocol core's own rules before it is used.
 */
export function readSignInBody(raw: readonly RawBodyPart[] | undefined): SignInClaim | undefined {
  const text = bodyText(raw);
  if (text === undefined) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(body) || !isClientId(body.ClientId)) return undefined;
  const clientId = body.ClientId;
  if (typeof body.AuthFlow === 'string' && isRecord(body.AuthParameters)) {
    return claim('InitiateAuth', clientId, body.AuthFlow, body.AuthParameters.USERNAME);
  }
  if (typeof body.ChallengeName === 'string' && isRecord(body.ChallengeResponses)) {
    return claim('RespondToAuthChallenge', clientId, body.ChallengeName, body.ChallengeResponses.USERNAME);
  }
  return undefined;
}

function claim(operation: ObservedOperation, clientId: string, step: string, username: unknown): SignInClaim | undefined {
  if (!STEP_NAME.test(step)) return undefined;
  return { operation, clientId, step, ...(isUsername(username) ? { username } : {}) };
}

function bodyText(raw: readonly RawBodyPart[] | undefined): string | undefined {
  if (!raw || raw.length === 0) return undefined;
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const part of raw) {
    // A part without bytes is a file (`raw[].file`): no sign-in request uploads one.
    if (!part.bytes) return undefined;
    const bytes = ArrayBuffer.isView(part.bytes)
      ? new Uint8Array(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength)
      : new Uint8Array(part.bytes);
    size += bytes.byteLength;
    if (size > MAX_OBSERVED_BODY_BYTES) return undefined;
    parts.push(bytes);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { all.set(p, at); at += p.byteLength; }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
