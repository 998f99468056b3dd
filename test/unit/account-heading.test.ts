// Rows that say what they are (issue 10, item 2): service first, account second, sorted by
// service; the letter mark is stable per service.
import { describe, expect, it } from 'vitest';
import { accountHeading, compareAccounts, letterMark, MARK_LIGHTNESS, MARK_SATURATION } from '../../src/ui/account-heading';
import type { AccountSummary } from '../../src/shared/views';

const totp = (id: string, label: string, issuer?: string): AccountSummary =>
  ({ kind: 'totp', id, label, ...(issuer !== undefined ? { issuer } : {}), algorithm: 'SHA1', digits: 6, period: 30, sites: [] });
const cognito = (id: string, label: string, username: string): AccountSummary => ({
  kind: 'cognito', id, label, username, userPoolId: 'eu-west-2_Abc', clientId: 'client', policy: { autoAnswer: true, rememberDevice: false },
  hasClientSecret: false, hasPassword: true, hasTotpSecret: true, sites: [],
});

describe('accountHeading', () => {
  it('puts the issuer first and the account name second', () => {
    expect(accountHeading(totp('1', 'me@example.com', 'GitHub'))).toEqual({ service: 'GitHub', account: 'me@example.com' });
  });
  it('an OTP account without an issuer (or a blank one) is its name alone', () => {
    expect(accountHeading(totp('1', 'Work VPN'))).toEqual({ service: 'Work VPN' });
    expect(accountHeading(totp('1', 'Work VPN', '  '))).toEqual({ service: 'Work VPN' });
  });
  it('does not repeat a name that is the service (ignoring case and accents)', () => {
    expect(accountHeading(totp('1', 'github', 'GitHub'))).toEqual({ service: 'GitHub' });
  });
  it('a Cognito account: the person\'s name for the app, then the username', () => {
    expect(accountHeading(cognito('1', 'Billing app', 'alice'))).toEqual({ service: 'Billing app', account: 'alice' });
  });

  it('names the first bound site by its host, and how many more there are', () => {
    const site = (origin: string) => ({ origin, submitAfterFill: false, observeSignIn: false });
    const account = { ...cognito('1', 'Billing app', 'alice'), sites: [site('https://billing.example.com'), site('http://127.0.0.1:5173')] };
    expect(accountHeading(account)).toEqual({ service: 'Billing app', account: 'alice', site: 'billing.example.com', moreSites: 1 });
    expect(accountHeading({ ...account, sites: [site('http://127.0.0.1:5173')] })).toEqual({ service: 'Billing app', account: 'alice', site: '127.0.0.1:5173' });
  });
});

describe('compareAccounts', () => {
  it('sorts by service, then account, in the language\'s order, with numbers by value', () => {
    const accounts = [
      totp('a', 'zed', 'GitHub'), cognito('b', 'Billing app', 'alice'), totp('c', 'amy', 'github'),
      totp('d', 'x', 'Émile'), totp('e', 'y', 'Echo'), totp('f', 'Server 10'), totp('g', 'Server 9'),
    ];
    expect([...accounts].sort((x, y) => compareAccounts(x, y, 'en')).map((a) => a.id)).toEqual(['b', 'e', 'd', 'c', 'a', 'g', 'f']);
  });
  it('is stable for equal headings (by id)', () => {
    expect([totp('2', 'a', 'S'), totp('1', 'a', 'S')].sort((x, y) => compareAccounts(x, y)).map((a) => a.id)).toEqual(['1', '2']);
  });
});

describe('letterMark', () => {
  it('is the first letter or digit, upper-cased, and the same colour for the same service', () => {
    expect(letterMark('github')).toEqual({ letter: 'G', hue: letterMark('GitHub').hue });
    expect(letterMark('  (ëbay)').letter).toBe('Ë');
    expect(letterMark('1Password').letter).toBe('1');
    expect(letterMark('---').letter).toBe('?');
  });
  it('spreads different services over different hues', () => {
    const hues = new Set(['GitHub', 'Google', 'AWS', 'Microsoft', 'Dropbox', 'Slack'].map((s) => letterMark(s).hue));
    expect(hues.size).toBeGreaterThan(4);
    for (const hue of hues) expect(hue).toBeGreaterThanOrEqual(0), expect(hue).toBeLessThan(360);
  });
});

describe('the letter mark\'s colours', () => {
  /** WCAG relative luminance of an HSL colour (0-359, 0-100, 0-100). */
  function luminanceOfHsl(hue: number, saturation: number, lightness: number): number {
    const s = saturation / 100, l = lightness / 100;
    const k = (n: number) => (n + hue / 30) % 12;
    const a = s * Math.min(l, 1 - l);
    const channel = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
    const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * linear(channel(0)) + 0.7152 * linear(channel(8)) + 0.0722 * linear(channel(4));
  }

  it('white text on the mark has 4.5:1 at every hue (WCAG 1.4.3)', () => {
    for (let hue = 0; hue < 360; hue++) {
      const contrast = 1.05 / (luminanceOfHsl(hue, MARK_SATURATION, MARK_LIGHTNESS) + 0.05);
      expect(contrast, `hue ${hue}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
