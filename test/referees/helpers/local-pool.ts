// One place that knows how the referee suites start the local user pool, so a change of the
// pool's start-up contract touches this file only.
import { startLocalPool, type HandshakeFilter } from 'cognito-local-user-pool';

export type LocalPool = Awaited<ReturnType<typeof startLocalPool>>;

/** Filters that make the pool choose its SRP ephemeral b so every handshake has the property. */
export type { HandshakeFilter };

export interface RefereePoolOptions {
  handshakeFilter?: HandshakeFilter;
  /** Injected server clock (epoch ms); the referees use it to let sessions expire without waiting. */
  now?: () => number;
}

/** Starts a pool on a random loopback port; the caller closes it in afterAll. */
export function startRefereePool(options: RefereePoolOptions = {}): Promise<LocalPool> {
  return startLocalPool({ port: 0, ...options });
}

/**
 * A server clock that the test can move forward. It follows real time plus an offset, so SRP
 * TIMESTAMPs and TOTP codes computed from it stay meaningful.
 */
export class SteppingClock {
  private offsetMs = 0;

  readonly now = (): number => Date.now() + this.offsetMs;

  advance(ms: number): void {
    if (ms < 0) throw new Error('SteppingClock only moves forward');
    this.offsetMs += ms;
  }
}
