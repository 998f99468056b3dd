// The background end to end against the REAL local user pool: router → handlers → agent → vault
// → in-memory browser storage (a fake of the browser only), with the real engine and transport
// talking HTTP to the local user pool. After every step every storage area is scanned for the plaintext of
// each secret in play (password, TOTP secret, device password, tokens).

import {
  AdminCreateUserCommand,
  AdminGetDeviceCommand,
  AdminUserGlobalSignOutCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_ALARM_PREFIX } from '../../src/background/agent/refresh-scheduler';
import type { EngineDepsFactory } from '../../src/background/agent/engine-deps';
import { CognitoApi } from '../../src/cognito/api';
import { CognitoTransport } from '../../src/cognito/transport';
import { totpCode } from '../../src/otp/totp';
import { PASSWORD, claims, harnessForFile } from '../engine/harness';
import { expectNoPlaintext, memoryStores, RecordingAlarms, startWorker } from './background-helpers';
import { challengesOf, kindsOf } from '../progress-events';
import type { ProgressEvent } from '../../src/shared/flow-progress';

const VAULT_PASSWORD = 'vault password for the pool tests';

const h = harnessForFile();
let mfaPool: string;
let mfaClientId: string;
let plainPool: string;
let plainClientId: string;
let newMfaUser: () => Promise<string>;
let newPlainUser: () => Promise<string>;

beforeAll(async () => {
  // MFA required (TOTP only) and devices remembered on the user's say-so, skipping MFA once remembered.
  mfaPool = await h.createPool({
    PoolName: 'background-mfa',
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  });
  await h.requireTotp(mfaPool);
  mfaClientId = (await h.createClient(mfaPool)).clientId;
  newMfaUser = h.userMaker(mfaPool, 'bg-mfa-user');
  plainPool = await h.createPool({ PoolName: 'background-plain' });
  plainClientId = (await h.createClient(plainPool)).clientId;
  newPlainUser = h.userMaker(plainPool, 'bg-plain-user');
}, 60_000);



/** Every secret the vault holds for the account, read back through the vault (decrypted). */
async function secretsOf(worker: ReturnType<typeof startWorker>, id: string): Promise<(string | undefined)[]> {
  const account = await worker.ctx.accounts.getCognito(id);
  const tokens = await worker.ctx.accounts.getTokens(id);
  return [PASSWORD, VAULT_PASSWORD, account.secrets.password, account.secrets.totpSecret, account.secrets.device?.devicePassword,
    tokens?.accessToken, tokens?.idToken, tokens?.refreshToken];
}

async function addAccount(worker: ReturnType<typeof startWorker>, poolId: string, clientId: string, username: string, password = PASSWORD) {
  const added = await worker.send({ type: 'add-account', account: {
    kind: 'cognito', label: username, userPoolId: poolId, clientId, username, endpoint: h.endpoint, password,
    policy: { autoAnswer: true, rememberDevice: true } } });
  expect(added).toMatchObject({ ok: true });
  return added.id as string;
}

