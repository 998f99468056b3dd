// The demo's seed against the real local pool: each demo user reaches the challenge the demo
// promises (npm start relies on it), plus the demo's pure helpers (table, file names, port fallback).
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDemo, demoPoolFromSeed, formatTable } from '../../scripts/demo/demo-users.ts';
import { defaultScreenshotDir, screenshotFileName } from '../../scripts/demo/screenshots.ts';
import { poolAcceptsTotp, startDemoPool } from '../../scripts/demo/start-pool.ts';
import type { LocalPool } from 'cognito-local-user-pool';
import { totpCode } from '../../src/otp/totp.ts';

const demo = demoPoolFromSeed();
const user = (name: string) => demo.users.find((u) => u.username === name)!;

async function call(pool: LocalPool, operation: string, body: object): Promise<{ status: number; json: Record<string, any> }> {
  const response = await fetch(pool.endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() as Record<string, any> };
}

const passwordAuth = (pool: LocalPool, username: string, password: string) => call(pool, 'InitiateAuth', {
  AuthFlow: 'USER_PASSWORD_AUTH', ClientId: demo.clientId, AuthParameters: { USERNAME: username, PASSWORD: password },
});

describe('demo users read from the seed', () => {
  it('has one user per demonstrated path, each with what it needs', () => {
    expect(demo.users.map((u) => [u.username, u.role])).toEqual([
      ['demo-totp', 'totp'], ['demo-setup', 'mfa-setup'], ['demo-newpass', 'new-password'],
    ]);
    expect(user('demo-totp').totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(user('demo-setup').totpSecret).toBeUndefined();
    expect(user('demo-newpass').newPassword).toBeDefined();
    expect(user('demo-newpass').newPassword).not.toBe(user('demo-newpass').password);
  });

  it('prints the endpoint, ids and every credential a person needs to type', () => {
    const text = describeDemo('http://127.0.0.1:9229/', demo);
    for (const needle of ['http://127.0.0.1:9229/', demo.userPoolId, demo.clientId, 'demo vault password',
      ...demo.users.flatMap((u) => [u.username, u.password, u.newPassword ?? u.username, u.totpSecret ?? u.username])]) {
      expect(text).toContain(needle);
    }
  });

  it('aligns table columns and leaves the last column unpadded', () => {
    expect(formatTable([['a', 'bb', 'c'], ['ccc', 'd', 'e']])).toBe('a    bb  c\nccc  d   e');
  });
});

describe('screenshot names', () => {
  it('numbers steps so they sort in order and keeps names file-system safe', () => {
    expect(screenshotFileName(3, 'Sign in demo-totp')).toBe('03-sign-in-demo-totp.png');
    expect(screenshotFileName(12, 'demo-newpass: choose a new password!')).toBe('12-demo-newpass-choose-a-new-password.png');
    expect(screenshotFileName(1, '***')).toBe('01-step.png');
  });

  it('names the folder after the local start time without colons', () => {
    expect(defaultScreenshotDir(new Date(2026, 10, 22, 4, 9, 5))).toBe('demo-screenshots/2026-11-22T04-09-05');
  });
});

describe('the seeded local pool', () => {
  let pool: LocalPool;
  beforeAll(async () => { pool = await startDemoPool(0); });
  afterAll(async () => { await pool?.close(); });

  it('asks demo-totp for its TOTP code, which the seeded secret answers', async () => {
    const u = user('demo-totp');
    const first = await passwordAuth(pool, u.username, u.password);
    expect(first.json.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const code = totpCode(u.totpSecret!, {}, Date.now());
    expect(poolAcceptsTotp(pool, demo.userPoolId, u.username, code)).toBe(true);
    expect(poolAcceptsTotp(pool, demo.userPoolId, u.username, code === '000000' ? '111111' : '000000')).toBe(false);
    expect(poolAcceptsTotp(pool, demo.userPoolId, 'demo-setup', code)).toBe(false);
    const done = await call(pool, 'RespondToAuthChallenge', {
      ChallengeName: 'SOFTWARE_TOKEN_MFA', ClientId: demo.clientId, Session: first.json.Session,
      ChallengeResponses: { USERNAME: u.username, SOFTWARE_TOKEN_MFA_CODE: code },
    });
    expect(done.json.AuthenticationResult?.AccessToken).toBeTypeOf('string');
    // Device tracking is on, so the extension is offered a device to remember.
    expect(done.json.AuthenticationResult?.NewDeviceMetadata?.DeviceKey).toBeTypeOf('string');
  });

  it('makes demo-setup set up MFA', async () => {
    const u = user('demo-setup');
    const first = await passwordAuth(pool, u.username, u.password);
    expect(first.json.ChallengeName).toBe('MFA_SETUP');
    expect(JSON.parse(first.json.ChallengeParameters.MFAS_CAN_SETUP)).toContain('SOFTWARE_TOKEN_MFA');
  });

  it('makes demo-newpass choose a password, and accepts the one the demo chooses', async () => {
    const u = user('demo-newpass');
    const first = await passwordAuth(pool, u.username, u.password);
    expect(first.json.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const next = await call(pool, 'RespondToAuthChallenge', {
      ChallengeName: 'NEW_PASSWORD_REQUIRED', ClientId: demo.clientId, Session: first.json.Session,
      ChallengeResponses: { USERNAME: u.username, NEW_PASSWORD: u.newPassword },
    });
    expect(next.json.__type).toBeUndefined();
    expect(next.json.ChallengeName).toBe('MFA_SETUP');
  });
});

describe('the demo pool port', () => {
  let blocker: Server;
  let taken: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    taken = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => { await new Promise((resolve) => blocker.close(resolve)); });

  it('moves to a later port when the preferred one is taken', async () => {
    const pool = await startDemoPool(taken);
    try {
      expect(pool.port).toBeGreaterThan(taken);
      expect(pool.endpoint).toBe(`http://127.0.0.1:${pool.port}/`);
    } finally {
      await pool.close();
    }
  });
});
