// The extension's own sign-in and code fill share one record of used time steps
// (src/background/fill/used-steps.ts): after the engine answered SOFTWARE_TOKEN_MFA with a step's
// code, a bound page asking for that account's code in the same step is told to wait for the next.
// Against the local pool, which checks the TOTP code for real.
import { beforeAll, describe, expect, it } from 'vitest';
import { handleContentMessage } from '../../src/background/fill/content-router';
import { createContext } from '../../src/background/context';
import { handleMessage } from '../../src/background/router';
import { cognitoEngineDeps } from '../../src/background/agent/engine-deps';
import { PASSWORD, harnessForFile } from '../engine/harness';
import { allowAllPermissions, memoryStores, POPUP, RecordingAlarms, SELF } from './background-helpers';

const APP = 'http://127.0.0.1:5173';
const h = harnessForFile();
let poolId: string;
let clientId: string;
let newUser: () => Promise<string>;

beforeAll(async () => {
  poolId = await h.createPool({ PoolName: 'fill-steps' });
  await h.requireTotp(poolId);
  clientId = (await h.createClient(poolId)).clientId;
  newUser = h.userMaker(poolId, 'fill-steps-user');
}, 60_000);

describe('used time steps across sign-in and code fill', () => {
  it("a step the extension's own SOFTWARE_TOKEN_MFA answer used is not filled into a page", async () => {
    const stores = memoryStores();
    const ctx = createContext({ stores, alarms: new RecordingAlarms(), permissions: allowAllPermissions, makeDeps: cognitoEngineDeps, extensionId: SELF.id });
    const send = (msg: unknown) => handleMessage(msg, POPUP, SELF, ctx) as Promise<any>;
    expect(await send({ type: 'setup-vault', password: 'fill steps vault password' })).toEqual({ ok: true });
    const username = await newUser();
    const id = (await send({ type: 'add-account', account: {
      kind: 'cognito', label: username, userPoolId: poolId, clientId, username, endpoint: h.endpoint, password: PASSWORD,
      policy: { autoAnswer: true, rememberDevice: false } } })).id as string;
    // Enrol (MFA_SETUP), sign out, then a sign-in answered with a TOTP code by the engine.
    const enrolled = await send({ type: 'sign-in', accountId: id });
    expect(enrolled.flow.prompt.kind).toBe('mfa-setup');
    expect((await send({ type: 'flow-answer', flowId: enrolled.flow.flowId, answer: { kind: 'mfa-setup', approve: true } })).flow.status).toBe('signed-in');
    await send({ type: 'sign-out', accountId: id });
    // The enrolment used this step's code too: wait for a fresh step so the sign-in below is the one that uses it.
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 200));
    const signedIn = await send({ type: 'sign-in', accountId: id });
    expect(signedIn.flow.status).toBe('signed-in');
    expect(signedIn.flow.progress.map((e: { kind: string; name?: string }) => e.name).filter(Boolean)).toContain('SOFTWARE_TOKEN_MFA');
    const step = Math.floor(Date.now() / 30_000);

    await send({ type: 'bind-site', accountId: id, origin: APP });
    const answer = await handleContentMessage({ type: 'code-field' }, { id: SELF.id, url: `${APP}/`, frameId: 0, tab: { id: 3 } }, SELF, ctx) as { type: string };
    // (Only if the step has not ended meanwhile: then the next step's code is rightly filled.)
    if (Math.floor(Date.now() / 30_000) === step) expect(answer.type).toBe('retry-after');
    else expect(answer.type).toBe('fill-code');
  }, 90_000);
});
