/**
 * Sending an SMS the way Cognito does: through the IAM role named by the pool's
 * SmsConfiguration.SnsCallerArn, which Cognito assumes (sts:AssumeRole, with the configured
 * ExternalId) and then uses to call sns:Publish.
 *
 * The pool cannot see an AWS account's IAM, so it keeps a small one of its own: the roles given
 * in LocalPoolOptions.iamRoles (live in LocalPool.iam, so a test can edit a role as someone could
 * in the IAM console). A role named there is evaluated; a role not named there is taken to be set
 * up correctly, as every SMS configuration was before this emulation existed.
 * - no SmsConfiguration where an SMS must go out → InvalidUserPoolConfigurationException
 *   ("User pool does not have SMS configuration to send messages.")
 * - the role's trust policy does not let cognito-idp.amazonaws.com assume it, or demands an
 *   sts:ExternalId other than the configured one → InvalidSmsRoleTrustRelationshipException
 * - the role's policies do not allow sns:Publish → InvalidSmsRoleAccessPolicyException
 * As on AWS, the role is checked when CreateUserPool / UpdateUserPool / SetUserPoolMfaConfig set
 * it, and again each time an SMS is sent (the role may have changed since).
 */
import type { ServerContext } from './context.js';
import { PoolError } from './errors.js';
import type { PoolRecord } from './store.js';
import { type Body, optStr, reqStr } from './validation.js';

export interface IamStatement {
  Effect: 'Allow' | 'Deny';
  Principal?: { Service?: string | string[] };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: { StringEquals?: Record<string, string> };
}

export interface IamRole {
  /** the trust policy */
  AssumeRolePolicyDocument: { Statement: IamStatement[] };
  /** the permission policies attached to the role */
  Policies: { Statement: IamStatement[] }[];
}

export interface SmsConfiguration {
  SnsCallerArn: string;
  ExternalId?: string;
  SnsRegion?: string;
}

const COGNITO_PRINCIPAL = 'cognito-idp.amazonaws.com';
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const ARN_RULE = { min: 20, max: 2048, pattern: /^arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?$/ };

/** The SmsConfigurationType members, typed per the model (SnsCallerArn required). */
export function parseSmsConfiguration(value: unknown): SmsConfiguration {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PoolError('SerializationException', 'Unexpected value type for SmsConfiguration: expected structure');
  const b = value as Body;
  const out: SmsConfiguration = { SnsCallerArn: reqStr(b, 'SnsCallerArn', ARN_RULE) };
  const ext = optStr(b, 'ExternalId');
  if (ext !== undefined) out.ExternalId = ext;
  const region = optStr(b, 'SnsRegion', { min: 5, max: 32, pattern: /^[-\w]+$/ });
  if (region !== undefined) out.SnsRegion = region;
  return out;
}

function matches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
  return re.test(action);
}

function cognitoMayAssume(role: IamRole, externalId: string | undefined): boolean {
  return role.AssumeRolePolicyDocument.Statement.some((st) => {
    if (st.Effect !== 'Allow') return false;
    if (!list(st.Principal?.Service).includes(COGNITO_PRINCIPAL)) return false;
    if (!list(st.Action).some((a) => matches(a, 'sts:AssumeRole'))) return false;
    const required = st.Condition?.StringEquals?.['sts:ExternalId'];
    return required === undefined || required === externalId;
  });
}

function mayPublish(role: IamRole): boolean {
  const statements = role.Policies.flatMap((p) => p.Statement);
  const publish = (st: IamStatement) => list(st.Action).some((a) => matches(a, 'sns:Publish'));
  if (statements.some((st) => st.Effect === 'Deny' && publish(st))) return false;
  return statements.some((st) => st.Effect === 'Allow' && publish(st) && list(st.Resource ?? '*').some((r) => r === '*'));
}

/** Assumes the role and checks it may publish, as Cognito does before it sends an SMS. */
export function checkSmsRole(ctx: ServerContext, config: SmsConfiguration): void {
  const role = ctx.iam.get(config.SnsCallerArn);
  if (!role) return;
  if (!cognitoMayAssume(role, config.ExternalId))
    throw new PoolError('InvalidSmsRoleTrustRelationshipException', 'Role does not have a trust relationship allowing Cognito to assume the role.');
  if (!mayPublish(role)) throw new PoolError('InvalidSmsRoleAccessPolicyException', 'Role does not have permission to publish with SNS.');
}

/** The SmsConfiguration an SMS of this pool goes out through (SMS MFA's own, else the pool's). */
export function smsConfigurationOf(pool: PoolRecord): SmsConfiguration | undefined {
  const own = pool.smsMfaConfiguration?.SmsConfiguration ?? pool.config.SmsConfiguration;
  return own === undefined || own === null ? undefined : (own as SmsConfiguration);
}

/** Called before every SMS the pool "sends". */
export function requireSmsSender(ctx: ServerContext, pool: PoolRecord): void {
  const config = smsConfigurationOf(pool);
  if (!config) throw new PoolError('InvalidUserPoolConfigurationException', 'User pool does not have SMS configuration to send messages.');
  checkSmsRole(ctx, config);
}
