/**
 * The demo's pool, app client and users, as seeded from ./seed.json, plus what the seed cannot
 * say: what each user demonstrates, the new password the headless run chooses for demo-newpass
 * and the vault password. All of these are demo-only credentials for a throwaway local pool; they
 * are printed on purpose so a person can type them.
 */
import seed from './seed.json' with { type: 'json' };

export type DemoRole = 'totp' | 'mfa-setup' | 'new-password';

export interface DemoUser {
  username: string;
  /** The password the pool knows at start (temporary for demo-newpass). */
  password: string;
  role: DemoRole;
  /** What signing in with this user shows. */
  demonstrates: string;
  /** The enrolled TOTP secret (base32), given to the extension so it can answer the challenge. */
  totpSecret?: string;
  /** The permanent password chosen at NEW_PASSWORD_REQUIRED. */
  newPassword?: string;
}

export interface DemoPool {
  userPoolId: string;
  clientId: string;
  users: DemoUser[];
}

/** Typed before unlocking the extension's vault; at least 8 characters (MIN_VAULT_PASSWORD_LENGTH). */
export const DEMO_VAULT_PASSWORD = 'demo vault password';

const DEMONSTRATES: Record<DemoRole, string> = {
  'totp': 'SRP sign-in, TOTP answered automatically, device remembered',
  'mfa-setup': 'MFA_SETUP: consent, then the extension enrols itself as authenticator',
  'new-password': 'temporary password: NEW_PASSWORD_REQUIRED form, then MFA_SETUP',
};

const NEW_PASSWORDS: Record<string, string> = { 'demo-newpass': 'Demo-Chosen-2026!' };

type SeedUser = (typeof seed.pools)[number]['Users'][number] & { Totp?: { Secret: string } };

function roleOf(user: SeedUser): DemoRole {
  if (user.Permanent === false) return 'new-password';
  return user.Totp ? 'totp' : 'mfa-setup';
}

/** Reads the demo pool out of the seed, so the seed file stays the one place the users are defined. */
export function demoPoolFromSeed(seedFile: typeof seed = seed): DemoPool {
  const pool = seedFile.pools[0];
  const client = pool?.Clients[0];
  if (!pool || !client) throw new Error('scripts/demo/seed.json must define one pool with one app client');
  const users = pool.Users.map((u: SeedUser): DemoUser => {
    const role = roleOf(u);
    return {
      username: u.Username,
      password: u.Password,
      role,
      demonstrates: DEMONSTRATES[role],
      ...(u.Totp ? { totpSecret: u.Totp.Secret } : {}),
      ...(role === 'new-password' ? { newPassword: NEW_PASSWORDS[u.Username] ?? `${u.Password}-new` } : {}),
    };
  });
  return { userPoolId: pool.Id, clientId: client.ClientId, users };
}

/** Lays out rows of cells as an aligned plain-text table. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** The text printed at start: where the pool is, and the demo-only credentials. */
export function describeDemo(endpoint: string, pool: DemoPool): string {
  const users = formatTable([
    ['username', 'password', 'TOTP secret', 'demonstrates'],
    ...pool.users.map((u) => [
      u.username,
      u.role === 'new-password' ? `${u.password} (temporary; new: ${u.newPassword})` : u.password,
      u.totpSecret ?? '-',
      u.demonstrates,
    ]),
  ]);
  return [
    formatTable([
      ['endpoint', endpoint],
      ['user pool id', pool.userPoolId],
      ['app client id', `${pool.clientId} (no secret; SRP, password and refresh flows)`],
      ['vault password', DEMO_VAULT_PASSWORD],
    ]),
    '',
    users,
    '',
    'These are demo-only credentials for a local, throwaway user pool.',
  ].join('\n');
}
