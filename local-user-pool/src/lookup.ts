/**
 * Finding pools, clients and users, and the checks that go with finding them: SECRET_HASH,
 * access tokens, lockout counting, one-time codes.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { ClientRecord, PoolRecord, UserRecord } from './store.js';
import type { ServerContext } from './context.js';
import { PoolError, notAuthorized, resourceNotFound } from './errors.js';
import { checkAccessToken, type AccessTokenClaims } from './tokens.js';

export function poolById(ctx: ServerContext, poolId: string): PoolRecord {
  const pool = ctx.state.pools[poolId];
  if (!pool) throw resourceNotFound(`User pool ${poolId} does not exist.`);
  return pool;
}

export function clientById(ctx: ServerContext, clientId: string): { pool: PoolRecord; client: ClientRecord } {
  for (const pool of Object.values(ctx.state.pools)) {
    const client = pool.clients[clientId];
    if (client) return { pool, client };
  }
  throw resourceNotFound(`User pool client ${clientId} does not exist.`);
}

export function poolClient(ctx: ServerContext, poolId: string, clientId: string): { pool: PoolRecord; client: ClientRecord } {
  const pool = poolById(ctx, poolId);
  const client = pool.clients[clientId];
  if (!client) throw resourceNotFound(`User pool client ${clientId} does not exist.`);
  return { pool, client };
}

export function caseSensitive(pool: PoolRecord): boolean {
  const cfg = pool.config.UsernameConfiguration as { CaseSensitive?: boolean } | undefined;
  return cfg?.CaseSensitive === true;
}

export const userKey = (pool: PoolRecord, username: string) => (caseSensitive(pool) ? username : username.toLowerCase());

function signInAttributes(pool: PoolRecord): string[] {
  const ua = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  const aa = (pool.config.AliasAttributes as string[] | undefined) ?? [];
  return [...ua, ...aa];
}

/** Resolves a username or sign-in alias (email, phone_number, preferred_username) to the user. */
export function findUser(pool: PoolRecord, name: string): UserRecord | undefined {
  const direct = pool.users[userKey(pool, name)];
  if (direct) return direct;
  const attrs = signInAttributes(pool);
  if (attrs.length === 0) return undefined;
  const lname = name.toLowerCase();
  for (const u of Object.values(pool.users)) {
    for (const a of attrs) {
      const v = u.attributes[a];
      if (v === undefined) continue;
      // aliases only count once verified (Cognito), username attributes always do
      const isAlias = ((pool.config.AliasAttributes as string[] | undefined) ?? []).includes(a);
      if (isAlias && a !== 'preferred_username' && u.attributes[`${a}_verified`] !== 'true') continue;
      if ((a === 'email' || a === 'preferred_username' ? v.toLowerCase() : v) === (a === 'email' || a === 'preferred_username' ? lname : name))
        return u;
    }
  }
  return undefined;
}

/**
 * Users by sub, per pool: every request with an access token finds its user this way, and a scan
 * of all users made each one cost the pool's size (GetUser with 10 000 users: 44 ms, see
 * bench/sections/scale-pool.ts). The index is a cache, never the truth: a hit counts only while
 * the user is still in the pool under its name with that sub, and a miss rebuilds it once, so
 * users created, renamed or deleted since are found, or not, exactly as a scan would.
 */
const usersBySub = new WeakMap<PoolRecord, Map<string, UserRecord>>();

export function userBySub(pool: PoolRecord, sub: string): UserRecord | undefined {
  const cached = usersBySub.get(pool)?.get(sub);
  if (cached && cached.sub === sub && pool.users[userKey(pool, cached.username)] === cached) return cached;
  const index = new Map<string, UserRecord>();
  for (const u of Object.values(pool.users)) index.set(u.sub, u);
  usersBySub.set(pool, index);
  return index.get(sub);
}

