// The clock offset learnt from each Cognito endpoint, kept per endpoint and applied only to the
// accounts of that endpoint (their TIMESTAMP, token expiry and TOTP codes). One server's `Date`
// header must not shift the codes of accounts on other servers, nor of plain TOTP accounts.
//
// Key: the origin of the endpoint the account uses (the regional
// https://cognito-idp.<region>.amazonaws.com, or the custom endpoint's scheme://host:port): the
// `Date` header is written by the HTTP server at that origin, whatever the path. Kept in plain
// storage.local under "serverClocks": origins and offsets are not secret (a custom origin is
// also named by the browser's host-permission grant), and the list is only answered unlocked.
import * as v from 'valibot';
import { isAcceptableClockOffset, type ClockObservation } from '../cognito/clock';
import { endpointFor } from '../cognito/transport';
import type { ServerClockView } from '../shared/views';
import type { StorageArea } from './storage';

const STORAGE_KEY = 'serverClocks';
/** More endpoints than anyone uses; past it the longest-unheard one is dropped. */
export const MAX_SERVER_CLOCKS = 64;

const Origin = v.pipe(v.string(), v.maxLength(2048), v.regex(/^https?:\/\/[^/]+$/));
const Epoch = v.pipe(v.number(), v.integer(), v.minValue(0));
const Offset = v.pipe(v.number(), v.integer(), v.check(isAcceptableClockOffset));
const EntrySchema = v.strictObject({
  endpoint: Origin,
  /** The offset applied, learnt at `observedAt`; absent until one within the bound was seen. */
  offsetMs: v.optional(Offset),
  observedAt: v.optional(Epoch),
  /** The latest offset beyond MAX_CLOCK_OFFSET_MS this endpoint claimed: not applied, shown. */
  ignored: v.optional(v.strictObject({ offsetMs: v.pipe(v.number(), v.integer()), observedAt: Epoch })),
});
type Entry = v.InferOutput<typeof EntrySchema>;

/**
 * The endpoint a Cognito account talks to, as the key of its clock; undefined when the account
 * names no usable endpoint (it cannot sign in either, and its codes use the system clock).
 */
export function clockEndpointOf(account: { userPoolId: string; endpoint?: string | undefined }): string | undefined {
  try {
    return new URL(endpointFor(account.userPoolId, account.endpoint)).origin;
  } catch {
    return undefined;
  }
}

export class ServerClockStore {
  /** Writes one after the other: two flows finishing together must not drop each other's entry. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly local: StorageArea) {}

  /** The offset to apply for this endpoint (0 when none was learnt). */
  async offsetFor(endpoint: string | undefined): Promise<number> {
    if (endpoint === undefined) return 0;
    return (await this.read()).find((e) => e.endpoint === endpoint)?.offsetMs ?? 0;
  }

  /** Every endpoint's offset, for computing many codes at once. */
  async offsets(): Promise<ReadonlyMap<string, number>> {
    return new Map((await this.read()).flatMap((e) => (e.offsetMs === undefined ? [] : [[e.endpoint, e.offsetMs] as const])));
  }

  async list(): Promise<ServerClockView[]> {
    return (await this.read()).map((e) => ({ ...e }));
  }

  /** Keeps what one well-formed answer of `endpoint` said: applied, or recorded as ignored. */
  record(endpoint: string, observation: ClockObservation): Promise<void> {
    const write = this.queue.then(async () => {
      const entries = await this.read();
      const previous = entries.find((e) => e.endpoint === endpoint);
      // Nothing to show changed: spare the write (most answers repeat the offset already kept).
      if (observation.applied && previous?.offsetMs === observation.offsetMs && previous.ignored === undefined) return;
      const next: Entry = observation.applied
        // A fresh offset within the bound replaces an earlier claim beyond it.
        ? { endpoint, offsetMs: observation.offsetMs, observedAt: observation.at }
        : { ...(previous ?? { endpoint }), ignored: { offsetMs: observation.offsetMs, observedAt: observation.at } };
      const others = entries.filter((e) => e.endpoint !== endpoint);
      const kept = [next, ...others.sort((a, b) => lastHeard(b) - lastHeard(a))].slice(0, MAX_SERVER_CLOCKS);
      await this.local.set({ [STORAGE_KEY]: kept });
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  /** Stored entries that pass the schema; a damaged one is skipped (its endpoint starts at 0). */
  private async read(): Promise<Entry[]> {
    const raw = (await this.local.get(STORAGE_KEY))[STORAGE_KEY];
    if (!Array.isArray(raw)) return [];
    const entries: Entry[] = [];
    for (const item of raw.slice(0, MAX_SERVER_CLOCKS)) {
      const parsed = v.safeParse(EntrySchema, item);
      if (parsed.success && !entries.some((e) => e.endpoint === parsed.output.endpoint)) entries.push(parsed.output);
    }
    return entries;
  }
}

function lastHeard(e: Entry): number {
  return Math.max(e.observedAt ?? 0, e.ignored?.observedAt ?? 0);
}
