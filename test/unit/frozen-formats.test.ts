// Frozen formats: a vault and a backup written by an earlier build (test/fixtures/frozen, made
// once by generate.ts there) must open with every later build. People's browsers hold vaults in
// exactly these bytes, so a change to an AAD string, a KDF parameter name, a record schema or a
// backup field that would strand them fails here. A deliberate format change adds a migration and
// new fixtures; these stay.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/otp/totp';
import { hotpCode } from '../../src/otp/hotp';
import { FROZEN } from '../fixtures/frozen/frozen-data';
import { memoryStores, startWorker } from '../background/background-helpers';

const dir = join(import.meta.dirname, '../fixtures/frozen');
const VAULT_V1: Record<string, unknown> = JSON.parse(readFileSync(join(dir, 'vault-v1.json'), 'utf8'));
const BACKUP_V1 = readFileSync(join(dir, 'backup-v1.json'), 'utf8');
const AT = FROZEN.writtenAt;

function workerOverVaultV1() {
  const stores = memoryStores();
  for (const [k, v] of Object.entries(VAULT_V1)) stores.local.data.set(k, JSON.stringify(v));
  return { stores, ...startWorker(stores, { now: () => AT }) };
}

/** What the frozen accounts must read back as, whichever way they were loaded. */
async function expectFrozenAccounts(worker: ReturnType<typeof startWorker>, opts: { withTokens: boolean }) {
  const listed = await worker.send({ type: 'list-accounts' });
  expect(listed.ok).toBe(true);
  expect(listed.unreadable ?? []).toEqual([]);
  const byKind = Object.fromEntries(listed.accounts.map((a: { kind: string }) => [a.kind, a]));
  const { input: cognito } = FROZEN.cognito;
  expect(byKind.cognito).toMatchObject({
    label: cognito.label, userPoolId: cognito.userPoolId, clientId: cognito.clientId, endpoint: cognito.endpoint,
    username: cognito.username, policy: cognito.policy, hasClientSecret: true, hasPassword: true, hasTotpSecret: true,
    deviceKey: FROZEN.cognito.device.deviceKey,
  });
  expect(byKind.totp).toMatchObject({ label: FROZEN.totp.input.label, issuer: FROZEN.totp.input.issuer, algorithm: 'SHA256', digits: 8, period: 60 });
  expect(byKind.hotp).toMatchObject({ label: FROZEN.hotp.input.label, issuer: FROZEN.hotp.input.issuer, algorithm: 'SHA1', digits: 6, counter: 7 });

  // The secrets themselves, decrypted.
  const stored = await worker.ctx.accounts.getCognito(byKind.cognito.id);
  expect(stored.clientSecret).toBe(cognito.clientSecret);
  expect(stored.secrets).toEqual({ password: cognito.password, totpSecret: cognito.totpSecret, device: FROZEN.cognito.device });
  if (opts.withTokens) expect(await worker.ctx.accounts.getTokens(byKind.cognito.id)).toEqual(FROZEN.cognito.tokens);

  // Codes from the stored OTP secrets, against codes computed from the clear fixture data.
  const codes = await worker.send({ type: 'get-codes' });
  expect(codes.ok).toBe(true);
  const codeOf = (id: string) => codes.codes.find((c: { id: string }) => c.id === id)?.code;
  const t = FROZEN.totp.input;
  expect(codeOf(byKind.totp.id)).toBe(totpCode(t.secret, { algorithm: t.algorithm, digits: t.digits, period: t.period }, AT));
  const hotp = FROZEN.hotp.input;
  expect(codeOf(byKind.hotp.id)).toBe(hotpCode(hotp.secret, { algorithm: hotp.algorithm, digits: hotp.digits }, hotp.counter));
}

describe('frozen formats', () => {
  it('a version-1 vault opens with its password and reads back every account, secret, device and token', async () => {
    const worker = workerOverVaultV1();
    expect(await worker.send({ type: 'status' })).toMatchObject({ ok: true, initialized: true, locked: true });
    expect(await worker.send({ type: 'unlock', password: FROZEN.vaultPassword })).toEqual({ ok: true });
    await expectFrozenAccounts(worker, { withTokens: true });
  });

  it('a version-1 vault refuses a wrong password and is left byte-identical', async () => {
    const worker = workerOverVaultV1();
    const before = worker.stores.local.dump();
    expect(await worker.send({ type: 'unlock', password: `${FROZEN.vaultPassword}x` })).toMatchObject({ ok: false, error: { code: 'wrong-password' } });
    expect(worker.stores.local.dump()).toBe(before);
  });

  it('a version-1 backup file imports into a new vault with every account and secret', async () => {
    const stores = memoryStores();
    const worker = startWorker(stores, { now: () => AT });
    expect(await worker.send({ type: 'setup-vault', password: 'a new vault password' })).toEqual({ ok: true });
    const imported = await worker.send({ type: 'import', data: BACKUP_V1, password: FROZEN.backupPassword });
    expect(imported).toMatchObject({ ok: true, added: 3 });
    await expectFrozenAccounts(worker, { withTokens: false });
  });
});
