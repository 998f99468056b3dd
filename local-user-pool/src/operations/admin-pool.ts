/** Pool and app-client administration (SigV4-authorised in AWS; here any Authorization header will do). */
import type { Handler, ServerContext, RequestInfo } from '../context.js';
import type { ClientRecord, PoolRecord } from '../store.js';
import { DEFAULT_LOCAL_SETTINGS, table } from '../store.js';
import { invalidParameter, resourceNotFound } from '../errors.js';
import { poolById } from '../lookup.js';
import { newClientId, newClientSecret, newPoolId } from '../ids.js';
import { newSigningKey } from '../tokens.js';
import { issuerOf } from '../issuer.js';
import { checkSmsRole, parseSmsConfiguration } from '../sms.js';
import { CLIENT_ID_RULE, POOL_ID_RULE, type Body, optBool, optInt, optObj, optStr, optStrList, reqStr } from '../validation.js';

const POOL_CONFIG_FIELDS = [
  'Policies',
  'DeletionProtection',
  'LambdaConfig',
  'AutoVerifiedAttributes',
  'AliasAttributes',
  'UsernameAttributes',
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
  'Schema',
  'UserPoolAddOns',
  'UsernameConfiguration',
  'AccountRecoverySetting',
  'UserPoolTier',
];

/** Set only by CreateUserPool: UpdateUserPool has no such parameters, so it leaves them alone. */
const CREATE_ONLY_FIELDS = ['Schema', 'UsernameAttributes', 'AliasAttributes', 'UsernameConfiguration'];

/** What UpdateUserPool sets; each one it is not given goes back to its default (absent here). */
const UPDATABLE_FIELDS = POOL_CONFIG_FIELDS.filter((f) => !CREATE_ONLY_FIELDS.includes(f));

const MFA_CONFIGS = ['OFF', 'ON', 'OPTIONAL'] as const;

function pickConfig(body: Body): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of POOL_CONFIG_FIELDS) if (body[f] !== undefined) out[f] = body[f];
  const dc = optObj(body, 'DeviceConfiguration');
  if (dc) {
    optBool(dc, 'ChallengeRequiredOnNewDevice');
    optBool(dc, 'DeviceOnlyRememberedOnUserPrompt');
  }
  optStrList(body, 'UsernameAttributes');
  optStrList(body, 'AliasAttributes');
  return out;
}

export function createPool(ctx: ServerContext, body: Body, region: string, fixedId?: string): PoolRecord {
  const name = reqStr(body, 'PoolName', { min: 1, max: 128 });
  const mfa = (optStr(body, 'MfaConfiguration', { oneOf: MFA_CONFIGS }) ?? 'OFF') as PoolRecord['mfaConfiguration'];
  const now = ctx.now();
  const config = pickConfig(body);
  if (config.SmsConfiguration !== undefined) checkSmsRole(ctx, parseSmsConfiguration(config.SmsConfiguration));
  const pool: PoolRecord = {
    id: fixedId ?? newPoolId(region),
    name,
    region: fixedId ? fixedId.slice(0, fixedId.indexOf('_')) : region,
    createdAt: now,
    lastModifiedAt: now,
    config,
    mfaConfiguration: mfa,
    softwareTokenMfaEnabled: false,
    smsMfaConfiguration: config.SmsConfiguration ? { SmsConfiguration: config.SmsConfiguration } : undefined,
    local: { ...DEFAULT_LOCAL_SETTINGS },
    signingKey: newSigningKey(),
    clients: table(),
    users: table(),
    refreshTokens: table(),
    revokedOrigins: table(),
    codes: table(),
  };
  ctx.state.pools[pool.id] = pool;
  ctx.markDirty();
  return pool;
}

export function poolType(ctx: ServerContext, pool: PoolRecord) {
  const c = pool.config;
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: `arn:aws:cognito-idp:${pool.region}:000000000000:userpool/${pool.id}`,
    Policies: c.Policies ?? {
      PasswordPolicy: { MinimumLength: 8, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true, TemporaryPasswordValidityDays: 7 },
    },
    ...Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'Policies' && k !== 'Schema')),
    SchemaAttributes: c.Schema ?? [],
    MfaConfiguration: pool.mfaConfiguration,
    EstimatedNumberOfUsers: Object.keys(pool.users).length,
    CreationDate: pool.createdAt / 1000,
    LastModifiedDate: pool.lastModifiedAt / 1000,
    Domain: undefined,
    Issuer: issuerOf(ctx, pool),
  };
}

