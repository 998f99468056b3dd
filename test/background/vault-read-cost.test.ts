// What listing the vault costs as it grows, counted rather than timed: the storage reads and key
// imports behind `list-accounts`, `get-codes` and a backup's account list must not grow with the
// number of accounts. Read one by one, 1 000 accounts took 1.8 s per get-codes in Chromium
// (bench/sections/scale-extension.ts), and the popup sends it on every open and code expiry.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { base32 } from '@scure/base';
import type { StorageArea } from '../../src/background/storage';
import { memoryStores, startWorker } from './background-helpers';

/** A storage area that counts the reads it answers. */
function counting(area: StorageArea): StorageArea & { reads: number } {
  const counted = {
    reads: 0,
    get: (keys: string | string[] | null) => {
      counted.reads++;
      return area.get(keys);
    },
    set: (items: Record<string, unknown>) => area.set(items),
    remove: (keys: string | string[]) => area.remove(keys),
  };
  return counted;
}

/** A worker holding `otp` TOTP accounts and `cognito` Cognito accounts with stored tokens. */
async function workerWith(otp: number, cognito: number) {
  const plain = memoryStores();
  const stores = { local: counting(plain.local), session: counting(plain.session) };
  const worker = startWorker(stores);
  expect(await worker.send({ type: 'setup-vault', password: 'long enough pw' })).toEqual({ ok: true });
  const lines = Array.from({ length: otp }, (_, i) => {
    const secret = base32.encode(new Uint8Array(20).fill(i + 1));
    return `otpauth://totp/Cost:user${i}?secret=${secret}&issuer=Cost`;
  });
  expect(await worker.send({ type: 'import', data: lines.join('\n') })).toMatchObject({ ok: true, added: otp });
  for (let i = 0; i < cognito; i++) {
    const added = await worker.send({ type: 'add-account', account: {
      kind: 'cognito', label: `Cognito ${i}`, userPoolId: 'us-east-1_Cost12345', clientId: 'costclient', username: `user${i}`,
      endpoint: 'http://127.0.0.1:9/', policy: { autoAnswer: true, rememberDevice: false } } });
    expect(added).toMatchObject({ ok: true });
    await worker.ctx.accounts.saveTokens(added.id, { accessToken: 'a'.repeat(20), idToken: 'i'.repeat(20), tokenType: 'Bearer', expiresAt: Date.now() + 3_600_000 });
  }
  return { ...worker, stores };
}

/** Storage reads and key imports of one request. */
async function costOf(worker: Awaited<ReturnType<typeof workerWith>>, request: { type: string }) {
  const importKey = vi.spyOn(crypto.subtle, 'importKey');
  worker.stores.local.reads = 0;
  worker.stores.session.reads = 0;
  const answer = await worker.send(request);
  expect(answer).toMatchObject({ ok: true });
  const cost = { storageReads: worker.stores.local.reads + worker.stores.session.reads, keyImports: importKey.mock.calls.length };
  importKey.mockRestore();
  return { answer, cost };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('listing the vault costs the same storage reads for 3 accounts as for 30', () => {
  it('list-accounts: every account and its tokens, read at once', async () => {
    const small = await workerWith(2, 1);
    const large = await workerWith(20, 10);
    const few = await costOf(small, { type: 'list-accounts' });
    const many = await costOf(large, { type: 'list-accounts' });
    expect(few.answer.accounts).toHaveLength(3);
    expect(many.answer.accounts).toHaveLength(30);
    // The tokens were read too: each Cognito account shows when its tokens expire.
    expect(many.answer.accounts.filter((a: { tokensExpireAt?: number }) => a.tokensExpireAt !== undefined)).toHaveLength(10);
    expect(many.cost).toEqual(few.cost);
    expect(many.cost.keyImports).toBeLessThanOrEqual(2);
  });

  it('get-codes: one code per account from one read of the records', async () => {
    const small = await workerWith(3, 0);
    const large = await workerWith(30, 0);
    const few = await costOf(small, { type: 'get-codes' });
    const many = await costOf(large, { type: 'get-codes' });
    expect(few.answer.codes).toHaveLength(3);
    expect(many.answer.codes).toHaveLength(30);
    expect(many.cost).toEqual(few.cost);
    expect(many.cost.keyImports).toBe(1);
  });
});
