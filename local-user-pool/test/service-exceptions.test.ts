/**
 * The pool's own answers for the exceptions that need a particular pool: the condition, the
 * exception name, the HTTP status and Cognito's wording (the engine's answers are in
 * test/engine/service-exceptions.test.ts).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type IamRole, type LocalPool } from '../src/index.js';
import { admin, call, makePool, makeUser, ok, srpSignIn } from './test-helpers.js';

const ROLE = 'arn:aws:iam::123456789012:role/sms';
const role = (externalId: string, actions: string[] = ['sns:Publish']): IamRole => ({
  AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: ['cognito-idp.amazonaws.com'] }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'sts:ExternalId': externalId } } }] },
  Policies: [{ Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }],
});

const TRIGGERS: Record<string, Record<string, string>> = {
  // DefineAuthChallenge asking for a challenge Cognito does not know
  'define-unknown': { 'define-auth-challenge': `export const handler = async (e) => { e.response.challengeName = 'MAGIC'; return e; };` },
  // DefineAuthChallenge returning something that is not an event
  'define-string': { 'define-auth-challenge': `export const handler = async () => 'issue tokens please';` },
  // DefineAuthChallenge with issueTokens of the wrong type
  'define-typed': { 'define-auth-challenge': `export const handler = async (e) => ({ ...e, response: { issueTokens: 'true' } });` },
  // DefineAuthChallenge refusing on purpose
  'define-throws': { 'define-auth-challenge': `export const handler = async () => { throw new Error('Outside office hours'); };` },
  // DefineAuthChallenge whose module has no handler
  'define-no-handler': { 'define-auth-challenge': `export const notTheHandler = () => null;` },
  // DefineAuthChallenge that never answers
  'define-hangs': { 'define-auth-challenge': `export const handler = () => new Promise(() => {});` },
  // CreateAuthChallenge with a structure as a public parameter
  'create-nested': {
    'define-auth-challenge': `export const handler = async (e) => { e.response.challengeName = 'CUSTOM_CHALLENGE'; return e; };`,
    'create-auth-challenge': `export const handler = async (e) => { e.response.publicChallengeParameters = { q: { nested: true } }; return e; };`,
  },
};

let pool: LocalPool;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pool-exceptions-'));
  for (const [name, files] of Object.entries(TRIGGERS)) {
    mkdirSync(join(dir, name));
    for (const [file, code] of Object.entries(files)) writeFileSync(join(dir, name, `${file}.mjs`), code);
  }
  // a short trigger time limit: only the trigger that never answers ever reaches it
  pool = await startLocalPool({ port: 0, triggersDir: dir, iamRoles: { [ROLE]: role('good') }, lambdaTimeoutMs: 200 });
});
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Lambda triggers', () => {
  it.each([
    ['define-unknown', 'InvalidLambdaResponseException', 'Unrecognizable lambda output'],
    ['define-string', 'InvalidLambdaResponseException', 'Unrecognizable lambda output'],
    ['define-typed', 'InvalidLambdaResponseException', 'Unrecognizable lambda output'],
    ['create-nested', 'InvalidLambdaResponseException', 'Unrecognizable lambda output'],
    ['define-throws', 'UserLambdaValidationException', 'DefineAuthChallenge failed with error Outside office hours.'],
    ['define-no-handler', 'UnexpectedLambdaException', 'DefineAuthChallenge failed with error Runtime.HandlerNotFound: the module does not export handler.'],
    ['define-hangs', 'UnexpectedLambdaException', 'DefineAuthChallenge failed with error Socket timeout while invoking Lambda function.'],
  ])('%s: %s', async (poolName, type, message) => {
    const p = await makePool(pool.endpoint, { PoolName: poolName });
    await makeUser(pool.endpoint, p, 'tess', 'Passw0rd!');
    const r = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'tess' } });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ __type: type, message });
  });
});

describe('SMS role', () => {
  it('CreateUserPool, UpdateUserPool and SetUserPoolMfaConfig assume the role as they set it', async () => {
    const untrusted = await call(pool.endpoint, 'CreateUserPool', { PoolName: 'sms', SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'wrong' } }, { admin: true });
    expect(untrusted.body).toEqual({ __type: 'InvalidSmsRoleTrustRelationshipException', message: 'Role does not have a trust relationship allowing Cognito to assume the role.' });
    const p = await makePool(pool.endpoint, { SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'good' } });
    pool.iam.set(ROLE, role('good', ['sns:ListTopics']));
    try {
      const update = await call(pool.endpoint, 'UpdateUserPool', { UserPoolId: p.poolId, SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'good' } }, { admin: true });
      expect(update.body).toEqual({ __type: 'InvalidSmsRoleAccessPolicyException', message: 'Role does not have permission to publish with SNS.' });
      const mfa = await call(pool.endpoint, 'SetUserPoolMfaConfig', { UserPoolId: p.poolId, MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'good' } } }, { admin: true });
      expect(mfa.body.__type).toBe('InvalidSmsRoleAccessPolicyException');
    } finally {
      pool.iam.set(ROLE, role('good'));
    }
    const missingArn = await call(pool.endpoint, 'CreateUserPool', { PoolName: 'sms', SmsConfiguration: { ExternalId: 'good' } }, { admin: true });
    expect(missingArn.body.__type).toBe('InvalidParameterException');
    const wrongType = await call(pool.endpoint, 'CreateUserPool', { PoolName: 'sms', SmsConfiguration: 'arn' }, { admin: true });
    expect(wrongType.body.__type).toBe('SerializationException');
  });

  it('an SMS MFA challenge needs an SmsConfiguration and a role that can publish', async () => {
    const p = await makePool(pool.endpoint, {}, {}, { MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}' } });
    await makeUser(pool.endpoint, p, 'sid', 'Passw0rd!', { phone_number: '+15555550199' });
    const r = await srpSignIn(pool.endpoint, p, 'sid', 'Passw0rd!');
    expect(r.body).toEqual({ __type: 'InvalidUserPoolConfigurationException', message: 'User pool does not have SMS configuration to send messages.' });
    await admin(pool.endpoint, 'SetUserPoolMfaConfig', { UserPoolId: p.poolId, SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'good' } } });
    expect((await srpSignIn(pool.endpoint, p, 'sid', 'Passw0rd!')).body.ChallengeName).toBe('SMS_MFA');
  });
});

describe('every SMS goes through the same check', () => {
  it('ForgotPassword and SignUp by SMS in a pool without SmsConfiguration: InvalidUserPoolConfigurationException, nothing created', async () => {
    const p = await makePool(pool.endpoint, { AutoVerifiedAttributes: ['phone_number'] });
    await makeUser(pool.endpoint, p, 'phil', 'Passw0rd!', { phone_number: '+15555550197' });
    const forgot = await call(pool.endpoint, 'ForgotPassword', { ClientId: p.clientId, Username: 'phil' });
    expect(forgot.body).toEqual({ __type: 'InvalidUserPoolConfigurationException', message: 'User pool does not have SMS configuration to send messages.' });
    const signUp = await call(pool.endpoint, 'SignUp', { ClientId: p.clientId, Username: 'newbie', Password: 'Passw0rd!', UserAttributes: [{ Name: 'phone_number', Value: '+15555550196' }] });
    expect(signUp.body.__type).toBe('InvalidUserPoolConfigurationException');
    expect((await call(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: 'newbie' }, { admin: true })).body.__type).toBe('UserNotFoundException');
  });
});

describe('MFA method', () => {
  it('an enabled SMS MFA without a phone number is MFAMethodNotFoundException, not a sign-in without MFA', async () => {
    const p = await makePool(pool.endpoint, {}, {}, { MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: ROLE, ExternalId: 'good' } } });
    await makeUser(pool.endpoint, p, 'pia', 'Passw0rd!', { phone_number: '+15555550198' });
    await admin(pool.endpoint, 'AdminSetUserMFAPreference', { UserPoolId: p.poolId, Username: 'pia', SMSMfaSettings: { Enabled: true, PreferredMfa: true } });
    await admin(pool.endpoint, 'AdminDeleteUserAttributes', { UserPoolId: p.poolId, Username: 'pia', UserAttributeNames: ['phone_number'] });
    const r = await srpSignIn(pool.endpoint, p, 'pia', 'Passw0rd!');
    expect(r.body).toEqual({ __type: 'MFAMethodNotFoundException', message: 'No MFA mechanism registerd in the account.' });
  });
});

describe('aliases', () => {
  it('an administrator cannot give a verified alias another user holds: AliasExistsException', async () => {
    const p = await makePool(pool.endpoint, { AliasAttributes: ['email', 'phone_number'] });
    await makeUser(pool.endpoint, p, 'ann', 'Passw0rd!', { email: 'ann@example.com', email_verified: 'true', phone_number: '+15555550111', phone_number_verified: 'true' });
    await makeUser(pool.endpoint, p, 'ben', 'Passw0rd!');
    const email = await call(pool.endpoint, 'AdminUpdateUserAttributes', { UserPoolId: p.poolId, Username: 'ben', UserAttributes: [{ Name: 'email', Value: 'ANN@example.com' }, { Name: 'email_verified', Value: 'true' }] }, { admin: true });
    expect(email.body).toEqual({ __type: 'AliasExistsException', message: 'An account with the given email already exists.' });
    const phone = await call(pool.endpoint, 'AdminUpdateUserAttributes', { UserPoolId: p.poolId, Username: 'ben', UserAttributes: [{ Name: 'phone_number', Value: '+15555550111' }, { Name: 'phone_number_verified', Value: 'true' }] }, { admin: true });
    expect(phone.body).toEqual({ __type: 'AliasExistsException', message: 'An account with the given phone_number already exists.' });
    // unverified, the address is only an attribute: allowed, and signing in with it still finds ann
    await admin(pool.endpoint, 'AdminUpdateUserAttributes', { UserPoolId: p.poolId, Username: 'ben', UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }] });
    const r = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'ann@example.com', PASSWORD: 'Passw0rd!' } });
    expect(r.AuthenticationResult).toBeDefined();
  });

  it('NEW_PASSWORD_REQUIRED setting another account\'s alias: AliasExistsException, the session still usable', async () => {
    const p = await makePool(pool.endpoint, { AliasAttributes: ['email'], Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }] });
    await makeUser(pool.endpoint, p, 'ann', 'Passw0rd!', { email: 'ann@example.com', email_verified: 'true' });
    await admin(pool.endpoint, 'AdminCreateUser', { UserPoolId: p.poolId, Username: 'cal', TemporaryPassword: 'Temp0rary!', MessageAction: 'SUPPRESS' });
    const init = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'cal', PASSWORD: 'Temp0rary!' } });
    expect(init.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const respond = (email: string) =>
      call(pool.endpoint, 'RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: p.clientId, Session: init.Session, ChallengeResponses: { USERNAME: 'cal', NEW_PASSWORD: 'N3w-Passw0rd!', 'userAttributes.email': email } });
    expect((await respond('ann@example.com')).body).toEqual({ __type: 'AliasExistsException', message: 'An account with the given email already exists.' });
    expect((await respond('cal@example.com')).body.AuthenticationResult).toBeDefined();
  });
});

describe('WAF', () => {
  it('a web ACL rule blocks the requests it matches with HTTP 403 ForbiddenException, others pass', async () => {
    const p = await makePool(pool.endpoint);
    await makeUser(pool.endpoint, p, 'wes', 'Passw0rd!');
    pool.store.pools[p.poolId]!.local.webAcl = { rules: [{ name: 'no-password-auth', operations: ['InitiateAuth'], sourceIps: ['127.0.0.1', '::ffff:127.0.0.1'] }] };
    const blocked = await call(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'wes', PASSWORD: 'Passw0rd!' } });
    expect(blocked.status).toBe(403);
    expect(blocked.body).toEqual({ __type: 'ForbiddenException', message: 'Request not allowed due to WAF block.' });
    expect((await call(pool.endpoint, 'AdminGetUser', { UserPoolId: p.poolId, Username: 'wes' }, { admin: true })).status).toBe(200);
    pool.store.pools[p.poolId]!.local.webAcl = { rules: [{ name: 'elsewhere', sourceIps: ['192.0.2.1'] }] };
    const signedIn = await ok(pool.endpoint, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'wes', PASSWORD: 'Passw0rd!' } });
    // a call that names its pool only through its access token is matched too
    pool.store.pools[p.poolId]!.local.webAcl = { rules: [{ name: 'no-profile', operations: ['GetUser'] }] };
    const profile = await call(pool.endpoint, 'GetUser', { AccessToken: signedIn.AuthenticationResult.AccessToken });
    expect([profile.status, profile.body.__type]).toEqual([403, 'ForbiddenException']);
  });
});
