/** --state persistence (atomic, across restarts), --seed files, and the CLI. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../src/index.js';
import { confirmDevice, deviceSrp, makePool, makeUser, ok, srpSignIn } from './test-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'local-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state file', () => {
  it('keeps pools, users, devices, keys and refresh tokens across a restart', async () => {
    const statePath = join(dir, 'state.json');
    const first = await startLocalPool({ port: 0, statePath });
    const p = await makePool(first.endpoint, { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false } });
    await makeUser(first.endpoint, p, 'quinn', 'Passw0rd!');
    const t = (await srpSignIn(first.endpoint, p, 'quinn', 'Passw0rd!')).body.AuthenticationResult;
    const { device } = await confirmDevice(first.endpoint, t.AccessToken, t.NewDeviceMetadata);
    const kid = first.store.pools[p.poolId]!.signingKey.kid;
    await first.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(statePath, 'utf8')).pools[p.poolId].name).toBe('test-pool');

    const second = await startLocalPool({ port: 0, statePath });
    try {
      expect(second.store.pools[p.poolId]!.signingKey.kid).toBe(kid);
      const r = await srpSignIn(second.endpoint, p, 'quinn', 'Passw0rd!', { deviceKey: device.deviceKey });
      expect(r.body.ChallengeName).toBe('DEVICE_SRP_AUTH');
      expect((await deviceSrp(second.endpoint, p, r.body.Session, 'quinn', device)).status).toBe(200);
      await ok(second.endpoint, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: p.clientId, AuthParameters: { REFRESH_TOKEN: t.RefreshToken, DEVICE_KEY: device.deviceKey } });
    } finally {
      await second.close();
    }
  });
});

describe('state file writes', () => {
  // A write is the whole state, so its cost grows with the pool (bench/sections/scale-pool.ts):
  // the changes of many requests go into one write instead of one write each.
  it('many changing requests make no write of their own; close() writes them all at once', async () => {
    const statePath = join(dir, 'coalesced.json');
    const pool = await startLocalPool({ port: 0, statePath, persistDelayMs: 3_600_000 });
    let p;
    try {
      p = await makePool(pool.endpoint);
      for (const name of ['una', 'vic', 'wes']) await makeUser(pool.endpoint, p, name, 'Passw0rd!');
      expect((await srpSignIn(pool.endpoint, p, 'vic', 'Passw0rd!')).status).toBe(200);
      expect(existsSync(statePath)).toBe(false);
    } finally {
      await pool.close();
    }
    const written = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(Object.keys(written.pools[p.poolId].users).sort()).toEqual(['una', 'vic', 'wes']);
    expect(Object.keys(written.pools[p.poolId].refreshTokens)).toHaveLength(1);
  });

  it('changes are written while the pool runs, without waiting for close()', async () => {
    const statePath = join(dir, 'running.json');
    const pool = await startLocalPool({ port: 0, statePath, persistDelayMs: 1 });
    try {
      const p = await makePool(pool.endpoint);
      await makeUser(pool.endpoint, p, 'xena', 'Passw0rd!');
      // Polled, not timed: the write comes after the delay, whenever the event loop gets to it.
      for (let i = 0; i < 200 && !(existsSync(statePath) && readFileSync(statePath, 'utf8').includes('"xena"')); i++) await new Promise((r) => setTimeout(r, 25));
      expect(Object.keys(JSON.parse(readFileSync(statePath, 'utf8')).pools[p.poolId].users)).toEqual(['xena']);
    } finally {
      await pool.close();
    }
  });
});

const seed = {
  pools: [
    {
      Id: 'eu-west-1_Seed00001',
      PoolName: 'seeded',
      MfaConfig: { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } },
      Clients: [{ ClientId: 'seedclient0000000000000001', ClientName: 'demo', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
      Users: [
        { Username: 'rita', Password: 'Passw0rd!', Attributes: { email: 'rita@example.com', email_verified: 'true' } },
        { Username: 'sam', Password: 'Passw0rd!', Totp: { Secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' } },
      ],
    },
  ],
};

describe('seed file', () => {
  it('creates fixed pools, clients and users, idempotently', async () => {
    const seedPath = join(dir, 'seed.json');
    const statePath = join(dir, 'seeded-state.json');
    writeFileSync(seedPath, JSON.stringify(seed));
    for (let run = 0; run < 2; run++) {
      const pool = await startLocalPool({ port: 0, seedPath, statePath });
      try {
        const p = { poolId: 'eu-west-1_Seed00001', poolName: 'Seed00001', clientId: 'seedclient0000000000000001' };
        expect(Object.keys(pool.store.pools)).toEqual([p.poolId]);
        expect((await srpSignIn(pool.endpoint, p, 'rita', 'Passw0rd!')).status).toBe(200);
        expect((await srpSignIn(pool.endpoint, p, 'sam', 'Passw0rd!')).body.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      } finally {
        await pool.close();
      }
    }
  });
});

describe('CLI', () => {
  it('npm run pool starts, prints the endpoint, serves and stops on SIGTERM', async () => {
    const seedPath = join(dir, 'cli-seed.json');
    writeFileSync(seedPath, JSON.stringify(seed));
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--seed', seedPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no endpoint printed: ${out}`)), 20_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const health = await (await fetch(`${endpoint}_local/health`)).json();
      expect(health).toEqual({ ok: true });
      const jwks = (await (await fetch(`${endpoint}eu-west-1_Seed00001/.well-known/jwks.json`)).json()) as { keys: { kty: string }[] };
      expect(jwks.keys[0]!.kty).toBe('RSA');
    } finally {
      const exited = new Promise((res) => child.once('exit', res));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
