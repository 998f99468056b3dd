// A backup import goes through the add-account rules (one schema, NewAccountSchema) and is all or
// nothing: a file with one account that add-account would refuse adds none, and an import that
// does not fit in the browser's storage adds none and says so (storage-full).
import { describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/background/backup/format';
import type { Account } from '../../src/background/accounts/model';
import { memoryStores, startWorker } from '../background/background-helpers';
import { QuotaStorageArea } from './helpers/quota-storage';
import { MemoryStorageArea } from '../background/background-helpers';

const VAULT_PASSWORD = 'vault-password-123';
const BACKUP_PASSWORD = 'backup-password-123';
const good: Account[] = [
  { kind: 'totp', id: 'a1', label: 'GitHub', issuer: 'GitHub', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
  { kind: 'cognito', id: 'a2', label: 'Pool', userPoolId: 'us-east-1_Abc', clientId: 'cid', username: 'bob', endpoint: 'https://proxy.example/',
    policy: { autoAnswer: false, rememberDevice: true }, secrets: { password: 'S3cret-pass' } },
];
const cognito = good[1] as Extract<Account, { kind: 'cognito' }>;

async function worker(local: MemoryStorageArea = new MemoryStorageArea()) {
  const stores = { ...memoryStores(), local };
  const w = startWorker(stores);
  expect(await w.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
  return w;
}

const importFile = async (send: (m: unknown) => Promise<any>, accounts: Account[]) =>
  send({ type: 'import', data: await writeBackup(accounts, BACKUP_PASSWORD), password: BACKUP_PASSWORD });

describe('backup import: the add-account rules', () => {
  const hostile: [string, Account, RegExp][] = [
    ['an invalid pool id', { ...cognito, userPoolId: 'not a pool id' }, /accounts\.1\.userPoolId/],
    ['a javascript: endpoint', { ...cognito, endpoint: 'javascript:alert(1)' }, /accounts\.1\.endpoint/],
    ['an endpoint that reads as Amazon\'s (user info before the host)', { ...cognito, endpoint: 'https://cognito-idp.us-east-1.amazonaws.com@evil.example/' }, /accounts\.1\.endpoint/],
    ['a text-direction override in a label', { ...cognito, label: 'Po\u202eol' }, /accounts\.1\.label/],
    ['an empty username', { ...cognito, username: '' }, /accounts\.1\.username/],
    ['a 100 000-character label', { ...cognito, label: 'L'.repeat(100_000) }, /accounts\.1\.label/],
    ['a control character in a label', { ...cognito, label: 'Po\u001bol' }, /accounts\.1\.label/],
    ['a control character in a username', { ...cognito, username: 'bo\nb' }, /accounts\.1\.username/],
    ['a period past the rule', { ...good[0]!, period: 10 ** 9 } as Account, /accounts\.1\.period/],
    ['an HOTP counter of 2^53-1', { kind: 'hotp', id: 'h', label: 'H', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, counter: 2 ** 53 - 1 }, /accounts\.1\.counter/],
  ];
  it.each(hostile)('refuses a file with %s and adds nothing of it', async (_name, bad, where) => {
    const { send } = await worker();
    const answer = await importFile(send, [good[0]!, bad]);
    expect(answer).toMatchObject({ ok: false, error: { code: 'backup-invalid', message: expect.stringMatching(where) } });
    expect(answer.error.message.length).toBeLessThan(300);
    expect(await send({ type: 'list-accounts' })).toEqual({ ok: true, accounts: [] });
  });

  it('imports the same accounts when they keep the rules', async () => {
    const { send } = await worker();
    expect(await importFile(send, good)).toEqual({ ok: true, format: 'backup', added: 2, skipped: 0, problems: [] });
  });
});

describe('backup import at the storage quota (Chrome\'s semantics)', () => {
  /** 2 500 accounts, as in the report, each with a label of the longest length the rules allow. */
  const many: Account[] = Array.from({ length: 2500 }, (_, i) => ({
    kind: 'totp', id: `t${i}`, label: `${i}`.padEnd(200, '.'), issuer: 'I'.repeat(200),
    secret: `JBSWY3DPEHPK3PXP${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[i % 32]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[(i >> 5) % 32]}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[(i >> 10) % 32]}Q`,
    algorithm: 'SHA1', digits: 6, period: 30,
  }));

  it('adds nothing when the accounts do not all fit, says storage-full, and keeps what was there', async () => {
    const local = new QuotaStorageArea();
    const { send } = await worker(local);
    expect(await importFile(send, good)).toMatchObject({ ok: true, added: 2 });
    // Something else of the extension's fills the area to 1 MB below its quota.
    await local.set({ filler: 'x'.repeat(local.quotaBytes - local.bytesInUse() - 1_000_000) });
    const before = local.bytesInUse();

    const answer = await importFile(send, many);
    expect(answer).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    expect(local.bytesInUse()).toBe(before);
    const listed = await send({ type: 'list-accounts' });
    expect(listed.accounts.map((a: { label: string }) => a.label).sort()).toEqual(['GitHub', 'Pool']);
    // The codes of the accounts that were there are untouched.
    expect((await send({ type: 'get-codes' })).codes).toHaveLength(1);
  });

  it('adds them all when they fit (the quota storage refuses only what passes the quota)', async () => {
    const local = new QuotaStorageArea();
    const { send } = await worker(local);
    expect(await importFile(send, many)).toEqual({ ok: true, format: 'backup', added: 2500, skipped: 0, problems: [] });
    expect(local.bytesInUse()).toBeLessThan(local.quotaBytes);
  });
});