export function requireUser(pool: PoolRecord, name: string): UserRecord {
  const u = findUser(pool, name);
  if (!u) throw new PoolError('UserNotFoundException', 'User does not exist.');
  return u;
}

export function computeSecretHash(username: string, clientId: string, secret: string): string {
  return createHmac('sha256', secret).update(username + clientId).digest('base64');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** SECRET_HASH over `username` (the alias as typed at InitiateAuth, the canonical name afterwards). */
export function checkSecretHash(client: ClientRecord, username: string, given: string | undefined): void {
  if (!client.clientSecret) return;
  if (given === undefined || given === '')
    throw notAuthorized(`Client ${client.clientId} is configured for secret but secret was not received`);
  if (!safeEqual(computeSecretHash(username, client.clientId, client.clientSecret), given))
    throw notAuthorized(`Unable to verify secret hash for client ${client.clientId}`);
}

/** The raw ClientSecret of GetTokensFromRefreshToken / RevokeToken. */
export function checkClientSecret(client: ClientRecord, given: string | undefined): void {
  if (!client.clientSecret) return;
  if (given === undefined || given === '')
    throw notAuthorized(`Client ${client.clientId} is configured for secret but secret was not received`);
  if (!safeEqual(client.clientSecret, given)) throw notAuthorized(`Unable to verify secret for client ${client.clientId}`);
}

/** Finds the pool from the token's issuer, then validates it. */
export function authenticate(ctx: ServerContext, accessToken: string): { pool: PoolRecord; user: UserRecord; claims: AccessTokenClaims } {
  const parts = accessToken.split('.');
  let iss = '';
  try {
    iss = String((JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as { iss?: unknown }).iss ?? '');
  } catch {
    throw notAuthorized('Invalid Access Token');
  }
  const poolId = iss.slice(iss.lastIndexOf('/') + 1);
  const pool = ctx.state.pools[poolId];
  if (!pool) throw notAuthorized('Invalid Access Token');
  const claims = checkAccessToken(pool, accessToken, ctx.now());
  const user = userBySub(pool, claims.sub);
  if (!user) throw notAuthorized('User does not exist.');
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return { pool, user, claims };
}

const MINUTE = 60_000;

/** "Password attempts exceeded" once a user collects too many failures within a minute. */
export function checkLockout(ctx: ServerContext, pool: PoolRecord, user: UserRecord | undefined): void {
  if (!user) return;
  const now = ctx.now();
  user.failures = user.failures.filter((t) => now - t < MINUTE);
  if (user.failures.length >= pool.local.maxFailedAttemptsPerMinute) throw notAuthorized('Password attempts exceeded');
}

export function recordFailure(ctx: ServerContext, user: UserRecord | undefined): void {
  if (!user) return;
  user.failures.push(ctx.now());
  ctx.markDirty();
}

export function clearFailures(ctx: ServerContext, user: UserRecord): void {
  if (user.failures.length > 0) {
    user.failures = [];
    ctx.markDirty();
  }
}

/** "Sends" a one-time code: records it for GET /_local/codes and tells the CLI. */
export function deliverCode(ctx: ServerContext, pool: PoolRecord, user: UserRecord, purpose: string, destination?: string): string {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  pool.codes[userKey(pool, user.username)] = { code, purpose, destination, createdAt: ctx.now() };
  ctx.markDirty();
  ctx.onCode?.(pool.id, user.username, purpose, code);
  return code;
}

export function maskEmail(email: string | undefined): string {
  if (!email) return '';
  const [local, domain] = email.split('@');
  return `${(local ?? '').charAt(0)}***@${(domain ?? '').charAt(0)}***`;
}

export function maskPhone(phone: string | undefined): string {
  if (!phone) return '';
  return `+*******${phone.slice(-4)}`;
}

export function attributeList(attrs: Record<string, string>): { Name: string; Value: string }[] {
  return Object.entries(attrs).map(([Name, Value]) => ({ Name, Value }));
}

export const epochSeconds = (ms: number) => ms / 1000;
