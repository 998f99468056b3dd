import { describe, expect, it } from 'vitest';
import { countdownState, crossedAnnouncement } from '../../src/ui/countdown-math';

describe('countdownState', () => {
  const expiresAt = 1_700_000_010_000;
  it('counts whole seconds up, so the last partial second still shows 1', () => {
    expect(countdownState(expiresAt, 30, expiresAt - 29_001)).toMatchObject({ secondsLeft: 30, expired: false });
    expect(countdownState(expiresAt, 30, expiresAt - 400)).toMatchObject({ secondsLeft: 1, expired: false });
  });
  it('gives the fraction of the period left for the ring', () => {
    expect(countdownState(expiresAt, 30, expiresAt - 15_000).fractionLeft).toBeCloseTo(0.5);
    expect(countdownState(expiresAt, 60, expiresAt - 15_000).fractionLeft).toBeCloseTo(0.25);
  });
  it('caps the fraction at 1 when the server clock runs ahead of the period', () => {
    expect(countdownState(expiresAt, 30, expiresAt - 31_000).fractionLeft).toBe(1);
  });
  it('reports expiry at and after the boundary', () => {
    expect(countdownState(expiresAt, 30, expiresAt)).toEqual({ secondsLeft: 0, fractionLeft: 0, expired: true });
    expect(countdownState(expiresAt, 30, expiresAt + 5000).expired).toBe(true);
  });
  it('rejects a period that is not positive', () => {
    expect(() => countdownState(expiresAt, 0, expiresAt)).toThrow(/period/);
    expect(() => countdownState(expiresAt, Number.NaN, expiresAt)).toThrow(/period/);
  });
});

describe('crossedAnnouncement', () => {
  it('fires once when the count crosses 10 seconds, even if a tick skipped 10', () => {
    expect(crossedAnnouncement(11, 10)).toBe(10);
    expect(crossedAnnouncement(12, 9)).toBe(10);
    expect(crossedAnnouncement(10, 9)).toBeUndefined();
    expect(crossedAnnouncement(25, 24)).toBeUndefined();
  });
  it('stays quiet when the code expired or the row just appeared', () => {
    expect(crossedAnnouncement(11, 0)).toBeUndefined();
    expect(crossedAnnouncement(Infinity, 8)).toBeUndefined();
  });
});
