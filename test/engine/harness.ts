// Shared set-up of the engine's end-to-end tests: a local user pool on port 0, configured through
// the AWS SDK's admin calls (as one would configure Cognito), and engine deps talking to it.

import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
  type CreateUserPoolClientCommandInput,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll } from 'vitest';
import { CognitoApi } from '../../src/cognito/api';
import { ServerClock } from '../../src/cognito/clock';
import { CognitoTransport } from '../../src/cognito/transport';
import { continueSignIn, startSignIn } from '../../src/cognito/engine';
import type { Prompt, PromptAnswer, PromptOf } from '../../src/cognito/engine/prompts';
import type {
  EngineDeps,
  FlowOutcome,
  FlowState,
  PoolClient,
  SignInRequest,
  SignInSecrets,
  SignedInOutcome,
} from '../../src/cognito/engine/types';
import { totpCode } from '../../src/otp/totp';
import { startLocalPool, type LocalPool, type LocalPoolOptions } from 'cognito-local-user-pool';

export const PASSWORD = 'Correct-Horse-9-battery';
export const POLICY = { autoAnswer: true, rememberDevice: true, deviceName: 'engine e2e test' };

export interface Harness {
  endpoint: string;
  admin: CognitoIdentityProviderClient;
  close(): Promise<void>;
  /** A pool; `name` must be unique within the test file. */
  createPool(input: Partial<CreateUserPoolCommandInput> & { PoolName: string }): Promise<string>;
  createClient(poolId: string, input?: Partial<CreateUserPoolClientCommandInput>): Promise<PoolClient>;
  /** A confirmed user with a permanent password. */
  createUser(poolId: string, username: string, attributes?: Record<string, string>, password?: string): Promise<void>;
  /**
   * Numbered users `${prefix}-1`, `${prefix}-2`, … in a pool, each made on call: tests that spend
   * a user's TOTP steps or devices each take their own.
   */
  userMaker(poolId: string, prefix: string): () => Promise<string>;
  /** MFA required in the pool, with TOTP (software token) the one factor offered. */
  requireTotp(poolId: string): Promise<void>;
  deps(): EngineDeps;
  /** The latest SMS / e-mail code the pool "sent" to a user. */
  codeFor(poolId: string, username: string): Promise<string>;
  /** The running pool, for settings AWS keeps outside Cognito's API (a WAF web ACL, IAM roles). */
  local: LocalPool;
}

export type HarnessOptions = Pick<LocalPoolOptions, 'triggersDir' | 'now' | 'withoutOperations' | 'iamRoles'>;

/**
 * The test file's harness: started in a beforeAll registered here (so before the file's own
 * set-up hooks, declared after this call) and closed after the file's last test. Use it inside
 * hooks and tests only; before the start there is nothing to talk to.
 */
export function harnessForFile(options: HarnessOptions = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  return new Proxy({} as Harness, {
    get(_, key) {
      if (!started) throw new Error('the harness starts in beforeAll: use it inside hooks and tests');
      return started[key as keyof Harness];
    },
  });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const pool = await startLocalPool({ port: 0, ...options });
  const endpoint = pool.endpoint;
  const admin = new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const harness: Harness = {
    endpoint,
    admin,
    local: pool,
    async close() {
      admin.destroy();
      await pool.close();
    },
    async createPool(input) {
      const out = await admin.send(new CreateUserPoolCommand(input as CreateUserPoolCommandInput));
      const id = out.UserPool?.Id;
      if (!id) throw new Error('CreateUserPool returned no id');
      return id;
    },
    async createClient(poolId, input = {}) {
      const out = await admin.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: 'engine-tests',
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          ...input,
        }),
      );
      const c = out.UserPoolClient;
      if (!c?.ClientId) throw new Error('CreateUserPoolClient returned no client id');
      const client: PoolClient = { userPoolId: poolId, clientId: c.ClientId, endpoint };
      if (c.ClientSecret) client.clientSecret = c.ClientSecret;
      return client;
    },
    async createUser(poolId, username, attributes = {}, password = PASSWORD) {
      await admin.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: username,
          MessageAction: 'SUPPRESS',
          UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
    },
    userMaker(poolId, prefix) {
      let count = 0;
      return async () => {
        const username = `${prefix}-${++count}`;
        await harness.createUser(poolId, username);
        return username;
      };
    },
    async requireTotp(poolId) {
      await admin.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    },
    deps() {
      const clock = new ServerClock();
      const api = new CognitoApi(new CognitoTransport({ endpoint, clock, maxRetries: 0 }));
      return { api, clock, totp: (secret, nowMs) => totpCode(secret, {}, nowMs) };
    },
    async codeFor(poolId, username) {
      const res = await fetch(`${endpoint.replace(/\/$/, '')}/_local/codes/${encodeURIComponent(poolId)}/${encodeURIComponent(username)}`);
      if (!res.ok) throw new Error(`no code for ${username}: HTTP ${res.status}`);
      const body = (await res.json()) as { code?: string };
      if (!body.code) throw new Error(`no code for ${username}`);
      return body.code;
    },
  };
  return harness;
}

export function request(client: PoolClient, username: string, extra: Partial<SignInRequest> = {}): SignInRequest {
  return { client, username, policy: { ...POLICY }, ...extra };
}

/** Asserts the outcome asks for input and returns the prompt (typed by kind). */
export function expectPrompt<K extends Prompt['kind']>(outcome: FlowOutcome, kind: K): { state: FlowState; prompt: PromptOf<K> } {
  if (outcome.status !== 'needs-input') throw new Error(`expected a ${kind} prompt, got ${outcome.status}`);
  if (outcome.prompt.kind !== kind) throw new Error(`expected a ${kind} prompt, got ${outcome.prompt.kind}`);
  return { state: outcome.state, prompt: outcome.prompt as PromptOf<K> };
}

export function expectSignedIn(outcome: FlowOutcome): SignedInOutcome {
  if (outcome.status !== 'signed-in') throw new Error(`expected signed-in, got a ${outcome.prompt.kind} prompt`);
  return outcome;
}

/** Answers a prompt after a JSON round trip of the state, as the background persists it. */
export function answer(deps: EngineDeps, state: FlowState, a: PromptAnswer, secrets: SignInSecrets = {}): Promise<FlowOutcome> {
  return continueSignIn(deps, JSON.parse(JSON.stringify(state)) as FlowState, a, secrets);
}

export { startSignIn };

/** Claims of a JWT (test-side reading, no verification). */
export function claims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/**
 * Signs a new user in through MFA_SETUP (pool MFA ON with TOTP), consenting to enrolment, and
 * returns the outcome (with the enrolled secret, and the device when the pool tracks devices).
 */
export async function enrolThroughMfaSetup(deps: EngineDeps, client: PoolClient, username: string, policy = POLICY): Promise<SignedInOutcome> {
  const started = await startSignIn(deps, { client, username, policy: { ...policy } }, { password: PASSWORD });
  const { state, prompt } = expectPrompt(started, 'mfa-setup');
  if (!prompt.methods.includes('SOFTWARE_TOKEN_MFA')) throw new Error('the pool does not offer TOTP set-up');
  return expectSignedIn(await answer(deps, state, { kind: 'mfa-setup', approve: true }, { password: PASSWORD }));
}
