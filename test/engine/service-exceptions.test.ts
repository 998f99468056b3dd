// The exceptions of RespondToAuthChallenge that need a particular pool to happen, each produced by
// the local pool under the condition that produces it on AWS (pool settings through the admin API,
// trigger behaviour, an IAM role, a WAF web ACL), and the engine's answer to each: asked again
// where another answer can succeed (AliasExistsException), otherwise the sign-in ends with the
// error of that code (which the pages turn into its own sentence).

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminSetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/cognito/errors';
import type { PoolClient } from '../../src/cognito/engine/types';
import type { IamRole } from 'cognito-local-user-pool';
import { PASSWORD, answer, expectPrompt, expectSignedIn, request, startHarness, startSignIn, type Harness } from './harness';

const SMS_ROLE = 'arn:aws:iam::123456789012:role/cognito-sms';
const EXTERNAL_ID = 'pool-sms-external-id';
const trustedRole = (): IamRole => ({
  AssumeRolePolicyDocument: {
    Statement: [{ Effect: 'Allow', Principal: { Service: 'cognito-idp.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': EXTERNAL_ID } } }],
  },
  Policies: [{ Statement: [{ Effect: 'Allow', Action: ['sns:publish'], Resource: '*' }] }],
});

const DEFINE = `export async function handler(event) {
  const last = event.request.session.at(-1);
  if (last && last.challengeResult) event.response.issueTokens = true;
  else event.response.challengeName = 'CUSTOM_CHALLENGE';
  return event;
}`;
const CREATE = `export async function handler(event) {
  event.response.publicChallengeParameters = { question: '6 x 7?' };
  event.response.privateChallengeParameters = { answer: '42' };
  return event;
}`;
// a malformed response: answerCorrect must be a boolean
const VERIFY_MALFORMED = `export async function handler(event) {
  return { ...event, response: { answerCorrect: 'yes' } };
}`;
// a function that cannot be run: its module fails while loading
const VERIFY_BROKEN = `import { missing } from 'node:no-such-module';
export async function handler(event) { return missing(event); }`;

let h: Harness;
let dir: string;

/** A user with a permanent password; starts the sign-in and returns what the engine threw. */
async function signInError(client: PoolClient, username: string, flow?: 'CUSTOM_AUTH'): Promise<unknown> {
  try {
    const out = await startSignIn(h.deps(), request(client, username, flow ? { flow } : {}), { password: PASSWORD });
    if (flow && out.status === 'needs-input') return await answer(h.deps(), out.state, { kind: 'custom-challenge', answer: '42' }).then(() => undefined, (e: unknown) => e);
    return undefined;
  } catch (e) {
    return e;
  }
}

/** Cognito's `exception`, under a code of its own (not the catch-all for unknown exceptions). */
function expectServiceError(e: unknown, exception: string): void {
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).exception).toBe(exception);
  expect((e as AppError).code).not.toBe('service-error');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'engine-exceptions-'));
  for (const [name, verify] of [['lambda-malformed', VERIFY_MALFORMED], ['lambda-broken', VERIFY_BROKEN]] as const) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'define-auth-challenge.mjs'), DEFINE);
    writeFileSync(join(dir, name, 'create-auth-challenge.mjs'), CREATE);
    writeFileSync(join(dir, name, 'verify-auth-challenge-response.mjs'), verify);
  }
  h = await startHarness({ triggersDir: dir, iamRoles: { [SMS_ROLE]: trustedRole() } });
});

afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('AliasExistsException', () => {
  it('NEW_PASSWORD_REQUIRED with an e-mail that is another account\'s alias asks again, and another address signs in', async () => {
    const poolId = await h.createPool({
      PoolName: 'alias-exists',
      AliasAttributes: ['email'],
      Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
    });
    const client = await h.createClient(poolId);
    await h.createUser(poolId, 'owner', { email: 'shared@example.com', email_verified: 'true' });
    await h.admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'newcomer', TemporaryPassword: 'Temporary-Pass-1', MessageAction: 'SUPPRESS' }));
    const deps = h.deps();
    const first = expectPrompt(await startSignIn(deps, request(client, 'newcomer'), { password: 'Temporary-Pass-1' }), 'new-password');
    expect(first.prompt.requiredAttributes).toEqual(['email']);
    const taken = expectPrompt(
      await answer(deps, first.state, { kind: 'new-password', newPassword: 'Brand-New-Pass-2', attributes: { email: 'Shared@example.com' } }),
      'new-password',
    );
    expect(taken.prompt.error?.exception).toBe('AliasExistsException');
    expect(taken.state.session).toBe(first.state.session);
    const out = expectSignedIn(
      await answer(deps, taken.state, { kind: 'new-password', newPassword: 'Brand-New-Pass-2', attributes: { email: 'newcomer@example.com' } }),
    );
    expect(out.canonicalUsername).toBe('newcomer');
  });
});