describe('an account in a pool that requires TOTP and remembers devices, followed through its life', () => {
  // One account's life, one behaviour per step: each step starts from the state the steps before
  // it left (vitest runs them in order), as a person's extension would. After every step every
  // storage area is scanned for the plaintext of each secret in play.
  const stores = memoryStores();
  const alarms = new RecordingAlarms();
  let worker: ReturnType<typeof startWorker>;
  let username: string;
  let id: string;
  let flowId: string;
  let enrolled: any;
  let totpSecret: string;
  let device: { deviceKey: string; devicePassword: string };
  let newDevice: { deviceKey: string };
  let alarmName: string;
  let before: { accessToken: string; idToken: string; refreshToken?: string; expiresAt: number };
  let after: { accessToken: string; refreshToken?: string };

  beforeAll(async () => {
    worker = startWorker(stores, { alarms });
    expect(await worker.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
    username = await newMfaUser();
    id = await addAccount(worker, mfaPool, mfaClientId, username);
    alarmName = REFRESH_ALARM_PREFIX + id;
  });

  it('stores nothing of the added account in clear', async () => {
    expectNoPlaintext(stores, await secretsOf(worker, id));
  });

  it('waits for the person\'s consent at MFA_SETUP, the flow encrypted in storage.session', async () => {
    const started = await worker.send({ type: 'sign-in', accountId: id });
    expect(started).toMatchObject({ ok: true, flow: { status: 'needs-input', prompt: { kind: 'mfa-setup', methods: ['SOFTWARE_TOKEN_MFA'] } } });
    flowId = started.flow.flowId as string;
    expect(stores.session.dump()).not.toContain(username);
    expectNoPlaintext(stores, await secretsOf(worker, id));
  });

  it('lets a new worker answer the prompt after the browser stopped the old one: TOTP enrolled, device remembered', async () => {
    worker = startWorker(stores, { alarms });
    expect(await worker.send({ type: 'status' })).toMatchObject({ ok: true, locked: false, pendingApprovals: [{ flowId, promptKind: 'mfa-setup' }] });
    enrolled = await worker.send({ type: 'flow-answer', flowId, answer: { kind: 'mfa-setup', approve: true } });
    expect(enrolled).toMatchObject({ ok: true, flow: { status: 'signed-in', result: { refreshTokenPresent: true } } });
    expect(enrolled.flow.progress).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'totp-saved' }), expect.objectContaining({ kind: 'device-saved', remembered: true })]));
    const account = await worker.ctx.accounts.getCognito(id);
    totpSecret = account.secrets.totpSecret!;
    device = account.secrets.device!;
    expect(totpSecret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(device.deviceKey).toMatch(/^[\w-]+_[0-9a-f-]+$/);
    const onServer = await h.admin.send(new AdminGetDeviceCommand({ UserPoolId: mfaPool, Username: username, DeviceKey: device.deviceKey }));
    expect(onServer.Device?.DeviceAttributes?.find((a) => a.Name === 'dev:device_remembered_status')?.Value).toBe('remembered');
  });

  it('shows the TOTP secret to the popup once, as the second-device QR\'s URI, and the device password never', async () => {
    // By design: the otpauth:// URI of the second-device QR.
    expect(enrolled.flow.result.enrolledTotpUri).toContain(`secret=${totpSecret}`);
    expect(JSON.stringify(enrolled)).not.toContain(device.devicePassword);
    expectNoPlaintext(stores, await secretsOf(worker, id));
  });

  it('drops the flow\'s state (Session, the enrolled secret) from storage.session once signed in', async () => {
    expect((await worker.send({ type: 'flow-status', flowId })).flow).not.toHaveProperty('prompt');
  });

  it('gives the popup the enrolled secret\'s codes', async () => {
    const codes = await worker.send({ type: 'get-codes' });
    expect(codes.codes).toEqual([expect.objectContaining({ id, code: totpCode(totpSecret, {}, Date.now()) })]);
  });

  it('signs in with the remembered device (DEVICE_SRP_AUTH) instead of MFA, with no prompt', async () => {
    const withDevice = await worker.send({ type: 'sign-in', accountId: id });
    expect(withDevice).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    const kinds = kindsOf(withDevice.flow.progress);
    expect(withDevice.flow.progress[kinds.indexOf('flow-started')]).toMatchObject({ withDevice: true });
    expect(kinds.indexOf('flow-started')).toBeLessThan(withDevice.flow.progress.findIndex((e: { name?: string }) => e.name === 'DEVICE_SRP_AUTH'));
    expect(challengesOf(withDevice.flow.progress)).toContain('DEVICE_SRP_AUTH');
    expect(JSON.stringify(withDevice.flow.progress)).not.toContain('SOFTWARE_TOKEN_MFA');
    expect(claims(withDevice.flow.result.accessToken).device_key).toBe(device.deviceKey);
    expectNoPlaintext(stores, await secretsOf(worker, id));
  });

  it('answers SOFTWARE_TOKEN_MFA with the stored secret by itself once the device is cleared, and remembers a new device', async () => {
    expect(await worker.send({ type: 'update-account', id, patch: { clearDevice: true } })).toMatchObject({ ok: true });
    const withTotp = await worker.send({ type: 'sign-in', accountId: id });
    expect(withTotp).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    expect(challengesOf(withTotp.flow.progress)).toContain('SOFTWARE_TOKEN_MFA');
    newDevice = (await worker.ctx.accounts.getCognito(id)).secrets.device!;
    expect(newDevice.deviceKey).not.toBe(device.deviceKey);
    expectNoPlaintext(stores, await secretsOf(worker, id));
  });

  it('sets a refresh alarm per account, before the tokens expire', async () => {
    before = (await worker.ctx.accounts.getTokens(id))!;
    expect(alarms.alarms.get(alarmName)?.when).toBeGreaterThan(Date.now());
    expect(alarms.alarms.get(alarmName)!.when!).toBeLessThan(before.expiresAt);
  });

  it('renews the tokens with the device key when the alarm wakes a fresh worker', async () => {
    // The pool refuses this device-bound refresh token without the device key.
    worker = startWorker(stores, { alarms });
    expect(await worker.ctx.agent.onAlarm(alarmName)).toBe(true);
    after = (await worker.ctx.accounts.getTokens(id))!;
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(claims(after.accessToken).device_key).toBe(newDevice.deviceKey);
    expect((await worker.send({ type: 'list-devices', accountId: id })).devices).toEqual(
      expect.arrayContaining([expect.objectContaining({ deviceKey: newDevice.deviceKey, isThisExtension: true })]));
    expectNoPlaintext(stores, [...(await secretsOf(worker, id)), before.accessToken, before.idToken]);
  });

  it('sets the refresh alarm again on unlock when the alarms were lost (browser restart) while locked', async () => {
    expect(await worker.send({ type: 'lock' })).toEqual({ ok: true });
    alarms.alarms.clear();
    expect(await worker.send({ type: 'unlock', password: VAULT_PASSWORD })).toEqual({ ok: true });
    expect(alarms.alarms.get(alarmName)?.when).toBeGreaterThan(Date.now());
  });

  it('drops a refused refresh token (signed out everywhere) with its alarm, and the account says why', async () => {
    await h.admin.send(new AdminUserGlobalSignOutCommand({ UserPoolId: mfaPool, Username: username }));
    await expect(worker.ctx.agent.onAlarm(alarmName)).rejects.toMatchObject({ exception: 'NotAuthorizedException' });
    const dead = (await worker.ctx.accounts.getTokens(id))!;
    expect(dead.refreshToken).toBeUndefined();
    expect(dead.refreshError).toMatchObject({ exception: 'NotAuthorizedException', message: expect.stringMatching(/\S/) });
    expect(alarms.alarms.has(alarmName)).toBe(false);
    const listed = await worker.send({ type: 'list-accounts' });
    expect(listed.accounts[0]).toMatchObject({ id, refreshError: { exception: 'NotAuthorizedException' } });
    expect(JSON.stringify(listed)).not.toContain(after.refreshToken!);
    expectNoPlaintext(stores, [...(await secretsOf(worker, id)), after.refreshToken]);
  });

  it('is back in a working state after a new sign-in: no error, the refresh alarm set', async () => {
    expect(await worker.send({ type: 'sign-in', accountId: id })).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    expect((await worker.ctx.accounts.getTokens(id))?.refreshError).toBeUndefined();
    expect(alarms.alarms.has(alarmName)).toBe(true);
  });
});

