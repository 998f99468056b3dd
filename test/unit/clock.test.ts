import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_CLOCK_OFFSET_MS, ServerClock, parseHttpDate } from '../../src/cognito/clock';

const LOCAL = Date.UTC(2024, 8, 3, 9, 0, 0);

afterEach(() => {
  vi.useRealTimers();
});

describe('parseHttpDate', () => {
  it('reads the three HTTP-date forms', () => {
    const want = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(want);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(want);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(want);
  });

  it.each([
    '',
    '5',
    'yesterday',
    '2024-09-03T09:00:00Z',
    'Tue, 03 Sep 2024 09:00:00 UTC',
    'Tue, 31 Feb 2024 09:00:00 GMT',
    'Tue, 03 Foo 2024 09:00:00 GMT',
    'Tue, 03 Sep 2024 25:00:00 GMT',
  ])('rejects %j', (value) => {
    expect(parseHttpDate(value)).toBeNull();
  });
});

describe('ServerClock', () => {
  it('starts with no offset and now() is the local time', () => {
    vi.useFakeTimers({ now: LOCAL });
    const clock = new ServerClock();
    expect(clock.offsetMs).toBe(0);
    expect(clock.now()).toBe(LOCAL);
  });

  it('learns the offset from a Date header, taking the middle of the header\'s second', () => {
    const clock = new ServerClock();
    clock.observe('Tue, 03 Sep 2024 09:05:00 GMT', LOCAL); // server 5 minutes ahead
    expect(clock.offsetMs).toBe(5 * 60_000 + 500);
    clock.observe('Tue, 03 Sep 2024 08:59:00 GMT', LOCAL); // later header replaces it: 1 minute behind
    expect(clock.offsetMs).toBe(-60_000 + 500);
  });

  it('applies the offset to now()', () => {
    vi.useFakeTimers({ now: LOCAL });
    const clock = new ServerClock();
    clock.observe('Tue, 03 Sep 2024 09:05:00 GMT');
    expect(clock.now()).toBe(LOCAL + 5 * 60_000 + 500);
    vi.advanceTimersByTime(10_000);
    expect(clock.now()).toBe(LOCAL + 10_000 + 5 * 60_000 + 500);
  });

  it('ignores a missing or unparseable header, keeping what it knew', () => {
    const clock = new ServerClock(1234);
    clock.observe(null, LOCAL);
    clock.observe('garbage', LOCAL);
    clock.observe('1', LOCAL);
    expect(clock.offsetMs).toBe(1234);
  });
});

describe('ServerClock bound', () => {
  it('applies offsets up to MAX_CLOCK_OFFSET_MS (15 minutes) and records, without applying, anything beyond', () => {
    expect(MAX_CLOCK_OFFSET_MS).toBe(15 * 60_000);
    const clock = new ServerClock();
    expect(clock.observe('Tue, 03 Sep 2024 09:14:59 GMT', LOCAL)).toEqual({ offsetMs: 14 * 60_000 + 59_500, applied: true, at: LOCAL });
    expect(clock.offsetMs).toBe(14 * 60_000 + 59_500);
    // A server a day ahead (or a year behind) is not believed: the offset stays what it was.
    expect(clock.observe('Wed, 04 Sep 2024 09:00:00 GMT', LOCAL)).toEqual({ offsetMs: 86_400_000 + 500, applied: false, at: LOCAL });
    expect(clock.observe('Sun, 03 Sep 2023 09:00:00 GMT', LOCAL)?.applied).toBe(false);
    expect(clock.offsetMs).toBe(14 * 60_000 + 59_500);
    expect(clock.lastObservation?.applied).toBe(false);
  });

  it('does not start from an offset beyond the bound', () => {
    expect(new ServerClock(MAX_CLOCK_OFFSET_MS).offsetMs).toBe(MAX_CLOCK_OFFSET_MS);
    expect(new ServerClock(-MAX_CLOCK_OFFSET_MS - 1).offsetMs).toBe(0);
    expect(new ServerClock(86_400_000).offsetMs).toBe(0);
    expect(new ServerClock(Number.NaN).offsetMs).toBe(0);
  });
});
