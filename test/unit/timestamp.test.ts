import { describe, expect, it } from 'vitest';
import { cognitoTimestamp } from '../../src/cognito/timestamp';

describe('cognitoTimestamp', () => {
  it('matches the pycognito cases', () => {
    expect(cognitoTimestamp(Date.UTC(2022, 0, 1, 0, 0, 0))).toBe('Sat Jan 1 00:00:00 UTC 2022');
    expect(cognitoTimestamp(Date.UTC(2022, 0, 2, 12, 0, 0))).toBe('Sun Jan 2 12:00:00 UTC 2022');
    expect(cognitoTimestamp(Date.UTC(2022, 0, 3, 9, 0, 0))).toBe('Mon Jan 3 09:00:00 UTC 2022');
    expect(cognitoTimestamp(Date.UTC(2022, 11, 31, 23, 59, 59))).toBe('Sat Dec 31 23:59:59 UTC 2022');
  });

  it('matches the protocol doc examples', () => {
    expect(cognitoTimestamp(Date.UTC(2024, 8, 3, 9, 17, 40))).toBe('Tue Sep 3 09:17:40 UTC 2024');
    expect(cognitoTimestamp(Date.UTC(2025, 1, 10, 18, 30, 12))).toBe('Mon Feb 10 18:30:12 UTC 2025');
    expect(cognitoTimestamp(Date.UTC(2000, 1, 1, 3, 4, 5))).toBe('Tue Feb 1 03:04:05 UTC 2000');
  });

  it('never pads days 1-9 (a padded day is rejected by Cognito as a wrong password)', () => {
    for (let day = 1; day <= 9; day++) {
      const ts = cognitoTimestamp(Date.UTC(2024, 6, day, 12, 0, 0));
      expect(ts).toMatch(new RegExp(`^[A-Z][a-z]{2} Jul ${day} 12:00:00 UTC 2024$`));
    }
    expect(cognitoTimestamp(Date.UTC(2024, 6, 10, 12, 0, 0))).toContain(' Jul 10 ');
  });

  it('writes midnight as 00:, never 24:, and pads hours, minutes and seconds', () => {
    expect(cognitoTimestamp(Date.UTC(2023, 4, 7, 0, 0, 0))).toBe('Sun May 7 00:00:00 UTC 2023');
    expect(cognitoTimestamp(Date.UTC(2023, 4, 7, 0, 5, 9))).toBe('Sun May 7 00:05:09 UTC 2023');
    expect(cognitoTimestamp(Date.UTC(2023, 4, 6, 23, 59, 59, 999))).toBe('Sat May 6 23:59:59 UTC 2023');
  });

  it('uses UTC whatever the process time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14: the local date differs from the UTC date
    try {
      expect(cognitoTimestamp(Date.UTC(2022, 0, 1, 15, 0, 0))).toBe('Sat Jan 1 15:00:00 UTC 2022');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('refuses invalid times', () => {
    expect(() => cognitoTimestamp(Number.NaN)).toThrow(RangeError);
    expect(() => cognitoTimestamp(Date.UTC(10000, 0, 1))).toThrow(RangeError);
  });
});
