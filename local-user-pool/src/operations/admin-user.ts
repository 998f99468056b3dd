/** User administration: AdminCreateUser, AdminSetUserPassword, AdminGetUser, AdminDeleteUser, ListUsers and friends. */
import type { Handler, ServerContext } from '../context.js';
import type { PoolRecord, UserRecord } from '../store.js';
import { PoolError, invalidParameter } from '../errors.js';
import { attributeList, findUser, poolById, requireUser, userKey } from '../lookup.js';
import { newTemporaryPassword } from '../ids.js';
import { checkPasswordPolicy, newUserRecord, setPassword } from '../users.js';
import { mfaView } from './user.js';
import { checkAdminAliasUpdate } from '../aliases.js';
import { signOutEverywhere } from './session-tokens.js';
import { PASSWORD_RULE, POOL_ID_RULE, USERNAME_RULE, type Body, optAttributes, optBool, optInt, optStr, optStrList, reqStr } from '../validation.js';

export function userType(user: UserRecord) {
  return {
    Username: user.username,
    Attributes: attributeList(user.attributes),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.lastModifiedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

function target(ctx: ServerContext, body: Body): { pool: PoolRecord; user: UserRecord } {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  return { pool, user: requireUser(pool, reqStr(body, 'Username', USERNAME_RULE)) };
}

/** Creates a user in FORCE_CHANGE_PASSWORD; shared with the seed loader. */
export function adminCreateUser(
  ctx: ServerContext,
  pool: PoolRecord,
  username: string,
  attributes: Record<string, string>,
  temporaryPassword: string | undefined,
  messageAction: string | undefined,
): UserRecord {
  if (findUser(pool, username)) throw new PoolError('UsernameExistsException', 'User account already exists');
  const now = ctx.now();
  const user = newUserRecord(pool, username, attributes, now);
  if (pool.users[userKey(pool, user.username)]) throw new PoolError('UsernameExistsException', 'User account already exists');
  const password = temporaryPassword ?? newTemporaryPassword();
  if (temporaryPassword !== undefined) checkPasswordPolicy(pool, temporaryPassword);
  setPassword(pool, user, password, 'FORCE_CHANGE_PASSWORD', now);
  pool.users[userKey(pool, user.username)] = user;
  if (messageAction !== 'SUPPRESS') {
    // the "invitation message": readable on GET /_local/codes, never printed (it is a password)
    pool.codes[userKey(pool, user.username)] = { code: password, purpose: 'TEMPORARY_PASSWORD', createdAt: now };
  }
  ctx.markDirty();
  return user;
}

export const AdminCreateUser: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  const username = reqStr(body, 'Username', USERNAME_RULE);
  const action = optStr(body, 'MessageAction', { oneOf: ['RESEND', 'SUPPRESS'] });
  optStrList(body, 'DesiredDeliveryMediums');
  if (action === 'RESEND') {
    const user = requireUser(pool, username);
    return { User: userType(user) };
  }
  const user = adminCreateUser(
    ctx,
    pool,
    username,
    optAttributes(body, 'UserAttributes') ?? {},
    optStr(body, 'TemporaryPassword', PASSWORD_RULE),
    action,
  );
  return { User: userType(user) };
};

export const AdminSetUserPassword: Handler = (ctx, body) => {
  const { pool, user } = target(ctx, body);
  const password = reqStr(body, 'Password', PASSWORD_RULE);
  checkPasswordPolicy(pool, password);
  setPassword(pool, user, password, optBool(body, 'Permanent') ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD', ctx.now());
  ctx.markDirty();
  return {};
};

export const AdminGetUser: Handler = (ctx, body) => {
  const { pool, user } = target(ctx, body);
  const t = userType(user);
  return { Username: t.Username, UserAttributes: t.Attributes, UserCreateDate: t.UserCreateDate, UserLastModifiedDate: t.UserLastModifiedDate, Enabled: t.Enabled, UserStatus: t.UserStatus, ...mfaView(pool, user) };
};

export const AdminDeleteUser: Handler = (ctx, body) => {
  const { pool, user } = target(ctx, body);
  signOutEverywhere(ctx, pool, user);
  delete pool.users[userKey(pool, user.username)];
  delete pool.codes[userKey(pool, user.username)];
  ctx.markDirty();
  return {};
};

export const AdminConfirmSignUp: Handler = (ctx, body) => {
  const { user } = target(ctx, body);
  if (user.status !== 'UNCONFIRMED') throw new PoolError('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
  user.status = 'CONFIRMED';
  user.lastModifiedAt = ctx.now();
  ctx.markDirty();
  return {};
};

export const AdminDisableUser: Handler = (ctx, body) => {
  const { pool, user } = target(ctx, body);
  user.enabled = false;
  signOutEverywhere(ctx, pool, user);
  return {};
};

export const AdminEnableUser: Handler = (ctx, body) => {
  const { user } = target(ctx, body);
  user.enabled = true;
  ctx.markDirty();
  return {};
};

export const AdminResetUserPassword: Handler = (ctx, body) => {
  const { user } = target(ctx, body);
  user.status = 'RESET_REQUIRED';
  ctx.markDirty();
  return {};
};

export const AdminUpdateUserAttributes: Handler = (ctx, body) => {
  const { pool, user } = target(ctx, body);
  const attrs = optAttributes(body, 'UserAttributes');
  if (!attrs) throw invalidParameter("1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
  if (attrs.sub !== undefined) throw invalidParameter('Cannot modify the non-mutable attribute sub');
  checkAdminAliasUpdate(pool, user, attrs);
  Object.assign(user.attributes, attrs);
  user.lastModifiedAt = ctx.now();
  ctx.markDirty();
  return {};
};

const UNDELETABLE = new Set(['sub', 'email_verified', 'phone_number_verified']);

/** Deletes attributes; a verified flag goes with its attribute. */
export const AdminDeleteUserAttributes: Handler = (ctx, body) => {
  const { user } = target(ctx, body);
  const names = optStrList(body, 'UserAttributeNames');
  if (!names) throw invalidParameter("1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null");
  for (const n of names) if (UNDELETABLE.has(n)) throw invalidParameter(`Cannot delete the attribute ${n}`);
  for (const n of names) {
    delete user.attributes[n];
    delete user.attributes[`${n}_verified`];
  }
  user.lastModifiedAt = ctx.now();
  ctx.markDirty();
  return {};
};

/** Filter grammar: `attr = "value"` or `attr ^= "prefix"` (Cognito's ListUsers subset). */
function filterFn(filter: string | undefined): (u: UserRecord) => boolean {
  if (!filter) return () => true;
  const m = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (!m) throw invalidParameter('Error while parsing filter.');
  const [, attr, op, value] = m;
  const get = (u: UserRecord): string | undefined =>
    attr === 'username' ? u.username : attr === 'cognito:user_status' ? u.status : attr === 'status' ? (u.enabled ? 'Enabled' : 'Disabled') : u.attributes[attr!];
  return (u) => {
    const v = get(u);
    return v !== undefined && (op === '=' ? v === value : v.startsWith(value!));
  };
}

export const ListUsers: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  const limit = optInt(body, 'Limit', 0, 60) || 60;
  const token = optStr(body, 'PaginationToken', { min: 1 });
  const toGet = optStrList(body, 'AttributesToGet');
  const all = Object.values(pool.users)
    .filter(filterFn(optStr(body, 'Filter', { max: 256 })))
    .sort((a, b) => a.username.localeCompare(b.username));
  const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid pagination token');
  const page = all.slice(start, start + limit).map((u) => {
    const t = userType(u);
    return toGet ? { ...t, Attributes: t.Attributes.filter((a) => toGet.includes(a.Name)) } : t;
  });
  const nextIndex = start + page.length;
  return { Users: page, ...(nextIndex < all.length ? { PaginationToken: Buffer.from(String(nextIndex)).toString('base64url') } : {}) };
};