describe('background against the local pool', () => {
  it('declining MFA_SETUP ends the flow with the engine\'s own "declined" event in the progress', async () => {
    const worker = startWorker(memoryStores());
    await worker.send({ type: 'setup-vault', password: VAULT_PASSWORD });
    const id = await addAccount(worker, mfaPool, mfaClientId, await newMfaUser());
    const started = await worker.send({ type: 'sign-in', accountId: id });
    expect(started.flow.prompt).toMatchObject({ kind: 'mfa-setup' });
    const declined = await worker.send({ type: 'flow-answer', flowId: started.flow.flowId, answer: { kind: 'mfa-setup', approve: false } });
    expect(declined).toMatchObject({ ok: true, flow: { status: 'failed', error: { code: 'denied', message: expect.stringContaining('declined') } } });
    const progress = declined.flow.progress as ProgressEvent[];
    // The earlier steps, then what the failing call itself reported, then the failure.
    expect(challengesOf(progress)).toContain('MFA_SETUP');
    expect(progress.slice(-2)).toEqual([
      expect.objectContaining({ kind: 'declined', level: 'warning' }),
      expect.objectContaining({ kind: 'failed', error: { code: 'denied', message: expect.stringMatching(/^Sign-in denied/) } }),
    ]);
    expect((await worker.ctx.accounts.getCognito(id)).secrets.totpSecret).toBeUndefined();
  }, 30_000);

  it('keeps the enrolled TOTP secret when the flow fails right after Cognito accepted it', async () => {
    const stores = memoryStores();
    // The network drops every MFA_SETUP answer: the enrolment is verified, the sign-in cannot finish.
    let dropMfaSetup = true;
    const makeDeps: EngineDepsFactory = (client, clock) => ({
      api: new CognitoApi(new CognitoTransport({
        endpoint: client.endpoint!, clock, maxRetries: 0,
        fetch: async (input, init) => {
          if (dropMfaSetup && typeof init?.body === 'string' && init.body.includes('"ChallengeName":"MFA_SETUP"')) throw new TypeError('fetch failed');
          return fetch(input, init);
        },
      })),
      clock,
      totp: (secret, nowMs) => totpCode(secret, {}, nowMs),
    });
    const worker = startWorker(stores, { makeDeps });
    await worker.send({ type: 'setup-vault', password: VAULT_PASSWORD });
    const username = await newMfaUser();
    const id = await addAccount(worker, mfaPool, mfaClientId, username);
    const started = await worker.send({ type: 'sign-in', accountId: id });
    const failed = await worker.send({ type: 'flow-answer', flowId: started.flow.flowId, answer: { kind: 'mfa-setup', approve: true } });
    // The answer to MFA_SETUP was cut off after it left: it may have reached Cognito, so it was not sent again.
    expect(failed).toMatchObject({ ok: true, flow: { status: 'failed', error: { code: 'outcome-unknown', message: expect.stringContaining('RespondToAuthChallenge') } } });
    const saved = (await worker.ctx.accounts.getCognito(id)).secrets.totpSecret;
    expect(saved).toMatch(/^[A-Z2-7]{16,}$/);
    expectNoPlaintext(stores, await secretsOf(worker, id));

    // Cognito now asks for that authenticator, and the saved secret answers it.
    dropMfaSetup = false;
    const again = await worker.send({ type: 'sign-in', accountId: id });
    expect(again).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    expect(challengesOf(again.flow.progress)).toContain('SOFTWARE_TOKEN_MFA');
  }, 60_000);

  it('stores the password set at NEW_PASSWORD_REQUIRED, so the next sign-in works', async () => {
    const stores = memoryStores();
    const worker = startWorker(stores);
    await worker.send({ type: 'setup-vault', password: VAULT_PASSWORD });
    const username = 'bg-new-password-user';
    const temporary = 'Temporary-Pass-1';
    await h.admin.send(new AdminCreateUserCommand({ UserPoolId: plainPool, Username: username, TemporaryPassword: temporary, MessageAction: 'SUPPRESS' }));
    const id = await addAccount(worker, plainPool, plainClientId, username, temporary);
    const started = await worker.send({ type: 'sign-in', accountId: id });
    expect(started).toMatchObject({ ok: true, flow: { status: 'needs-input', prompt: { kind: 'new-password' } } });
    const chosen = 'Chosen-New-Password-2';
    const done = await worker.send({ type: 'flow-answer', flowId: started.flow.flowId, answer: { kind: 'new-password', newPassword: chosen } });
    expect(done).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    expect(kindsOf(done.flow.progress)).toContain('password-saved');
    expect((await worker.ctx.accounts.getCognito(id)).secrets.password).toBe(chosen);
    expectNoPlaintext(stores, [...(await secretsOf(worker, id)), temporary, chosen]);
    expect(await worker.send({ type: 'sign-in', accountId: id })).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
  }, 60_000);

  it('a worker restart while a sign-in waits for a typed password, then a wrong one: asked again with a clear error, nothing stored, the right one signs in', async () => {
    const stores = memoryStores();
    const first = startWorker(stores);
    await first.send({ type: 'setup-vault', password: VAULT_PASSWORD });
    const username = await newPlainUser();
    const added = await first.send({ type: 'add-account', account: {
      kind: 'cognito', label: 'typed', userPoolId: plainPool, clientId: plainClientId, username, endpoint: h.endpoint,
      policy: { autoAnswer: true, rememberDevice: true } } });
    const started = await first.send({ type: 'sign-in', accountId: added.id });
    expect(started.flow.prompt).toEqual({ kind: 'password', username });
    const second = startWorker(stores);
    const wrong = 'Wrong-Password-Typed-9';
    // A typed password Cognito refuses is asked for again in the same flow (issue 10 item 3), with the reason.
    const again = await second.send({ type: 'flow-answer', flowId: started.flow.flowId, answer: { kind: 'password', password: wrong } });
    expect(again).toMatchObject({ ok: true, flow: { status: 'needs-input', prompt: { kind: 'password', username,
      error: { code: 'incorrect-password', exception: 'NotAuthorizedException', message: 'Incorrect username or password.' } } } });
    expect(JSON.stringify(again)).not.toContain(wrong);
    expectNoPlaintext(stores, [wrong]);
    const ok = await second.send({ type: 'flow-answer', flowId: started.flow.flowId, answer: { kind: 'password', password: PASSWORD } });
    expect(ok).toMatchObject({ ok: true, flow: { status: 'signed-in' } });
    expect(JSON.stringify(ok)).not.toContain(wrong);
    expectNoPlaintext(stores, [wrong, ...(await secretsOf(second, added.id))]);
  }, 60_000);
});
