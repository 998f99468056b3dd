// The life cycle every referee file shares: start a local pool server, set up its user pools
// through the SDK, record the fetch-based clients' wire, and tear it all down again. Call it at
// the top of a file (or inside a describe, for a server per describe block).
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { startRefereePool, type LocalPool, type RefereePoolOptions } from './local-pool';
import { cognitoClient, setUpPool, type PoolSpec, type RefereePool, type SeededUser } from './setup';
import { recordWire, type WireLog } from './wire-log';

export interface RefereeSuiteOptions<P extends string> {
  /** How to start the server; its `now` clock also drives TOTP enrolment during set-up. */
  server?: RefereePoolOptions;
  /** The user pools to set up, by the name the tests use for them. */
  pools: Record<P, PoolSpec>;
}

/** What the tests use; the fields are filled in by beforeAll. */
export interface RefereeSuite<P extends string> {
  readonly server: LocalPool;
  readonly pools: Record<P, RefereePool>;
  /** An SDK client (one attempt, dummy credentials) for the pools' region. */
  readonly sdk: CognitoIdentityProviderClient;
  /** Cleared before each test. */
  readonly wire: WireLog;
  /** A seeded user of one of the pools; fails clearly if the spec did not seed it. */
  user(pool: P, username: string): SeededUser;
}

export function refereeSuite<P extends string>(options: RefereeSuiteOptions<P>): RefereeSuite<P> {
  let server: LocalPool | undefined;
  let sdk: CognitoIdentityProviderClient | undefined;
  let wire: WireLog | undefined;
  const pools = {} as Record<P, RefereePool>;

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`referee suite: ${what} is used before beforeAll set it up`);
    return value;
  };

  beforeAll(async () => {
    server = await startRefereePool(options.server);
    for (const [name, spec] of Object.entries(options.pools) as [P, PoolSpec][]) {
      pools[name] = await setUpPool(server.endpoint, spec, options.server?.now);
    }
    const first = Object.values<RefereePool>(pools)[0];
    sdk = cognitoClient(server.endpoint, first?.region ?? 'us-east-1');
    wire = recordWire(server.endpoint);
  });

  afterAll(async () => {
    wire?.stop();
    sdk?.destroy();
    await server?.close();
  });

  beforeEach(() => wire?.clear());

  return {
    get server() {
      return ready(server, 'the server');
    },
    pools,
    get sdk() {
      return ready(sdk, 'the SDK client');
    },
    get wire() {
      return ready(wire, 'the wire log');
    },
    user(pool, username) {
      const found = ready(pools[pool], `pool ${pool}`).users[username];
      if (!found) throw new Error(`no seeded user ${username} in pool ${pool}`);
      return found;
    },
  };
}
