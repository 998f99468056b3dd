/**
 * Cost as the local pool grows: 100, 1 000 and 10 000 users, in two pools: one where people sign
 * in with a username, one with `UsernameAttributes: ["email"]` (the username is a generated sub,
 * people sign in with their e-mail address, so every lookup goes through the attribute). For each
 * size: full SRP sign-ins per second (sequential, client maths included), a GetUser round trip
 * (finds the user from the access token), and with `statePath` (`npm run pool -- --state FILE`):
 * loading the file at start, the round trip of a request that changes the state (the file is
 * written after such requests), and the file's size.
 *
 * Users are created through the pool's seed (`applySeed`, the `--seed FILE` path), so each has a
 * real SRP verifier. The growth columns compare neighbouring sizes: ×10 users should cost about
 * the same per request; anything growing with the user count is what issue 8 item 10 asks to fix.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applySeed, startLocalPool, type LocalPool } from 'cognito-local-user-pool';
import { median } from './table';
import { post, srpSignIn } from './scale/pool-client';
import { printGrowthTable, type GrowthRow } from './scale/growth-table';

const SIZES = [100, 1000, 10_000];
const SIGN_INS = 20;
const STATE_REQUESTS = 7;
const PASSWORD = 'Passw0rd!';

interface PoolUnderTest {
  label: string;
  poolId: string;
  clientId: string;
  config: Record<string, unknown>;
  /** what a person types to sign in as user i */
  signInName: (i: number) => string;
}

const POOLS: PoolUnderTest[] = [
  { label: 'usernames', poolId: 'us-east-1_ScaleName1', clientId: 'scalenameclient00000000001', config: {}, signInName: (i) => `user${i}` },
  { label: 'e-mail as username', poolId: 'us-east-1_ScaleMail1', clientId: 'scalemailclient00000000001', config: { UsernameAttributes: ['email'] }, signInName: (i) => `user${i}@example.com` },
];

async function grow(pool: LocalPool, p: PoolUnderTest, from: number, to: number): Promise<number> {
  const users = [];
  for (let i = from; i < to; i++) users.push({ Username: p.signInName(i), Password: PASSWORD, Permanent: true });
  const t0 = performance.now();
  await applySeed(pool.context, { pools: [{ Id: p.poolId, PoolName: p.poolId.split('_')[1]!, ...p.config, Clients: [{ ClientId: p.clientId, ClientName: 'scale' }], Users: users }] });
  return performance.now() - t0;
}

interface Measured {
  seedMsPerUser: number;
  signInsPerSecond: number;
  serverMsPerSignIn: number;
  getUserMs: number;
  loadMs: number;
  stateWriteRequestMs: number;
  memoryRequestMs: number;
  fileBytes: number;
}

/** A request that changes the state (an attribute of one user), timed; with statePath the file is written after it. */
async function changingRequestMs(endpoint: string, p: PoolUnderTest, size: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < STATE_REQUESTS; i++) {
    const t0 = performance.now();
    await post(endpoint, 'AdminUpdateUserAttributes', {
      UserPoolId: p.poolId, Username: p.signInName(i % size), UserAttributes: [{ Name: 'name', Value: `run ${i}` }],
    }, true);
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function measure(pool: LocalPool, p: PoolUnderTest, size: number, seedMs: number, dir: string): Promise<Measured> {
  let total = 0;
  let server = 0;
  let accessToken = '';
  for (let i = 0; i < SIGN_INS; i++) {
    // Spread over the whole pool, so a lookup that scans cannot get lucky near the start.
    const who = Math.floor(((i + 0.5) / SIGN_INS) * size);
    const t = await srpSignIn(pool.endpoint, p.clientId, p.poolId, p.signInName(who), PASSWORD);
    total += t.totalMs;
    server += t.initMs + t.verifyMs;
    accessToken = t.accessToken;
  }
  const getUser: number[] = [];
  for (let i = 0; i < STATE_REQUESTS; i++) {
    const t0 = performance.now();
    await post(pool.endpoint, 'GetUser', { AccessToken: accessToken });
    getUser.push(performance.now() - t0);
  }
  const memoryRequestMs = await changingRequestMs(pool.endpoint, p, size);

  // The same state as a --state file (the format saveState writes), loaded by a second pool.
  const statePath = join(dir, `${p.label.replace(/\W+/g, '-')}-${size}.json`);
  writeFileSync(statePath, JSON.stringify(pool.store));
  const t0 = performance.now();
  const persisted = await startLocalPool({ port: 0, requestsPerSecond: 0, statePath });
  const loadMs = performance.now() - t0;
  let stateWriteRequestMs: number;
  try {
    stateWriteRequestMs = await changingRequestMs(persisted.endpoint, p, size);
  } finally {
    await persisted.close();
  }
  return {
    seedMsPerUser: seedMs, signInsPerSecond: SIGN_INS / (total / 1000), serverMsPerSignIn: server / SIGN_INS, getUserMs: median(getUser), loadMs,
    stateWriteRequestMs, memoryRequestMs, fileBytes: statSync(statePath).size,
  };
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-pool-'));
  try {
    for (const p of POOLS) {
      // One local pool (server) per kind, so its state file holds that user pool alone.
      const pool = await startLocalPool({ port: 0, requestsPerSecond: 0 });
      const results: Measured[] = [];
      try {
      let held = 0;
        for (const size of SIZES) {
          const seedMs = await grow(pool, p, held, size);
          const perUser = seedMs / (size - held);
          held = size;
          results.push(await measure(pool, p, size, perUser, dir));
        }
      } finally {
        await pool.close();
      }
      const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
      const rows: GrowthRow[] = [
        { measure: 'server-only SRP sign-ins per second (from server + HTTP time)', values: results.map((r) => 1000 / r.serverMsPerSignIn), format: (n) => n.toFixed(1) },
        { measure: 'full SRP sign-ins per second (sequential, BigInt client maths included)', values: results.map((r) => r.signInsPerSecond), format: (n) => n.toFixed(1) },
        { measure: 'GetUser round trip (user found from the access token)', values: results.map((r) => r.getUserMs), format: ms },
        { measure: 'creating one user (seed, SRP verifier included)', values: results.map((r) => r.seedMsPerUser), format: ms },
        { measure: 'state-changing request, in memory', values: results.map((r) => r.memoryRequestMs), format: ms },
        { measure: 'state-changing request with --state', values: results.map((r) => r.stateWriteRequestMs), format: ms },
        { measure: 'start with --state (file read)', values: results.map((r) => r.loadMs), format: ms },
        { measure: 'state file size', values: results.map((r) => r.fileBytes), format: (n) => `${(n / 1024).toFixed(0)} KiB` },
      ];
      printGrowthTable(`Cost as the local pool grows: ${p.label} (medians of ${STATE_REQUESTS} requests; ${SIGN_INS} sign-ins per size)`, 'users', SIZES, rows);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
