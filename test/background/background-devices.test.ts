// list-devices against a hostile endpoint: the pages a server hands out are bounded, so a server
// that always answers with another PaginationToken cannot keep the background calling forever.
// The endpoint is a scripted HTTP server (it repeats its last answer); storage is in memory.
import { describe, expect, it } from 'vitest';
import { DEVICE_PAGES_MAX } from '../../src/background/agent/devices';
import { memoryStores, scriptedServers, startWorker } from './background-helpers';

const scripted = scriptedServers();

async function accountOn(endpoint: string) {
  const w = startWorker(memoryStores());
  expect(await w.send({ type: 'setup-vault', password: 'vault-password-123' })).toEqual({ ok: true });
  const added = await w.send({ type: 'add-account', account: {
    kind: 'cognito', label: 'Devices', userPoolId: 'us-east-1_Dev1', clientId: 'devclient', username: 'alice', endpoint,
    policy: { autoAnswer: true, rememberDevice: true } } });
  expect(added).toMatchObject({ ok: true });
  // A current sign-in, so list-devices calls the endpoint straight away.
  await w.ctx.accounts.saveTokens(added.id, { accessToken: 'a'.repeat(40), idToken: 'i'.repeat(40), tokenType: 'Bearer', expiresAt: Date.now() + 3_600_000 });
  return { w, id: added.id as string };
}

const device = (i: number) => ({ DeviceKey: `us-east-1_${i.toString(16).padStart(4, '0')}`, DeviceAttributes: [{ Name: 'device_name', Value: `d${i}` }] });

describe('list-devices: pages a server hands out', () => {
  it(`a PaginationToken that never ends: MalformedResponse after ${DEVICE_PAGES_MAX} pages`, async () => {
    const server = await scripted({ status: 200, body: { Devices: [device(1)], PaginationToken: 'more-devices-token' } });
    const { w, id } = await accountOn(server.endpoint);
    const answer = await w.send({ type: 'list-devices', accountId: id });
    expect(answer).toMatchObject({ ok: false, error: { code: 'malformed-response' } });
    expect(server.requests).toHaveLength(DEVICE_PAGES_MAX);
  });

  it('pages that end are all listed', async () => {
    const server = await scripted(
      { status: 200, body: { Devices: [device(1)], PaginationToken: 'page-2' } },
      { status: 200, body: { Devices: [device(2)] } },
    );
    const { w, id } = await accountOn(server.endpoint);
    const answer = await w.send({ type: 'list-devices', accountId: id });
    expect(answer).toMatchObject({ ok: true });
    expect(answer.devices.map((d: { name: string }) => d.name)).toEqual(['d1', 'd2']);
  });
});