function regionOf(req: RequestInfo): string {
  return req.signedRegion ?? 'us-east-1';
}

export const CreateUserPool: Handler = (ctx, body, req) => ({ UserPool: poolType(ctx, createPool(ctx, body, regionOf(req))) });

export const DescribeUserPool: Handler = (ctx, body) => ({ UserPool: poolType(ctx, poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE))) });

/**
 * AWS: "If you don't provide a value for an attribute, Amazon Cognito sets it to its default
 * value" — an update replaces every updatable setting, it does not merge (API reference,
 * UpdateUserPool; developer guide, "Updating user pool and app client configuration").
 */
export const UpdateUserPool: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  const given = pickConfig(body);
  if (given.SmsConfiguration !== undefined) checkSmsRole(ctx, parseSmsConfiguration(given.SmsConfiguration));
  const name = optStr(body, 'PoolName', { min: 1, max: 128 });
  const mfa = (optStr(body, 'MfaConfiguration', { oneOf: MFA_CONFIGS }) ?? 'OFF') as PoolRecord['mfaConfiguration'];
  const smsMfaConfiguration = given.SmsConfiguration ? { SmsConfiguration: given.SmsConfiguration } : undefined;
  // SetUserPoolMfaConfig's rule: MFA needs a factor (TOTP and email MFA are not UpdateUserPool's to reset)
  if (mfa !== 'OFF' && !pool.softwareTokenMfaEnabled && !smsMfaConfiguration && !pool.emailMfaConfiguration)
    throw invalidParameter('At least one MFA method must be enabled when MfaConfiguration is ON or OPTIONAL.');
  for (const field of UPDATABLE_FIELDS) {
    if (given[field] !== undefined) pool.config[field] = given[field];
    else delete pool.config[field];
  }
  if (name) pool.name = name;
  pool.mfaConfiguration = mfa;
  pool.smsMfaConfiguration = smsMfaConfiguration;
  pool.lastModifiedAt = ctx.now();
  ctx.markDirty();
  return {};
};

export const DeleteUserPool: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  delete ctx.state.pools[pool.id];
  ctx.markDirty();
  return {};
};

export const ListUserPools: Handler = (ctx, body) => {
  const max = optInt(body, 'MaxResults', 1, 60);
  if (max === undefined) throw invalidParameter("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
  return { UserPools: Object.values(ctx.state.pools).slice(0, max).map((p) => ({ Id: p.id, Name: p.name, CreationDate: p.createdAt / 1000, LastModifiedDate: p.lastModifiedAt / 1000 })) };
};

function mfaConfigView(pool: PoolRecord) {
  return {
    MfaConfiguration: pool.mfaConfiguration,
    SoftwareTokenMfaConfiguration: { Enabled: pool.softwareTokenMfaEnabled },
    ...(pool.smsMfaConfiguration ? { SmsMfaConfiguration: pool.smsMfaConfiguration } : {}),
    ...(pool.emailMfaConfiguration ? { EmailMfaConfiguration: pool.emailMfaConfiguration } : {}),
  };
}

export const SetUserPoolMfaConfig: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  const totp = optObj(body, 'SoftwareTokenMfaConfiguration');
  if (totp) pool.softwareTokenMfaEnabled = optBool(totp, 'Enabled') ?? false;
  const sms = optObj(body, 'SmsMfaConfiguration');
  if (sms?.SmsConfiguration !== undefined && sms.SmsConfiguration !== null) checkSmsRole(ctx, parseSmsConfiguration(sms.SmsConfiguration));
  if (sms) pool.smsMfaConfiguration = sms;
  const email = optObj(body, 'EmailMfaConfiguration');
  if (email) pool.emailMfaConfiguration = email;
  const mfa = optStr(body, 'MfaConfiguration', { oneOf: MFA_CONFIGS });
  if (mfa) pool.mfaConfiguration = mfa as PoolRecord['mfaConfiguration'];
  if (pool.mfaConfiguration !== 'OFF' && !pool.softwareTokenMfaEnabled && !pool.smsMfaConfiguration && !pool.emailMfaConfiguration)
    throw invalidParameter('At least one MFA method must be enabled when MfaConfiguration is ON or OPTIONAL.');
  pool.lastModifiedAt = ctx.now();
  ctx.markDirty();
  return mfaConfigView(pool);
};

