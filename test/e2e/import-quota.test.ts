// A backup import at storage.local's quota, in real Chromium: the manifest asks for no
// "unlimitedStorage", so Chrome gives the extension 10 485 760 bytes and refuses a set that would
// pass them. The import writes every account in one set (Vault.writeMany), so a backup that does
// not fit adds nothing, the answer names the cause (storage-full, not "internal"), and what the
// vault held is untouched. (Firefox gives storage.local no such quota; the unit test
// backup-import-rules.test.ts runs the same path on a storage area with Chrome's quota rules.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/background/backup/format';
import type { Account } from '../../src/background/accounts/model';
import { launchChromium, POPUP_PATH, type ChromiumSession } from '../../browser-harness/launch';

const VAULT_PASSWORD = 'quota vault password';
const BACKUP_PASSWORD = 'quota backup password';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const totp = (i: number, prefix = 'JBSWY3DPEHPK3PXP'): Account => ({
  kind: 'totp', id: `t${i}`, label: `${i}`.padEnd(200, '.'), issuer: 'I'.repeat(200),
  secret: `${prefix}${B32[i % 32]}${B32[(i >> 5) % 32]}${B32[(i >> 10) % 32]}Q`, algorithm: 'SHA1', digits: 6, period: 30,
});

describe('Chromium: a backup import that does not fit in storage.local', () => {
  let s: ChromiumSession;
  let page: Page;
  const send = (message: object) => page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<any>;
  const bytesInUse = () => page.evaluate(() => chrome.storage.local.getBytesInUse(null));

  beforeAll(async () => {
    s = await launchChromium();
    page = await s.openPage(POPUP_PATH);
  }, 60_000);
  afterAll(async () => { await s?.close(); });

  it('adds nothing, says storage-full, and keeps the accounts that were there', async () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8')) as { permissions: string[] };
    expect(manifest.permissions).not.toContain('unlimitedStorage');
    const quota = await page.evaluate(() => chrome.storage.local.QUOTA_BYTES);
    expect(quota).toBe(10_485_760);

    expect(await send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
    const small = await writeBackup([totp(0, 'GEZDGNBVGY3TQOJQ'), totp(1, 'GEZDGNBVGY3TQOJQ')], BACKUP_PASSWORD);
    expect(await send({ type: 'import', data: small, password: BACKUP_PASSWORD })).toMatchObject({ ok: true, added: 2 });
    // Something else fills storage.local to 1 MB below its quota.
    const used = await bytesInUse();
    await page.evaluate((n) => chrome.storage.local.set({ filler: 'x'.repeat(n) }), quota - used - 1_000_000 - 20);
    const before = await bytesInUse();
    expect(quota - before).toBeLessThan(1_000_100);

    // 2 500 accounts: about 2.5 MB once encrypted, more than the room left.
    const big = await writeBackup(Array.from({ length: 2500 }, (_, i) => totp(i)), BACKUP_PASSWORD);
    const answer = await send({ type: 'import', data: big, password: BACKUP_PASSWORD });
    expect(answer).toMatchObject({ ok: false, error: { code: 'storage-full' } });
    expect(await bytesInUse()).toBe(before);
    const listed = await send({ type: 'list-accounts' });
    expect(listed).toMatchObject({ ok: true });
    expect(listed.accounts).toHaveLength(2);
    expect((await send({ type: 'get-codes' })).codes).toHaveLength(2);

    // With the room given back, the same file imports whole.
    await page.evaluate(() => chrome.storage.local.remove('filler'));
    expect(await send({ type: 'import', data: big, password: BACKUP_PASSWORD })).toEqual({ ok: true, format: 'backup', added: 2500, skipped: 0, problems: [] });
  }, 120_000);
});
