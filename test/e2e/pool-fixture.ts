/**
 * The user pools the end-to-end scenarios sign in to, on the local Cognito-compatible pool
 * (127.0.0.1, random port), set up with the AWS SDK's admin calls by the referee helpers. Each
 * browser gets its own pools, so device, enrolment and replay state never leak between browsers.
 */
import { setUpPool, type RefereePool, type SeededUser } from '../referees/helpers/setup';
import type { LocalPool } from '../referees/helpers/local-pool';
import type { RefreshRecord, TotpState, UserRecord } from 'cognito-local-user-pool';

/** Who signs in in which scenario; one user per scenario so TOTP steps are never replayed. */
export const MFA_USERS = { enrol: 'ready', auto: 'totp', device: 'totp', manual: 'totp', worker: 'totp' } as const;
export const PLAIN_USERS = { temp: 'temporary', wrong: 'ready', typo: 'ready' } as const;

export interface ScenarioPools {
  /** MFA ON with TOTP, devices tracked and remembered on the user's say (remembered ones skip MFA). */
  mfa: RefereePool;
  /** MFA OPTIONAL, nobody enrolled: plain password sign-ins. */
  plain: RefereePool;
  user(pool: RefereePool, username: string): SeededUser;
  /** The pool's own record of a user (white-box: devices, TOTP step last accepted). */
  record(pool: RefereePool, username: string): UserRecord;
  totp(pool: RefereePool, username: string): TotpState;
  /** The pool's refresh-token records issued to a user (white-box: revoked or not). */
  refreshTokens(pool: RefereePool, username: string): RefreshRecord[];
}

export async function createScenarioPools(server: LocalPool, tag: string): Promise<ScenarioPools> {
  const mfa = await setUpPool(server.endpoint, {
    poolName: `e2e-mfa-${tag}`, mfa: 'ON',
    users: Object.entries(MFA_USERS).map(([username, kind]) => ({ username, kind })),
  });
  const plain = await setUpPool(server.endpoint, {
    poolName: `e2e-plain-${tag}`, mfa: 'OPTIONAL',
    users: Object.entries(PLAIN_USERS).map(([username, kind]) => ({ username, kind })),
  });
  const record = (pool: RefereePool, username: string): UserRecord => {
    const found = server.store.pools[pool.userPoolId]?.users[username];
    if (!found) throw new Error(`the local pool has no user ${username} in ${pool.userPoolId}`);
    return found;
  };
  return {
    mfa,
    plain,
    record,
    user(pool, username) {
      const found = pool.users[username];
      if (!found) throw new Error(`no seeded user ${username} in ${pool.userPoolId}`);
      return found;
    },
    totp(pool, username) {
      const state = record(pool, username).totp;
      if (!state) throw new Error(`${username} has no TOTP enrolment in the local pool`);
      return state;
    },
    refreshTokens(pool, username) {
      const all = Object.values(server.store.pools[pool.userPoolId]?.refreshTokens ?? {});
      return all.filter((t) => t.username === record(pool, username).username);
    },
  };
}
