/**
 * Sign-in aliases stay unambiguous. An e-mail address or phone number that another user of the
 * pool holds as a verified sign-in alias (AliasAttributes / UsernameAttributes) cannot be given to
 * a user in NEW_PASSWORD_REQUIRED, nor set as verified by an administrator: Cognito answers
 * AliasExistsException, "An account with the given email already exists." (its wording for
 * e-mail; "phone_number" for phones). preferred_username must be unique whether verified or not.
 */
import { PoolError } from './errors.js';
import type { PoolRecord, UserRecord } from './store.js';

const ALIASABLE = ['email', 'phone_number', 'preferred_username'] as const;

function signInAttributes(pool: PoolRecord): Set<string> {
  const ua = (pool.config.UsernameAttributes as string[] | undefined) ?? [];
  const aa = (pool.config.AliasAttributes as string[] | undefined) ?? [];
  return new Set([...ua, ...aa]);
}

const same = (attr: string, a: string, b: string) => (attr === 'phone_number' ? a === b : a.toLowerCase() === b.toLowerCase());

/** The first alias attribute of `changes` that another user already holds as a verified alias. */
function takenAlias(pool: PoolRecord, user: UserRecord, changes: Record<string, string>): string | undefined {
  const aliases = signInAttributes(pool);
  for (const attr of ALIASABLE) {
    const value = changes[attr];
    if (value === undefined || value === '' || !aliases.has(attr)) continue;
    for (const other of Object.values(pool.users)) {
      if (other === user) continue;
      const held = other.attributes[attr];
      const verified = attr === 'preferred_username' || other.attributes[`${attr}_verified`] === 'true';
      if (held !== undefined && verified && same(attr, held, value)) return attr;
    }
  }
  return undefined;
}

export function checkAliasesFree(pool: PoolRecord, user: UserRecord, changes: Record<string, string>): void {
  const attr = takenAlias(pool, user, changes);
  if (attr) throw new PoolError('AliasExistsException', `An account with the given ${attr} already exists.`);
}

/** An administrator's update: only values it marks verified (or preferred_username) claim the alias. */
export function checkAdminAliasUpdate(pool: PoolRecord, user: UserRecord, changes: Record<string, string>): void {
  const claimed: Record<string, string> = {};
  for (const attr of ALIASABLE) {
    const v = changes[attr];
    if (v === undefined) continue;
    const verified = attr === 'preferred_username' || (changes[`${attr}_verified`] ?? user.attributes[`${attr}_verified`]) === 'true';
    if (verified) claimed[attr] = v;
  }
  checkAliasesFree(pool, user, claimed);
}
