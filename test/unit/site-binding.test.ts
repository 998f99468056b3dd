// The one rule of a site binding (src/shared/site-binding.ts): exact http(s) origins, normalised
// as the browser compares them, and the schema every layer imports.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  isExactOrigin, MAX_SITES_PER_ACCOUNT, originOf, OriginSchema, SiteBindingSchema, SitesSchema, siteFor, withoutSite, withSite,
} from '../../src/shared/site-binding';
import { parseRequest } from '../../src/shared/requests';

describe('originOf', () => {
  it.each([
    ['https://app.example.com/login?next=/x#mfa', 'https://app.example.com'],
    ['HTTPS://App.Example.COM', 'https://app.example.com'],
    ['https://app.example.com:443/', 'https://app.example.com'],
    ['http://127.0.0.1:5173/amplify/', 'http://127.0.0.1:5173'],
    ['http://localhost:80/x', 'http://localhost'],
    ['https://user:pw@app.example.com/', 'https://app.example.com'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example'],
  ])('%s → %s', (url, origin) => {
    expect(originOf(url)).toBe(origin);
  });

  it.each(['file:///etc/passwd', 'data:text/html,x', 'about:blank', 'chrome-extension://abc/popup.html', 'moz-extension://abc/x',
    'javascript:alert(1)', 'ftp://example.com/', 'not a url', '', 'blob:https://app.example.com/1234'])('no web origin in %j', (url) => {
    expect(originOf(url)).toBeUndefined();
  });
});

describe('isExactOrigin and OriginSchema', () => {
  it.each(['https://app.example.com', 'http://127.0.0.1:5173', 'https://xn--bcher-kva.example', 'http://[::1]:8080'])('accepts %s', (origin) => {
    expect(isExactOrigin(origin)).toBe(true);
    expect(v.is(OriginSchema, origin)).toBe(true);
  });

  it.each([
    'https://app.example.com/', 'https://App.example.com', 'https://app.example.com:443', 'https://app.example.com/login',
    'https://*.example.com', 'app.example.com', 'https://user@app.example.com', 'https://app.example.com?x', ' https://app.example.com',
    'file:///x', 'null', `https://${'a'.repeat(300)}.example`,
  ])('refuses %j', (text) => {
    expect(isExactOrigin(text)).toBe(false);
    expect(v.is(OriginSchema, text)).toBe(false);
  });
});

describe('site bindings', () => {
  const a = 'https://a.example';
  const b = 'http://127.0.0.1:5173';

  it('binds with both switches off unless given, keeps switches when bound again', () => {
    const one = withSite([], a);
    expect(one).toEqual([{ origin: a, submitAfterFill: false, observeSignIn: false }]);
    const two = withSite(one, b, { submitAfterFill: true });
    expect(two).toEqual([one[0], { origin: b, submitAfterFill: true, observeSignIn: false }]);
    expect(withSite(two, b)).toEqual(two);
    expect(withSite(two, b, { observeSignIn: true })[1]).toEqual({ origin: b, submitAfterFill: true, observeSignIn: true });
    expect(withoutSite(two, a)).toEqual([two[1]]);
    expect(withoutSite(two, 'https://c.example')).toEqual(two);
  });

  it('finds a site only by its exact origin', () => {
    const sites = withSite([], 'https://app.example.com');
    expect(siteFor(sites, 'https://app.example.com')?.origin).toBe('https://app.example.com');
    for (const near of ['https://evil-app.example.com', 'https://app.example.com.evil.example', 'http://app.example.com',
      'https://app.example.com:8443', 'https://sub.app.example.com', 'https://example.com']) {
      expect(siteFor(sites, near)).toBeUndefined();
    }
    expect(siteFor(undefined, 'https://app.example.com')).toBeUndefined();
  });

  it('the schema: strict, each origin once, bounded', () => {
    expect(v.is(SiteBindingSchema, { origin: a, submitAfterFill: false, observeSignIn: false })).toBe(true);
    expect(v.is(SiteBindingSchema, { origin: a, submitAfterFill: false })).toBe(false);
    expect(v.is(SiteBindingSchema, { origin: a, submitAfterFill: false, observeSignIn: false, pattern: '*' })).toBe(false);
    const site = (i: number) => ({ origin: `https://s${i}.example`, submitAfterFill: false, observeSignIn: false });
    expect(v.is(SitesSchema, [site(1), site(1)])).toBe(false);
    expect(v.is(SitesSchema, Array.from({ length: MAX_SITES_PER_ACCOUNT }, (_, i) => site(i)))).toBe(true);
    expect(v.is(SitesSchema, Array.from({ length: MAX_SITES_PER_ACCOUNT + 1 }, (_, i) => site(i)))).toBe(false);
  });

  it('the requests take exact origins only', () => {
    expect(parseRequest({ type: 'bind-site', accountId: 'abc', origin: a }).ok).toBe(true);
    expect(parseRequest({ type: 'bind-site', accountId: 'abc', origin: a, flags: { submitAfterFill: true } }).ok).toBe(true);
    expect(parseRequest({ type: 'bind-site', accountId: 'abc', origin: `${a}/` }).ok).toBe(false);
    expect(parseRequest({ type: 'bind-site', accountId: 'abc', origin: 'https://*.example' }).ok).toBe(false);
    expect(parseRequest({ type: 'update-site', accountId: 'abc', origin: a, flags: { pattern: true } }).ok).toBe(false);
    expect(parseRequest({ type: 'accounts-for-origin', origin: 'chrome-extension://abc' }).ok).toBe(false);
  });
});
