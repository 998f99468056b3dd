/**
 * TEST ONLY: holding the pool's answers, so a test can stop a client (a browser's background
 * worker) while its request is on the wire.
 *
 * A hold is armed for one operation (and, for RespondToAuthChallenge, optionally one
 * ChallengeName) and catches the next `count` matching requests. A caught request is processed in
 * full first, state changes included, and only its answer is held back until released: that is
 * the worst case for the client, because the server has acted (VerifySoftwareToken has accepted
 * the secret, ConfirmDevice has confirmed the device) while the client never learns it. Only
 * successful answers are held; a refused request is answered at once. A held answer whose client
 * went away meanwhile is dropped on release.
 *
 * Routes (JSON): `POST /_local/hold {operation, challengeName?, count?}` arms (count 1-100,
 * default 1) and answers `{armed}`; `GET /_local/hold` answers `{armed, held}` (what is armed, and
 * the answers held right now); `POST /_local/release` sends every held answer, disarms everything
 * and answers `{released}`. Node tests can use the same object directly (LocalPool.holds).
 */
import type { IncomingMessage } from 'node:http';

export const HOLD_PATH = '/_local/hold';
export const RELEASE_PATH = '/_local/release';
const MAX_COUNT = 100;
const MAX_BODY_BYTES = 4096;

export interface HoldMatch {
  operation: string;
  challengeName?: string;
}

interface Armed extends HoldMatch { remaining: number }
interface Held extends HoldMatch { release: () => void }

type Reply = (status: number, body: unknown) => void;

export class ResponseHolds {
  private armed: Armed[] = [];
  private held: Held[] = [];
  private waiters: { match: HoldMatch; resolve: () => void }[] = [];

  /** Holds the answers of the next `count` requests that match. */
  arm(match: HoldMatch, count = 1): void {
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) throw new RangeError(`count must be an integer in 1-${MAX_COUNT}`);
    this.armed.push({ ...match, remaining: count });
  }

  /** The answers held right now. */
  heldNow(): HoldMatch[] {
    return this.held.map(({ operation, challengeName }) => ({ operation, ...(challengeName ? { challengeName } : {}) }));
  }

  /** Resolves once an answer matching `match` is being held (at once if one is). */
  whenHeld(match: HoldMatch): Promise<void> {
    if (this.held.some((h) => matches(match, h))) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Sends every held answer and disarms every hold; returns how many answers were held. */
  releaseAll(): number {
    const held = this.held;
    this.held = [];
    this.armed = [];
    for (const h of held) h.release();
    return held.length;
  }

  /**
   * Called by the server after processing a request, before answering it: resolves at once unless
   * a hold catches this request, else when it is released.
   */
  gate(operation: string, body: Record<string, unknown>): Promise<void> {
    const challengeName = typeof body.ChallengeName === 'string' ? body.ChallengeName : undefined;
    const request = { operation, ...(challengeName ? { challengeName } : {}) };
    const hold = this.armed.find((a) => a.remaining > 0 && matches(a, request));
    if (!hold) return Promise.resolve();
    hold.remaining -= 1;
    this.armed = this.armed.filter((a) => a.remaining > 0);
    return new Promise((resolve) => {
      this.held.push({ ...request, release: resolve });
      const ready = this.waiters.filter((w) => matches(w.match, request));
      this.waiters = this.waiters.filter((w) => !ready.includes(w));
      for (const w of ready) w.resolve();
    });
  }

  /** Whether `method path` is one of the hold routes. */
  serves(method: string | undefined, path: string): boolean {
    return (path === HOLD_PATH && (method === 'GET' || method === 'POST')) || (path === RELEASE_PATH && method === 'POST');
  }

  async serve(req: IncomingMessage, path: string, reply: Reply): Promise<void> {
    if (path === RELEASE_PATH) return reply(200, { released: this.releaseAll() });
    if (req.method === 'GET') return reply(200, { armed: this.armed.map(({ remaining, ...m }) => ({ ...m, count: remaining })), held: this.heldNow() });
    const body = await readSmallJson(req);
    const operation = body?.operation;
    const challengeName = body?.challengeName;
    const count = body?.count ?? 1;
    if (typeof operation !== 'string' || !/^[A-Za-z]{1,64}$/.test(operation) || (challengeName !== undefined && (typeof challengeName !== 'string' || !/^[A-Z_]{1,64}$/.test(challengeName)))
      || typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
      return reply(400, { message: `expected {"operation": "<Operation>", "challengeName"?: "<CHALLENGE>", "count"?: 1-${MAX_COUNT}}` });
    }
    this.arm({ operation, ...(challengeName ? { challengeName } : {}) }, count);
    return reply(200, { armed: { operation, ...(challengeName ? { challengeName } : {}), count } });
  }
}

function matches(hold: HoldMatch, request: HoldMatch): boolean {
  return hold.operation === request.operation && (hold.challengeName === undefined || hold.challengeName === request.challengeName);
}

async function readSmallJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}