describe('ForbiddenException', () => {
  it('a WAF web ACL that blocks RespondToAuthChallenge ends the sign-in with ForbiddenError', async () => {
    const poolId = await h.createPool({ PoolName: 'waf-blocked' });
    const client = await h.createClient(poolId);
    await h.createUser(poolId, 'walter');
    h.local.store.pools[poolId]!.local.webAcl = { rules: [{ name: 'block-challenge-answers', operations: ['RespondToAuthChallenge'] }] };
    expectServiceError(await signInError(client, 'walter'), 'ForbiddenException');
    h.local.store.pools[poolId]!.local.webAcl = { rules: [] };
    expectSignedIn(await startSignIn(h.deps(), request(client, 'walter'), { password: PASSWORD }));
  });
});

describe('Lambda trigger failures', () => {
  it('VerifyAuthChallengeResponse returning a malformed response: InvalidLambdaResponseError', async () => {
    const poolId = await h.createPool({ PoolName: 'lambda-malformed' });
    const client = await h.createClient(poolId);
    await h.createUser(poolId, 'mal');
    expectServiceError(await signInError(client, 'mal', 'CUSTOM_AUTH'), 'InvalidLambdaResponseException');
  });

  it('VerifyAuthChallengeResponse that cannot be run: UnexpectedLambdaError', async () => {
    const poolId = await h.createPool({ PoolName: 'lambda-broken' });
    const client = await h.createClient(poolId);
    await h.createUser(poolId, 'bro');
    expectServiceError(await signInError(client, 'bro', 'CUSTOM_AUTH'), 'UnexpectedLambdaException');
  });
});

describe('SMS configuration', () => {
  async function smsPool(name: string, smsMfa: Record<string, unknown>): Promise<PoolClient> {
    const poolId = await h.createPool({ PoolName: name, MfaConfiguration: 'OFF' });
    await h.admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SmsMfaConfiguration: smsMfa }));
    const client = await h.createClient(poolId);
    await h.createUser(poolId, 'sms-user', { phone_number: '+15555550100', phone_number_verified: 'true' });
    await h.admin.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'sms-user', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    return client;
  }
  const configured = { SmsConfiguration: { SnsCallerArn: SMS_ROLE, ExternalId: EXTERNAL_ID } };

  it('a role whose trust policy no longer names the ExternalId: InvalidSmsRoleTrustRelationshipError', async () => {
    const client = await smsPool('sms-trust', configured);
    expectPrompt(await startSignIn(h.deps(), request(client, 'sms-user'), { password: PASSWORD }), 'sms-code');
    const role = trustedRole();
    role.AssumeRolePolicyDocument.Statement[0]!.Condition = { StringEquals: { 'sts:ExternalId': 'rotated' } };
    h.local.iam.set(SMS_ROLE, role);
    try {
      expectServiceError(await signInError(client, 'sms-user'), 'InvalidSmsRoleTrustRelationshipException');
    } finally {
      h.local.iam.set(SMS_ROLE, trustedRole());
    }
  });

  it('a role that may not publish to SNS: InvalidSmsRoleAccessPolicyError', async () => {
    const client = await smsPool('sms-access', configured);
    h.local.iam.set(SMS_ROLE, { ...trustedRole(), Policies: [{ Statement: [{ Effect: 'Allow', Action: 'sns:ListTopics', Resource: '*' }] }] });
    try {
      expectServiceError(await signInError(client, 'sms-user'), 'InvalidSmsRoleAccessPolicyException');
    } finally {
      h.local.iam.set(SMS_ROLE, trustedRole());
    }
  });

  it('SMS MFA without any SmsConfiguration: InvalidUserPoolConfigurationError', async () => {
    const client = await smsPool('sms-unconfigured', { SmsAuthenticationMessage: 'Your code is {####}' });
    expectServiceError(await signInError(client, 'sms-user'), 'InvalidUserPoolConfigurationException');
  });
});

describe('MFAMethodNotFoundException', () => {
  it('SMS MFA turned on by a user whose phone number was deleted since: MFAMethodNotFoundError', async () => {
    const poolId = await h.createPool({ PoolName: 'mfa-method-gone' });
    await h.admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsConfiguration: { SnsCallerArn: SMS_ROLE, ExternalId: EXTERNAL_ID } } }));
    const client = await h.createClient(poolId);
    await h.createUser(poolId, 'pat', { phone_number: '+15555550101' });
    await h.admin.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: poolId, Username: 'pat', SMSMfaSettings: { Enabled: true, PreferredMfa: true } }));
    expectPrompt(await startSignIn(h.deps(), request(client, 'pat'), { password: PASSWORD }), 'sms-code');
    await h.admin.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'pat', UserAttributeNames: ['phone_number'] }));
    expectServiceError(await signInError(client, 'pat'), 'MFAMethodNotFoundException');
  });
});
