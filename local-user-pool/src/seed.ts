/**
 * Seed files: JSON describing pools, app clients and users to create at start (the demo uses one).
 *
 * {
 *   "pools": [{
 *     "Id": "us-east-1_Demo00001",              // optional fixed id (so a demo can hard-code it)
 *     "PoolName": "demo", ...CreateUserPool fields (MfaConfiguration, DeviceConfiguration, Policies, ...),
 *     "MfaConfig": { ...SetUserPoolMfaConfig fields },   // optional
 *     "Local": { "passwordVerifierWindowSeconds": 60, ... }, // optional LocalSettings
 *     "Clients": [{ "ClientId": "optional fixed id", "ClientSecret": "optional", ...CreateUserPoolClient fields }],
 *     "Users": [{ "Username": "alice", "Password": "Passw0rd!", "Permanent": true,
 *                 "Attributes": { "email": "alice@example.com", "email_verified": "true" },
 *                 "Totp": { "Secret": "BASE32SECRET...", "Enabled": true, "Preferred": true } }]
 *   }]
 * }
 * Applying a seed is idempotent: pools, clients and users that already exist (e.g. loaded from
 * --state) are left as they are.
 */
import { readFileSync } from 'node:fs';
import type { ServerContext } from './context.js';
import type { LocalSettings } from './store.js';
import { createClient, createPool } from './operations/admin-pool.js';
import { SetUserPoolMfaConfig } from './operations/admin-pool.js';
import { adminCreateUser } from './operations/admin-user.js';
import { findUser } from './lookup.js';
import { checkPasswordPolicy, setPassword } from './users.js';

interface SeedUser {
  Username: string;
  Password?: string;
  Permanent?: boolean;
  Attributes?: Record<string, string>;
  Totp?: { Secret: string; Enabled?: boolean; Preferred?: boolean };
}

interface SeedPool extends Record<string, unknown> {
  Id?: string;
  PoolName: string;
  MfaConfig?: Record<string, unknown>;
  Local?: Partial<LocalSettings>;
  Clients?: (Record<string, unknown> & { ClientId?: string; ClientSecret?: string })[];
  Users?: SeedUser[];
}

export interface SeedFile {
  pools: SeedPool[];
}

export async function applySeed(ctx: ServerContext, seed: SeedFile): Promise<void> {
  if (!seed || !Array.isArray(seed.pools)) throw new Error('seed file must be {"pools": [...]}');
  for (const sp of seed.pools) {
    if (sp.Id !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d_[0-9A-Za-z]+$/.test(sp.Id)) throw new Error(`seed pool id ${sp.Id} is not <region>_<id>`);
    let pool = sp.Id ? ctx.state.pools[sp.Id] : Object.values(ctx.state.pools).find((p) => p.name === sp.PoolName);
    if (!pool) {
      pool = createPool(ctx, sp, 'us-east-1', sp.Id);
      if (sp.MfaConfig) await SetUserPoolMfaConfig(ctx, { ...sp.MfaConfig, UserPoolId: pool.id }, { operation: 'seed', sourceIp: '127.0.0.1', signed: true });
    }
    if (sp.Local) Object.assign(pool.local, sp.Local);
    for (const c of sp.Clients ?? []) {
      if (c.ClientId && pool.clients[c.ClientId]) continue;
      if (!c.ClientId && Object.values(pool.clients).some((x) => x.clientName === c.ClientName)) continue;
      createClient(ctx, pool, c, { clientId: c.ClientId, clientSecret: c.ClientSecret });
    }
    for (const u of sp.Users ?? []) {
      if (findUser(pool, u.Username)) continue;
      const user = adminCreateUser(ctx, pool, u.Username, u.Attributes ?? {}, u.Password, 'SUPPRESS');
      if (u.Password !== undefined && u.Permanent !== false) {
        checkPasswordPolicy(pool, u.Password);
        setPassword(pool, user, u.Password, 'CONFIRMED', ctx.now());
      }
      if (u.Totp) {
        user.totp = { secret: u.Totp.Secret.toUpperCase(), verified: true, lastUsedStep: -1 };
        user.mfa.SOFTWARE_TOKEN_MFA = { enabled: u.Totp.Enabled ?? true, preferred: u.Totp.Preferred ?? true };
      }
    }
  }
  ctx.markDirty();
}

export function readSeed(path: string): SeedFile {
  return JSON.parse(readFileSync(path, 'utf8')) as SeedFile;
}
