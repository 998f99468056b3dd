// The number rules at the background's doors: one bad record never stops the codes of the
// others, an HOTP counter stops at the rule's end instead of walking past it, and what an
// otpauth:// import or the add-account form would store meets the same rule.
import { describe, expect, it } from 'vitest';
import { OTP_LIMITS } from '../../src/otp/limits';
import { memoryStores, startWorker } from './background-helpers';

const S = 'JBSWY3DPEHPK3PXP';

async function unlocked() {
  const w = startWorker(memoryStores());
  expect(await w.send({ type: 'setup-vault', password: 'vault-password-123' })).toEqual({ ok: true });
  return w;
}

describe('get-codes: each account its code or its own error', () => {
  it('a stored record whose counter breaks the rule (an older build wrote it) gets an error; the others keep their codes', async () => {
    const { send, ctx } = await unlocked();
    expect(await send({ type: 'import', data: `otpauth://totp/Ok?secret=${S}\notpauth://hotp/H?secret=${S}JBSW&counter=3` }))
      .toMatchObject({ ok: true, added: 2 });
    await ctx.vault.write('account.old', { kind: 'hotp', id: 'old', label: 'Old', secret: 'JBSWY3DPEHPK3PXQ', algorithm: 'SHA1', digits: 6, counter: 2 ** 53 });
    const answer = await send({ type: 'get-codes' });
    expect(answer.ok).toBe(true);
    expect(answer.codes.map((c: { kind: string }) => c.kind).sort()).toEqual(['hotp', 'totp']);
    expect(answer.codeErrors).toEqual([{ id: 'old', error: expect.objectContaining({ code: 'otp-counter-out-of-range' }) }]);
  });
});

describe('export-backup', () => {
  it('refuses, naming the account, when a stored record would not restore (so no unrestorable file is made)', async () => {
    const { send, ctx } = await unlocked();
    expect(await send({ type: 'import', data: `otpauth://totp/Ok?secret=${S}` })).toMatchObject({ ok: true, added: 1 });
    await ctx.vault.write('account.old', { kind: 'hotp', id: 'old', label: 'Old', secret: 'JBSWY3DPEHPK3PXQ', algorithm: 'SHA1', digits: 6, counter: 2 ** 53 });
    const answer = await send({ type: 'export-backup', password: 'backup-password-1' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'account-unrestorable', message: expect.stringMatching(/"Old".*counter/) } });
    // Deleted, the rest exports and restores.
    expect(await send({ type: 'delete-account', id: 'old' })).toMatchObject({ ok: true });
    const { file } = await send({ type: 'export-backup', password: 'backup-password-1' });
    const { send: other } = await unlocked();
    expect(await other({ type: 'import', data: file, password: 'backup-password-1' })).toMatchObject({ ok: true, added: 1 });
  });
});

describe('export-backup and import: the popup order travels with the accounts', () => {
  it('a pinned and a moved account come back pinned and moved in another browser\'s vault', async () => {
    const { send } = await unlocked();
    expect(await send({ type: 'import', data: ['A', 'B', 'C'].map((n, i) => `otpauth://totp/${n}?secret=${S}${'ABCD'[i]}AAA&issuer=${n}`).join('\n') }))
      .toMatchObject({ ok: true, added: 3 });
    const labelOf = async (ask: typeof send) => new Map(((await ask({ type: 'list-accounts' })).accounts as { id: string; label: string }[]).map((a) => [a.id, a.label]));
    const here = await labelOf(send);
    const idOf = (label: string) => [...here].find(([, l]) => l === label)![0];
    expect(await send({ type: 'set-account-order', order: { pinned: [idOf('C')], order: [idOf('B'), idOf('A')] } })).toMatchObject({ ok: true });
    const { file } = await send({ type: 'export-backup', password: 'backup-password-1' });

    const { send: other } = await unlocked();
    expect(await other({ type: 'import', data: file, password: 'backup-password-1' })).toMatchObject({ ok: true, added: 3 });
    const there = await labelOf(other);
    const { order } = await other({ type: 'get-account-order' });
    expect({ pinned: order.pinned.map((id: string) => there.get(id)), order: order.order.map((id: string) => there.get(id)) })
      .toEqual({ pinned: ['C'], order: ['B', 'A'] });
  });
});

