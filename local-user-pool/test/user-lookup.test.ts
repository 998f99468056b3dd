/** Finding a user from an access token's sub: right after every change, without a scan per request. */
import { describe, expect, it } from 'vitest';
import { userBySub, userKey } from '../src/lookup.js';
import { table, type PoolRecord, type UserRecord } from '../src/store.js';
import { newUserRecord } from '../src/users.js';

/** A pool whose users table counts how often all of it is enumerated (Object.values, Object.keys). */
function countingPool(): { pool: PoolRecord; scans: () => number } {
  let scans = 0;
  const users = new Proxy(table<UserRecord>(), {
    ownKeys(target) {
      scans++;
      return Reflect.ownKeys(target);
    },
  });
  const pool = { id: 'us-east-1_Lookup001', config: {}, users } as unknown as PoolRecord;
  return { pool, scans: () => scans };
}

function addUser(pool: PoolRecord, name: string): UserRecord {
  const user = newUserRecord(pool, name, {}, 0);
  pool.users[userKey(pool, user.username)] = user;
  return user;
}

describe('userBySub', () => {
  it('finds users by sub with one scan of the pool for any number of requests', () => {
    const { pool, scans } = countingPool();
    const users = Array.from({ length: 50 }, (_, i) => addUser(pool, `user${i}`));
    for (let round = 0; round < 3; round++) for (const u of users) expect(userBySub(pool, u.sub)).toBe(u);
    expect(scans()).toBe(1);
  });

  it('follows users created, deleted and replaced since the last lookup', () => {
    const { pool } = countingPool();
    const ann = addUser(pool, 'ann');
    expect(userBySub(pool, ann.sub)).toBe(ann);
    const bob = addUser(pool, 'bob');
    expect(userBySub(pool, bob.sub)).toBe(bob);
    delete pool.users[userKey(pool, 'ann')];
    expect(userBySub(pool, ann.sub)).toBeUndefined();
    // A new user under the old name has a new sub: the old token's sub finds nobody.
    const ann2 = addUser(pool, 'ann');
    expect(userBySub(pool, ann.sub)).toBeUndefined();
    expect(userBySub(pool, ann2.sub)).toBe(ann2);
    expect(userBySub(pool, 'no-such-sub')).toBeUndefined();
  });
});