export const GetUserPoolMfaConfig: Handler = (ctx, body) => mfaConfigView(poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE)));

const LEGACY_FLOWS: Record<string, string> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
};
const CLIENT_FLOWS = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
];

/** The effective ALLOW_* set: AWS's default when none given; legacy names also keep SRP and refresh on. */
function effectiveFlows(given: string[] | undefined): string[] {
  if (!given || given.length === 0) return ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  for (const f of given) if (!CLIENT_FLOWS.includes(f)) throw invalidParameter(`Invalid ExplicitAuthFlows value ${f}`);
  const legacy = given.some((f) => !f.startsWith('ALLOW_'));
  if (legacy && given.some((f) => f.startsWith('ALLOW_')))
    throw invalidParameter('ExplicitAuthFlows cannot mix legacy values with ALLOW_ prefixed values');
  if (legacy) return [...new Set(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', ...given.map((f) => LEGACY_FLOWS[f]!)])];
  return given;
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

function applyClientFields(client: ClientRecord, body: Body): void {
  const units = optObj(body, 'TokenValidityUnits');
  if (units) {
    for (const k of ['AccessToken', 'IdToken', 'RefreshToken'] as const) {
      const u = optStr(units, k, { oneOf: ['seconds', 'minutes', 'hours', 'days'] });
      if (u) client.tokenValidityUnits[k] = u;
    }
  }
  const a = optInt(body, 'AccessTokenValidity', 1, 86400);
  if (a !== undefined) client.accessTokenValidity = a;
  const i = optInt(body, 'IdTokenValidity', 1, 86400);
  if (i !== undefined) client.idTokenValidity = i;
  const r = optInt(body, 'RefreshTokenValidity', 0, 315360000);
  if (r !== undefined) client.refreshTokenValidity = r;
  client.accessTokenValiditySeconds = client.accessTokenValidity * UNIT_SECONDS[client.tokenValidityUnits.AccessToken]!;
  client.idTokenValiditySeconds = client.idTokenValidity * UNIT_SECONDS[client.tokenValidityUnits.IdToken]!;
  client.refreshTokenValiditySeconds = client.refreshTokenValidity * UNIT_SECONDS[client.tokenValidityUnits.RefreshToken]!;
  if (client.accessTokenValiditySeconds < 300 || client.accessTokenValiditySeconds > 86400)
    throw invalidParameter('Access token validity must be between 5 minutes and 1 day');
  if (client.idTokenValiditySeconds < 300 || client.idTokenValiditySeconds > 86400)
    throw invalidParameter('ID token validity must be between 5 minutes and 1 day');
  const flows = optStrList(body, 'ExplicitAuthFlows');
  if (flows) client.explicitAuthFlows = effectiveFlows(flows);
  const sv = optInt(body, 'AuthSessionValidity', 3, 15);
  if (sv !== undefined) client.authSessionValidityMinutes = sv;
  const rev = optBool(body, 'EnableTokenRevocation');
  if (rev !== undefined) client.enableTokenRevocation = rev;
  const pue = optStr(body, 'PreventUserExistenceErrors', { oneOf: ['ENABLED', 'LEGACY'] });
  if (pue) client.preventUserExistenceErrors = pue as 'ENABLED' | 'LEGACY';
  const rot = optObj(body, 'RefreshTokenRotation');
  if (rot) {
    client.refreshTokenRotation = {
      Feature: (optStr(rot, 'Feature', { oneOf: ['ENABLED', 'DISABLED'] }) ?? 'DISABLED') as 'ENABLED' | 'DISABLED',
      RetryGracePeriodSeconds: optInt(rot, 'RetryGracePeriodSeconds', 0, 60) ?? 0,
    };
  }
  const ra = optStrList(body, 'ReadAttributes');
  if (ra) client.readAttributes = ra;
  const wa = optStrList(body, 'WriteAttributes');
  if (wa) client.writeAttributes = wa;
  const name = optStr(body, 'ClientName', { min: 1, max: 128 });
  if (name) client.clientName = name;
  const propagate = optBool(body, 'EnablePropagateAdditionalUserContextData');
  if (propagate !== undefined) client.enablePropagateAdditionalUserContextData = propagate;
}

/** AWS: "You can only activate EnablePropagateAdditionalUserContextData in an app client that has a client secret." */
function checkPropagation(client: Pick<ClientRecord, 'enablePropagateAdditionalUserContextData' | 'clientSecret'>): void {
  if (client.enablePropagateAdditionalUserContextData && !client.clientSecret)
    throw invalidParameter('EnablePropagateAdditionalUserContextData can only be enabled for an app client with a client secret.');
}

export function createClient(ctx: ServerContext, pool: PoolRecord, body: Body, fixed?: { clientId?: string; clientSecret?: string }): ClientRecord {
  const now = ctx.now();
  const client: ClientRecord = {
    clientId: fixed?.clientId ?? newClientId(),
    clientName: reqStr(body, 'ClientName', { min: 1, max: 128 }),
    explicitAuthFlows: effectiveFlows(undefined),
    authSessionValidityMinutes: 3,
    tokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    accessTokenValidity: 60,
    idTokenValidity: 60,
    refreshTokenValidity: 30,
    accessTokenValiditySeconds: 3600,
    idTokenValiditySeconds: 3600,
    refreshTokenValiditySeconds: 30 * 86400,
    enableTokenRevocation: true,
    preventUserExistenceErrors: 'ENABLED',
    refreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 },
    createdAt: now,
    lastModifiedAt: now,
  };
  applyClientFields(client, body);
  if (fixed?.clientSecret) client.clientSecret = fixed.clientSecret;
  else if (optBool(body, 'GenerateSecret')) client.clientSecret = newClientSecret();
  checkPropagation(client);
  pool.clients[client.clientId] = client;
  ctx.markDirty();
  return client;
}

function clientType(pool: PoolRecord, c: ClientRecord) {
  return {
    UserPoolId: pool.id,
    ClientName: c.clientName,
    ClientId: c.clientId,
    ...(c.clientSecret ? { ClientSecret: c.clientSecret } : {}),
    LastModifiedDate: c.lastModifiedAt / 1000,
    CreationDate: c.createdAt / 1000,
    RefreshTokenValidity: c.refreshTokenValidity,
    AccessTokenValidity: c.accessTokenValidity,
    IdTokenValidity: c.idTokenValidity,
    TokenValidityUnits: c.tokenValidityUnits,
    ExplicitAuthFlows: c.explicitAuthFlows,
    PreventUserExistenceErrors: c.preventUserExistenceErrors,
    EnableTokenRevocation: c.enableTokenRevocation,
    AuthSessionValidity: c.authSessionValidityMinutes,
    RefreshTokenRotation: c.refreshTokenRotation,
    ...(c.readAttributes ? { ReadAttributes: c.readAttributes } : {}),
    ...(c.writeAttributes ? { WriteAttributes: c.writeAttributes } : {}),
    AllowedOAuthFlowsUserPoolClient: false,
    EnablePropagateAdditionalUserContextData: c.enablePropagateAdditionalUserContextData === true,
  };
}

function clientOf(ctx: ServerContext, body: Body) {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  const id = reqStr(body, 'ClientId', CLIENT_ID_RULE);
  const client = pool.clients[id];
  if (!client) throw resourceNotFound(`User pool client ${id} does not exist.`);
  return { pool, client };
}

export const CreateUserPoolClient: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  return { UserPoolClient: clientType(pool, createClient(ctx, pool, body)) };
};

export const DescribeUserPoolClient: Handler = (ctx, body) => {
  const { pool, client } = clientOf(ctx, body);
  return { UserPoolClient: clientType(pool, client) };
};

export const UpdateUserPoolClient: Handler = (ctx, body) => {
  const { pool, client } = clientOf(ctx, body);
  // checked before anything changes: a refused update leaves the client as it was
  checkPropagation({ ...client, enablePropagateAdditionalUserContextData: optBool(body, 'EnablePropagateAdditionalUserContextData') ?? client.enablePropagateAdditionalUserContextData });
  applyClientFields(client, body);
  client.lastModifiedAt = ctx.now();
  ctx.markDirty();
  return { UserPoolClient: clientType(pool, client) };
};

export const DeleteUserPoolClient: Handler = (ctx, body) => {
  const { pool, client } = clientOf(ctx, body);
  delete pool.clients[client.clientId];
  ctx.markDirty();
  return {};
};

export const ListUserPoolClients: Handler = (ctx, body) => {
  const pool = poolById(ctx, reqStr(body, 'UserPoolId', POOL_ID_RULE));
  return { UserPoolClients: Object.values(pool.clients).map((c) => ({ ClientId: c.clientId, UserPoolId: pool.id, ClientName: c.clientName })) };
};
