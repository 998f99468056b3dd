// The next period's code on demand (issue 10, item 5): the background gives a TOTP account's next
// code only in the last NEXT_CODE_WINDOW_SECONDS of the current one, following the account's own
// clock (the person's offset for a plain TOTP account), and never for an HOTP account.
import { describe, expect, it } from 'vitest';
import { NEXT_CODE_WINDOW_SECONDS, totpCode, totpExpiresAt } from '../../src/otp/totp';
import { memoryStores, startWorker } from './background-helpers';

const VAULT_PASSWORD = 'long enough pw';
const SECRET = 'JBSWY3DPEHPK3PXP';
const STEP_START = Math.floor(Date.now() / 30_000) * 30_000;

async function worker(now: () => number) {
  const w = startWorker(memoryStores(), { now });
  expect(await w.send({ type: 'setup-vault', password: VAULT_PASSWORD })).toEqual({ ok: true });
  return w;
}

describe('totp-next-period', () => {
  it('gives the next step\'s code only in the last seconds of the current one', async () => {
    let now = STEP_START + 15_000;
    const w = await worker(() => now);
    const { id } = await w.send({ type: 'add-account', account: { kind: 'totp', label: 'Plain', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 } });

    const early = await w.send({ type: 'totp-next-period', id });
    expect(early).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

    now = STEP_START + 30_000 - NEXT_CODE_WINDOW_SECONDS * 1000;
    const answer = await w.send({ type: 'totp-next-period', id });
    expect(answer).toEqual({ ok: true, code: { id, kind: 'totp', code: totpCode(SECRET, { period: 30 }, STEP_START + 30_000), period: 30, expiresAt: STEP_START + 60_000 } });
    // It is not the current code: that one is still what get-codes shows.
    const current = (await w.send({ type: 'get-codes' })).codes[0];
    expect(current.code).toBe(totpCode(SECRET, { period: 30 }, now));
    expect(answer.code.expiresAt).toBe(current.expiresAt + 30_000);
  });

  it('follows the offset the person set for a plain TOTP account', async () => {
    // Local time is early in the step, but the account's clock (+25 s) is near its end.
    const now = STEP_START + 2_000;
    const w = await worker(() => now);
    const { id } = await w.send({ type: 'add-account', account: { kind: 'totp', label: 'Skewed', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, clockOffsetSeconds: 25 } });
    const answer = await w.send({ type: 'totp-next-period', id });
    const accountNow = now + 25_000;
    expect(answer).toMatchObject({ ok: true, code: { code: totpCode(SECRET, { period: 30 }, accountNow + 30_000), expiresAt: totpExpiresAt(30, accountNow + 30_000) - 25_000 } });
  });

  it('refuses an HOTP account (its next code is hotp-next, which advances the counter)', async () => {
    const w = await worker(() => STEP_START + 29_000);
    const { id } = await w.send({ type: 'add-account', account: { kind: 'hotp', label: 'Counter', secret: SECRET, algorithm: 'SHA1', digits: 6, counter: 0 } });
    expect(await w.send({ type: 'totp-next-period', id })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
