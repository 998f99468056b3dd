// Remembered devices end to end: the device confirmed after a sign-in, DEVICE_SRP_AUTH skipping
// MFA on the next one, manual approval of the device answer, a device forgotten server-side
// (restart without it), and a tracked-but-not-remembered device (device SRP after MFA).

import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowEvent, PoolClient } from '../../src/cognito/engine/types';
import { PASSWORD, POLICY, answer, enrolThroughMfaSetup, expectPrompt, expectSignedIn, request, harnessForFile, startSignIn } from './harness';
import { challengesOf } from '../progress-events';

const h = harnessForFile();
let poolId: string;
let client: PoolClient;
let newUser: () => Promise<string>;

beforeAll(async () => {
  poolId = await h.createPool({
    PoolName: 'devices',
    // Opt-in remembering, and a remembered device replaces MFA.
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
  });
  await h.requireTotp(poolId);
  newUser = h.userMaker(poolId, 'device-user');
  client = await h.createClient(poolId);
});


/** The challenges the sign-in went through, in order. */
function log(out: { events: FlowEvent[] }): string[] {
  return challengesOf(out.events);
}

describe('remembered device', () => {
  it('is confirmed and remembered after sign-in, then DEVICE_SRP_AUTH replaces MFA', async () => {
    const username = await newUser();
    const deps = h.deps();
    const first = await enrolThroughMfaSetup(deps, client, username);
    const device = first.device!;
    expect(device).toBeDefined();
    expect(device.remembered).toBe(true);
    expect(device.deviceKey).toMatch(/^[\w-]+_[0-9a-f-]+$/);
    const record = await h.admin.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey: device.deviceKey }));
    const attrs = Object.fromEntries((record.Device?.DeviceAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attrs.device_name).toBe(POLICY.deviceName);
    expect(attrs['dev:device_remembered_status']).toBe('remembered');

    // No TOTP secret given: if MFA were asked, the flow would stop at a totp-code prompt.
    const second = expectSignedIn(await startSignIn(deps, request(client, username), { password: PASSWORD, device }));
    expect(log(second)).toContain('DEVICE_SRP_AUTH');
    expect(log(second)).toContain('DEVICE_PASSWORD_VERIFIER');
    expect(log(second)).not.toContain('SOFTWARE_TOKEN_MFA');
    expect(second.device).toBeUndefined();
  });

  it('with autoAnswer: false the device answer waits for approval', async () => {
    const username = await newUser();
    const deps = h.deps();
    const { device } = await enrolThroughMfaSetup(deps, client, username);
    const secrets = { password: PASSWORD, device: device! };
    const started = await startSignIn(deps, request(client, username, { policy: { ...POLICY, autoAnswer: false } }), secrets);
    const { state, prompt } = expectPrompt(started, 'approve');
    expect(prompt.action).toBe('device');
    expect(JSON.stringify(state)).not.toContain(device!.devicePassword);
    const out = expectSignedIn(await answer(deps, state, { kind: 'approve', approve: true }, secrets));
    expect(log(out)).toContain('DEVICE_PASSWORD_VERIFIER');
  });

  it('forgotten server-side: the engine reports it and signs in again without it', async () => {
    const username = await newUser();
    const deps = h.deps();
    const first = await enrolThroughMfaSetup(deps, client, username);
    const device = first.device!;
    await h.admin.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey: device.deviceKey }));

    const out = expectSignedIn(
      await startSignIn(deps, request(client, username), { password: PASSWORD, device, totpSecret: first.enrolledTotpSecret! }),
    );
    expect(out.forgottenDeviceKey).toBe(device.deviceKey);
    expect(out.events).toContainEqual(expect.objectContaining({ kind: 'device-gone-restart', level: 'warning' }));
    // Signed in without the old device: MFA was asked again and a new device was issued.
    expect(log(out)).toContain('SOFTWARE_TOKEN_MFA');
    expect(out.device?.deviceKey).toBeDefined();
    expect(out.device?.deviceKey).not.toBe(device.deviceKey);
  });

  it('forgotten between InitiateAuth and DEVICE_SRP_AUTH: the restart happens at that later step too', async () => {
    const username = await newUser();
    const deps = h.deps();
    const first = await enrolThroughMfaSetup(deps, client, username);
    const device = first.device!;
    const secrets = { password: PASSWORD, device, totpSecret: first.enrolledTotpSecret! };
    const manual = request(client, username, { policy: { ...POLICY, autoAnswer: false } });
    // InitiateAuth and PASSWORD_VERIFIER accepted the device; the flow waits before DEVICE_SRP_AUTH.
    const waiting = expectPrompt(await startSignIn(deps, manual, secrets), 'approve');
    expect(waiting.prompt.action).toBe('device');

    await h.admin.send(new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey: device.deviceKey }));
    // DEVICE_SRP_AUTH now gets "Device does not exist."; the engine signs in again without the
    // device, so MFA is back (and, with autoAnswer: false, asks before using the TOTP secret).
    const restarted = expectPrompt(await answer(deps, waiting.state, { kind: 'approve', approve: true }, secrets), 'approve');
    expect(restarted.prompt.action).toBe('totp');
    expect(restarted.state.forgottenDeviceKey).toBe(device.deviceKey);

    const out = expectSignedIn(await answer(deps, restarted.state, { kind: 'approve', approve: true }, secrets));
    expect(out.forgottenDeviceKey).toBe(device.deviceKey);
    expect(out.device?.deviceKey).not.toBe(device.deviceKey);
  });
});

describe('device tracked but not remembered', () => {
  it('is not remembered when the policy says so; the next sign-in does MFA, then device SRP', async () => {
    const username = await newUser();
    const deps = h.deps();
    const first = await enrolThroughMfaSetup(deps, client, username, { ...POLICY, rememberDevice: false });
    expect(first.device?.remembered).toBe(false);
    const out = expectSignedIn(
      await startSignIn(deps, request(client, username, { policy: { ...POLICY, rememberDevice: false } }), {
        password: PASSWORD,
        device: first.device!,
        totpSecret: first.enrolledTotpSecret!,
      }),
    );
    const steps = log(out);
    expect(steps).toContain('SOFTWARE_TOKEN_MFA');
    expect(steps.indexOf('SOFTWARE_TOKEN_MFA')).toBeLessThan(steps.indexOf('DEVICE_SRP_AUTH'));
  });
});
