/** Device tracking: ConfirmDevice stores the device's SRP verifier; the rest manages remembered devices. */
import type { Handler, ServerContext } from '../context.js';
import type { DeviceRecord, PoolRecord, UserRecord } from '../store.js';
import { DEVICE_NOT_FOUND, invalidParameter, resourceNotFound } from '../errors.js';
import { authenticate, epochSeconds, poolById, requireUser } from '../lookup.js';
import { N, bytesToBigInt } from '../srp-server.js';
import { deviceConfig } from '../auth/issue.js';
import { DEVICE_KEY_RULE, POOL_ID_RULE, TOKEN_RULE, USERNAME_RULE, type Body, optInt, optObj, optStr, reqStr } from '../validation.js';

function decodeB64Int(field: string, s: string | undefined): bigint {
  if (s === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(s)) throw invalidParameter(`DeviceSecretVerifierConfig.${field} must be base64`);
  return bytesToBigInt(Buffer.from(s, 'base64'));
}

export function deviceType(d: DeviceRecord) {
  return {
    DeviceKey: d.deviceKey,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      ...(d.name !== undefined ? [{ Name: 'device_name', Value: d.name }] : []),
      { Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' },
      ...(d.lastIp ? [{ Name: 'last_ip_used', Value: d.lastIp }] : []),
    ],
    DeviceCreateDate: epochSeconds(d.createdAt),
    DeviceLastModifiedDate: epochSeconds(d.lastModifiedAt),
    DeviceLastAuthenticatedDate: epochSeconds(d.lastAuthenticatedAt),
  };
}

function confirmedDevice(user: UserRecord, key: string): DeviceRecord {
  const d = user.devices[key];
  if (!d || !d.confirmed) throw resourceNotFound(DEVICE_NOT_FOUND);
  return d;
}

export const ConfirmDevice: Handler = (ctx, body) => {
  const { pool, user, claims } = authenticate(ctx, reqStr(body, 'AccessToken', TOKEN_RULE));
  const key = reqStr(body, 'DeviceKey', DEVICE_KEY_RULE);
  const name = optStr(body, 'DeviceName', { min: 1, max: 1024 });
  const cfg = optObj(body, 'DeviceSecretVerifierConfig');
  const d = user.devices[key];
  // a key from another sign-in (the access token names its own device) is refused
  if (!d || (claims.device_key !== undefined && claims.device_key !== key)) throw invalidParameter('Invalid device key given.');
  if (!cfg) throw invalidParameter('Missing required parameter DeviceSecretVerifierConfig');
  const salt = decodeB64Int('Salt', optStr(cfg, 'Salt'));
  const v = decodeB64Int('PasswordVerifier', optStr(cfg, 'PasswordVerifier'));
  if (v <= 0n || v >= N) throw invalidParameter('DeviceSecretVerifierConfig.PasswordVerifier is out of range');
  const now = ctx.now();
  const onPrompt = deviceConfig(pool).DeviceOnlyRememberedOnUserPrompt;
  d.verifier = { saltHex: salt.toString(16), verifierHex: v.toString(16) };
  d.confirmed = true;
  d.remembered = !onPrompt;
  if (name !== undefined) d.name = name;
  d.lastModifiedAt = now;
  ctx.markDirty();
  return { UserConfirmationNecessary: onPrompt };
};

function setStatus(ctx: ServerContext, user: UserRecord, body: Body): object {
  const d = confirmedDevice(user, reqStr(body, 'DeviceKey', DEVICE_KEY_RULE));
  const status = optStr(body, 'DeviceRememberedStatus', { oneOf: ['remembered', 'not_remembered'] });
  if (status !== undefined) d.remembered = status === 'remembered';
  d.lastModifiedAt = ctx.now();
  ctx.markDirty();
  return {};
}

function forget(ctx: ServerContext, pool: PoolRecord, user: UserRecord, key: string): object {
  if (!user.devices[key]) throw resourceNotFound(DEVICE_NOT_FOUND);
  delete user.devices[key];
  // refresh tokens bound to the device die with it
  for (const r of Object.values(pool.refreshTokens)) if (r.deviceKey === key) r.revoked = true;
  ctx.markDirty();
  return {};
}

function list(user: UserRecord, body: Body, limitField: string, tokenField: string) {
  const limit = optInt(body, limitField, 0, 60) ?? 60;
  const token = optStr(body, tokenField, { min: 1 });
  const all = Object.values(user.devices)
    .filter((d) => d.confirmed)
    .sort((a, b) => a.createdAt - b.createdAt || a.deviceKey.localeCompare(b.deviceKey));
  let start = 0;
  if (token !== undefined) {
    const key = Buffer.from(token, 'base64url').toString('utf8');
    start = all.findIndex((d) => d.deviceKey === key);
    if (start < 0) throw invalidParameter('Invalid pagination token');
  }
  const page = all.slice(start, start + (limit === 0 ? 60 : limit));
  const next = all[start + page.length];
  return {
    Devices: page.map(deviceType),
    ...(next ? { PaginationToken: Buffer.from(next.deviceKey).toString('base64url') } : {}),
  };
}

export const UpdateDeviceStatus: Handler = (ctx, body) => {
  const { user } = authenticate(ctx, reqStr(body, 'AccessToken', TOKEN_RULE));
  return setStatus(ctx, user, body);
};

export const ForgetDevice: Handler = (ctx, body) => {
  const { pool, user, claims } = authenticate(ctx, optStr(body, 'AccessToken', TOKEN_RULE) ?? '');
  const key = optStr(body, 'DeviceKey', DEVICE_KEY_RULE) ?? claims.device_key;
  if (!key) throw invalidParameter('Missing required parameter DeviceKey');
  return forget(ctx, pool, user, key);
};

export const GetDevice: Handler = (ctx, body) => {
  const { user } = authenticate(ctx, reqStr(body, 'AccessToken', TOKEN_RULE));
  return { Device: deviceType(confirmedDevice(user, reqStr(body, 'DeviceKey', DEVICE_KEY_RULE))) };
};

export const ListDevices: Handler = (ctx, body) => {
  const { user } = authenticate(ctx, reqStr(body, 'AccessToken', TOKEN_RULE));
  return list(user, body, 'Limit', 'PaginationToken');
};

function adminUser(ctx: ServerContext, body: Body) {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  return { pool, user: requireUser(pool, reqStr(body, 'Username', USERNAME_RULE)) };
}

export const AdminListDevices: Handler = (ctx, body) => {
  const { user } = adminUser(ctx, body);
  return list(user, body, 'Limit', 'PaginationToken');
};

export const AdminForgetDevice: Handler = (ctx, body) => {
  const { pool, user } = adminUser(ctx, body);
  return forget(ctx, pool, user, reqStr(body, 'DeviceKey', DEVICE_KEY_RULE));
};

export const AdminGetDevice: Handler = (ctx, body) => {
  const { user } = adminUser(ctx, body);
  return { Device: deviceType(confirmedDevice(user, reqStr(body, 'DeviceKey', DEVICE_KEY_RULE))) };
};

export const AdminUpdateDeviceStatus: Handler = (ctx, body) => {
  const { user } = adminUser(ctx, body);
  return setStatus(ctx, user, body);
};