describe('hotp-next at the end of the counter rule', () => {
  it('names a stored label (an older build kept a text-direction override in it) without the override', async () => {
    const { send, ctx } = await unlocked();
    await ctx.vault.write('account.old', { kind: 'hotp', id: 'old', label: 'Edge\u202eevil', secret: S, algorithm: 'SHA1', digits: 6, counter: OTP_LIMITS.counter.max });
    expect(await send({ type: 'hotp-next', id: 'old' })).toMatchObject({ ok: false,
      error: { code: 'otp-counter-out-of-range', message: expect.stringContaining('"Edge\ufffdevil"') } });
  });

  it('refuses to go past the largest counter with its own code, and every code still works', async () => {
    const { send } = await unlocked();
    const max = OTP_LIMITS.counter.max;
    expect(await send({ type: 'import', data: `otpauth://hotp/Edge?secret=${S}&counter=${max}` })).toMatchObject({ ok: true, added: 1 });
    const [account] = (await send({ type: 'list-accounts' })).accounts;
    expect(account).toMatchObject({ kind: 'hotp', counter: max });
    expect(await send({ type: 'hotp-next', id: account.id })).toMatchObject({ ok: false, error: { code: 'otp-counter-out-of-range' } });
    expect((await send({ type: 'list-accounts' })).accounts[0].counter).toBe(max);
    expect(await send({ type: 'get-codes' })).toMatchObject({ ok: true, codes: [{ kind: 'hotp', counter: max }] });
    // And the vault still backs up and restores.
    const { file } = await send({ type: 'export-backup', password: 'backup-password-1' });
    const { send: other } = await unlocked();
    expect(await other({ type: 'import', data: file, password: 'backup-password-1' })).toMatchObject({ ok: true, added: 1 });
  });
});

describe('otpauth import and the form apply the same rules', () => {
  it('an otpauth HOTP counter of 2^53-1 (as a QR code on a page could hold) is not added, and says why', async () => {
    const { send } = await unlocked();
    const answer = await send({ type: 'import', data: `otpauth://hotp/x?secret=${S}&counter=9007199254740991` });
    expect(answer).toMatchObject({ ok: true, added: 0, skipped: 0, problems: [{ code: 'otp-counter-out-of-range', line: 1 }] });
    expect(await send({ type: 'import-preview', data: `otpauth://hotp/x?secret=${S}&counter=9007199254740991` }))
      .toMatchObject({ ok: true, accounts: [], problems: [{ code: 'otp-counter-out-of-range' }] });
  });

  it('an otpauth TOTP period the form refuses is refused in the import too', async () => {
    const { send } = await unlocked();
    const period = OTP_LIMITS.period.max + 1;
    expect(await send({ type: 'add-account', account: { kind: 'totp', label: 'x', secret: S, algorithm: 'SHA1', digits: 6, period } }))
      .toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await send({ type: 'import', data: `otpauth://totp/x?secret=${S}&period=${period}` })).toMatchObject({ ok: true, added: 0 });
  });

  it('a secret over the secret rule is refused by add-account with the rule\'s own code', async () => {
    const { send } = await unlocked();
    const long = 'A'.repeat(Math.ceil((OTP_LIMITS.secretBytes.max + 1) * 8 / 5) + 3);
    expect(await send({ type: 'add-account', account: { kind: 'totp', label: 'x', secret: long, algorithm: 'SHA1', digits: 6, period: 30 } }))
      .toMatchObject({ ok: false, error: { code: 'otp-secret-too-long' } });
  });

  it('update-account meets the add-account rules (a control character in a label)', async () => {
    const { send } = await unlocked();
    const { id } = await send({ type: 'add-account', account: { kind: 'totp', label: 'x', secret: S, algorithm: 'SHA1', digits: 6, period: 30 } });
    expect(await send({ type: 'update-account', id, patch: { label: 'a\u0085b' } })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});

describe('import-preview', () => {
  it('names type, issuer and account of what a QR code would add, never the secret, and adds nothing', async () => {
    const { send } = await unlocked();
    const answer = await send({ type: 'import-preview', data: `otpauth://totp/Shop:carol?secret=${S}&issuer=Shop` });
    expect(answer).toEqual({ ok: true, format: 'otpauth', accounts: [{ type: 'totp', issuer: 'Shop', account: 'carol' }], problems: [] });
    expect(JSON.stringify(answer)).not.toContain(S);
    expect(await send({ type: 'list-accounts' })).toEqual({ ok: true, accounts: [] });
  });

  it('is refused while the vault is locked', async () => {
    const { send } = await unlocked();
    await send({ type: 'lock' });
    expect(await send({ type: 'import-preview', data: `otpauth://totp/x?secret=${S}` })).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('a whole input over a budget is refused with the limit\'s own code', async () => {
    const { send } = await unlocked();
    const lines = Array.from({ length: 1001 }, (_, i) => `otpauth://totp/a${i}?secret=${S}`).join('\n');
    expect(await send({ type: 'import', data: lines })).toMatchObject({ ok: false, error: { code: 'import-too-many-entries' } });
  });
});
