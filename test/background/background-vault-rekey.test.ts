// A vault password change moves everything to a new vault key, crash-safe: killed at any storage
// write of the change (the worker stopped, or the whole browser with its session storage), the
// vault afterwards is the old one or the new one, whole. And an old copy of storage with the old
// password opens nothing written after the change.
import { base64 } from '@scure/base';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { importAesKey } from '../../src/background/vault/crypto';
import {
  FLOW_PREFIX, HEADER_KEY, RECORD_PREFIX, SESSION_KEY, VaultCorruptError, parseGenerationKey, recordAad,
} from '../../src/background/vault/format';
import { decryptJson } from '../../src/background/vault/vault';
import { memoryStores, startWorker } from './background-helpers';
import { killableStores } from './killable-storage';

const OLD = 'old vault password';
const NEW = 'brand new vault password';

function copyOf(stores: ReturnType<typeof memoryStores>) {
  const copy = memoryStores();
  for (const [k, value] of stores.local.data) copy.local.data.set(k, value);
  for (const [k, value] of stores.session.data) copy.session.data.set(k, value);
  return copy;
}

/** A vault with every kind of record: Cognito (with tokens), TOTP, HOTP, and a flow waiting for a person. */
async function populatedVault() {
  const stores = memoryStores();
  const worker = startWorker(stores);
  expect(await worker.send({ type: 'setup-vault', password: OLD })).toEqual({ ok: true });
  const add = async (account: object) => (await worker.send({ type: 'add-account', account })).id as string;
  const cognito = await add({ kind: 'cognito', label: 'Work pool', userPoolId: 'eu-west-1_Abc', clientId: 'cid', username: 'alice',
    endpoint: 'http://127.0.0.1:9/', policy: { autoAnswer: true, rememberDevice: true }, password: 'Account-Pw-1', totpSecret: 'JBSWY3DPEHPK3PXP' });
  await worker.ctx.accounts.saveTokens(cognito, { accessToken: 'access-token-value', idToken: 'id-token-value', refreshToken: 'refresh-token-value', tokenType: 'Bearer', expiresAt: 1 });
  await add({ kind: 'totp', label: 'Mail', issuer: 'Example', secret: 'GEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, period: 30 });
  await add({ kind: 'hotp', label: 'Bank', secret: 'MFRGGZDFMZTWQ2LK', algorithm: 'SHA256', digits: 8, counter: 7 });
  // No saved password: the sign-in waits for one, with no request made.
  const waiting = await add({ kind: 'cognito', label: 'Typed', userPoolId: 'eu-west-1_Abc', clientId: 'cid', username: 'bob',
    endpoint: 'http://127.0.0.1:9/', policy: { autoAnswer: true, rememberDevice: true } });
  const flow = (await worker.send({ type: 'sign-in', accountId: waiting })).flow;
  expect(flow).toMatchObject({ status: 'needs-input', prompt: { kind: 'password' } });
  const accounts = await worker.ctx.accounts.list();
  const tokens = await worker.ctx.accounts.getTokens(cognito);
  return { stores, accounts, tokens, cognito, flowId: flow.flowId as string };
}

describe('changing the vault password, killed at every storage write', () => {
  it('leaves the old vault or the new one, whole: exactly one password opens it and every account is there', async () => {
    const { stores: original, accounts, tokens, cognito, flowId } = await populatedVault();
    const outcomes: string[] = [];
    let completedAt: number | undefined;
    for (let killAt = 0; completedAt === undefined; killAt++) {
      expect(killAt, 'the change ends within a bounded number of writes').toBeLessThan(100);
      const stores = copyOf(original);
      const dying = killableStores(stores, { atWrite: killAt });
      const doomed = startWorker(dying);
      const answer = await doomed.send({ type: 'change-vault-password', currentPassword: OLD, newPassword: NEW });
      if (answer.ok) completedAt = dying.writes();
      else expect({ killed: dying.killed(), code: answer.error.code }, `write ${killAt}`).toEqual({ killed: true, code: 'internal' });

      // The worker was stopped; the browser (and its session storage) lives on. A new worker either
      // still has the vault unlocked, whole (flow included), or finds it locked.
      const restarted = startWorker(stores);
      const status = await restarted.send({ type: 'status' });
      if (!status.locked) {
        expect(await restarted.ctx.accounts.list(), `write ${killAt}: unlocked after the kill`).toEqual(accounts);
        expect(await restarted.ctx.accounts.getTokens(cognito)).toEqual(tokens);
        expect(await restarted.send({ type: 'flow-status', flowId }), `write ${killAt}: the waiting flow`)
          .toMatchObject({ ok: true, flow: { status: 'needs-input', prompt: { kind: 'password' } } });
      }

      // The browser stops too: session storage is gone, only the passwords can open the vault.
      stores.session.data.clear();
      const opened: string[] = [];
      for (const [name, password] of [['old', OLD], ['new', NEW]] as const) {
        const worker = startWorker(stores);
        const unlocked = await worker.send({ type: 'unlock', password });
        if (!unlocked.ok) {
          expect(unlocked.error.code, `write ${killAt}, ${name} password`).toBe('wrong-password');
          continue;
        }
        opened.push(name);
        expect(await worker.ctx.accounts.list(), `write ${killAt}, opened with the ${name} password`).toEqual(accounts);
        expect(await worker.ctx.accounts.getTokens(cognito)).toEqual(tokens);
        // Unlocking deleted whatever the cut-off change left of the other generation.
        const generations = new Set([...stores.local.data.keys()].map((k) => parseGenerationKey(RECORD_PREFIX, k)?.generation).filter((g) => g !== undefined));
        expect([...generations], `write ${killAt}: one generation left`).toHaveLength(1);
        await worker.send({ type: 'lock' });
      }
      expect(opened, `write ${killAt}: exactly one password opens the vault`).toHaveLength(1);
      outcomes.push(opened[0]!);
    }
    // Killed before the header write: the old vault; from it on: the new one. The header write is
    // the one switch, after all records and flows of the new generation are written.
    const switchAt = outcomes.indexOf('new');
    expect(switchAt).toBeGreaterThan(0);
    expect(outcomes.slice(0, switchAt).every((o) => o === 'old')).toBe(true);
    expect(outcomes.slice(switchAt).every((o) => o === 'new')).toBe(true);
    // Writes 0-5 copy five records and one flow, write 6 is the switch (killed at 7 is the first
    // kill after it); then the session key and the removal of the old generation (local, session).
    expect(switchAt).toBe(7);
    expect(completedAt).toBe(10);
    expect(outcomes).toHaveLength(11);
  }, 240_000);
});

describe('changing the vault password with storage full', () => {
  it('fails with the old vault as it was, and takes its half-written copy away at once', async () => {
    const { stores, accounts } = await populatedVault();
    const before = new Map(stores.local.data);
    // storage.local refuses the third write of the change, as at the quota (the worker lives on).
    let writes = 0;
    const set = stores.local.set.bind(stores.local);
    stores.local.set = async (items) => {
      if (++writes === 3) throw new Error('QUOTA_BYTES quota exceeded');
      return set(items);
    };
    const worker = startWorker(stores);
    expect(await worker.send({ type: 'change-vault-password', currentPassword: OLD, newPassword: NEW })).toMatchObject({ ok: false });
    stores.local.set = set;
    expect(stores.local.data).toEqual(before);
    expect(await worker.ctx.accounts.list()).toEqual(accounts);
    await worker.send({ type: 'lock' });
    expect(await worker.send({ type: 'unlock', password: OLD })).toEqual({ ok: true });
  });
});

describe('an old copy of storage', () => {
  it('with the old password opens nothing written after the change', async () => {
    const { stores, cognito } = await populatedVault();
    const snapshot = new Map(stores.local.data);
    const worker = startWorker(stores);
    expect(await worker.send({ type: 'change-vault-password', currentPassword: OLD, newPassword: NEW })).toEqual({ ok: true });
    const later = (await worker.send({ type: 'add-account', account: { kind: 'totp', label: 'Added later', secret: 'KRUGS4ZANFZSA5DIMUQHI2LNMU', algorithm: 'SHA1', digits: 6, period: 30 } })).id;
    await worker.ctx.accounts.saveTokens(cognito, { accessToken: 'later-access', idToken: 'later-id', tokenType: 'Bearer', expiresAt: 2 });

    // Whoever kept the old copy learns the old vault key from it with the old password...
    const thief = memoryStores();
    for (const [k, value] of snapshot) thief.local.data.set(k, value);
    const old = startWorker(thief);
    expect(await old.send({ type: 'unlock', password: OLD })).toEqual({ ok: true });
    const oldKey = await importAesKey(base64.decode(JSON.parse(thief.session.data.get(SESSION_KEY)!)));
    // ...and it opens no record of today's storage, whatever id or generation it is under.
    const current = [...stores.local.data.entries()].filter(([k]) => k !== HEADER_KEY);
    expect(current.map(([k]) => k)).toContain(`${RECORD_PREFIX}1:account.${later}`);
    for (const [k, raw] of current) {
      const parsed = parseGenerationKey(RECORD_PREFIX, k)!;
      await expect(decryptJson(oldKey, k, JSON.parse(raw), recordAad(parsed.id), v.unknown()), k).rejects.toThrow(VaultCorruptError);
    }
    // Today's records dropped into the old copy are not read either.
    for (const [k, value] of current) thief.local.data.set(k, value);
    const merged = startWorker(thief);
    expect(await merged.send({ type: 'unlock', password: OLD })).toEqual({ ok: true });
    const labels = (await merged.send({ type: 'list-accounts' })).accounts.map((a: { label: string }) => a.label);
    expect(labels).not.toContain('Added later');
    // And the session flows moved too: nothing in session storage is under the old key.
    const flows = [...stores.session.data.entries()].filter(([k]) => k.startsWith(FLOW_PREFIX));
    expect(flows).toHaveLength(1);
    expect(parseGenerationKey(FLOW_PREFIX, flows[0]![0])?.generation).toBe(1);
  });
});
