// The harness's one polling helper (browser-harness/until.ts): what it returns, and that a wait
// that never ends says what it waited for and what it saw instead.
import { describe, expect, it } from 'vitest';
import { until } from '../../browser-harness/until';

describe('until', () => {
  it('returns the first value that is neither undefined nor false', async () => {
    const seen = [undefined, false, 0, 'later'];
    let calls = 0;
    expect(await until('a value', async () => seen[calls++] as number | undefined | false, { intervalMs: 1 })).toBe(0);
    expect(calls).toBe(3);
  });

  it('times out naming what it waited for and what was seen instead', async () => {
    let checks = 0;
    const waiting = until('the door to open', async () => { checks++; return false; },
      { timeoutMs: 30, intervalMs: 5, lastSeen: () => `door closed (${checks > 1 ? 'checked again' : 'once'})` });
    await expect(waiting).rejects.toThrow(/^timed out after 30 ms waiting for the door to open; last seen: door closed \(checked again\)$/);
  });

  it('a check that throws ends the wait at once', async () => {
    await expect(until('a throwing check', async () => { throw new Error('page gone'); })).rejects.toThrow(/^page gone$/);
  });

  it('with retryErrors a throwing check is one more poll, and the last error is reported on timeout', async () => {
    let calls = 0;
    expect(await until('a page that comes back', async () => {
      if (++calls < 3) throw new Error('between documents');
      return 'loaded';
    }, { intervalMs: 1, retryErrors: true })).toBe('loaded');
    await expect(until('a page that never comes back', async () => { throw new Error('between documents'); }, { timeoutMs: 20, intervalMs: 5, retryErrors: true }))
      .rejects.toThrow(/waiting for a page that never comes back; last error: between documents$/);
  });
});
