// The manifest's host permissions name Cognito's user-pool endpoints and nothing else: the
// committed list equals what botocore's data on this machine resolves (the Debian awscli package;
// CI installs it, and without it these tests fail saying so), the built manifests carry exactly
// that list, and every regional URL endpointFor builds is covered by it.
import { describe, expect, it } from 'vitest';
import { manifestFor } from '../../manifest.config.ts';
import { deriveCognitoEndpoints, findBotocoreData, legacyCognitoHosts } from '../../scripts/cognito-endpoints/derive.ts';
import { COGNITO_IDP_ENDPOINTS, isListedCognitoUrl } from '../../src/cognito/user-pool-endpoints';
import { endpointFor } from '../../src/cognito/transport';
import { endpointPermission, userPoolIdError } from '../../src/options/account-form-model';

/** A match pattern of the form scheme://host/* (the only form the manifest uses) matches a URL. */
function matches(pattern: string, url: string): boolean {
  const m = /^(https?):\/\/([^/*]+)\/\*$/.exec(pattern);
  if (!m) throw new Error(`unexpected pattern ${pattern}`);
  const u = new URL(url);
  return u.protocol === `${m[1]}:` && u.hostname === m[2];
}

describe('Cognito user-pool endpoints from botocore', () => {
  it('the committed list is what botocore on this machine resolves (run scripts/generate-cognito-endpoints.ts after an awscli update)', () => {
    const files = findBotocoreData(); // throws "… install the Debian awscli package …" when absent
    expect(COGNITO_IDP_ENDPOINTS).toEqual(deriveCognitoEndpoints(files));
  });

  it('covers every cognito-idp host the older endpoints.json names', () => {
    const hosts = new Set(COGNITO_IDP_ENDPOINTS.flatMap((e) => [new URL(e.endpoint).hostname, new URL(e.fips).hostname]));
    const legacy = legacyCognitoHosts(findBotocoreData());
    expect(legacy.length).toBeGreaterThan(20);
    expect(legacy.filter((h) => !hosts.has(h))).toEqual([]);
  });

  it('has FIPS, China and GovCloud endpoints, and only cognito-idp hosts', () => {
    const urls = COGNITO_IDP_ENDPOINTS.flatMap((e) => [e.endpoint, e.fips]);
    expect(urls).toContain('https://cognito-idp.us-east-1.amazonaws.com');
    expect(urls).toContain('https://cognito-idp-fips.us-east-1.amazonaws.com');
    expect(urls).toContain('https://cognito-idp.cn-north-1.amazonaws.com.cn');
    expect(urls).toContain('https://cognito-idp-fips.us-gov-west-1.amazonaws.com');
    for (const url of urls) expect(new URL(url).hostname).toMatch(/^cognito-idp(-fips)?\.[a-z0-9-]+\.[a-z0-9.]+$/);
  });
});

describe.each(['chrome', 'firefox'] as const)('the %s manifest', (target) => {
  const manifest = manifestFor(target);

  it('asks at install for exactly the botocore list: no wildcard host, nothing else of AWS', () => {
    const expected = deriveCognitoEndpoints(findBotocoreData()).flatMap((e) => [`${e.endpoint}/*`, `${e.fips}/*`]);
    expect([...manifest.host_permissions].sort()).toEqual(expected.sort());
    for (const pattern of manifest.host_permissions) expect(pattern).not.toMatch(/\*\./);
    for (const other of ['https://abc123.execute-api.us-east-1.amazonaws.com/prod', 'https://my-bucket.s3.amazonaws.com/x', 'https://cognito-identity.us-east-1.amazonaws.com/']) {
      expect(manifest.host_permissions.some((p) => matches(p, other)), other).toBe(false);
    }
  });

  it('covers the regional endpoint endpointFor builds for every listed region', () => {
    for (const { region } of COGNITO_IDP_ENDPOINTS) {
      const url = endpointFor(`${region}_AbC123`);
      expect(manifest.host_permissions.filter((p) => matches(p, url)), url).toHaveLength(1);
    }
  });
});

describe('regions outside the list', () => {
  it('endpointFor refuses to build a URL the manifest does not cover', () => {
    expect(() => endpointFor('xx-nowhere-9_AbC123')).toThrow(expect.objectContaining({ code: 'validation' }));
    expect(() => endpointFor('xx-nowhere-9_AbC123')).toThrow(/give its endpoint URL/);
    // An explicit endpoint is still taken; the person grants its host.
    expect(endpointFor('xx-nowhere-9_AbC123', 'https://cognito-idp.xx-nowhere-9.amazonaws.com/')).toBe('https://cognito-idp.xx-nowhere-9.amazonaws.com/');
  });

  it('the account form names the way round it: the endpoint URL, which is then asked for', () => {
    expect(userPoolIdError('xx-nowhere-9_AbC123', false)).toBe('errorUserPoolIdRegionUnlisted');
    expect(userPoolIdError('xx-nowhere-9_AbC123', true)).toBeUndefined();
    expect(endpointPermission('https://cognito-idp.xx-nowhere-9.amazonaws.com/')).toMatchObject({ ok: true, asks: true, pattern: 'https://cognito-idp.xx-nowhere-9.amazonaws.com/*' });
  });

  it('only https to a listed host counts as granted by the manifest', () => {
    expect(isListedCognitoUrl(new URL('https://cognito-idp-fips.us-east-1.amazonaws.com/'))).toBe(true);
    expect(isListedCognitoUrl(new URL('http://cognito-idp.us-east-1.amazonaws.com/'))).toBe(false);
    expect(isListedCognitoUrl(new URL('https://abc.execute-api.us-east-1.amazonaws.com/'))).toBe(false);
    expect(endpointPermission('https://abc.execute-api.us-east-1.amazonaws.com/prod')).toMatchObject({ ok: true, asks: true, origin: 'https://abc.execute-api.us-east-1.amazonaws.com' });
    expect(endpointPermission('https://cognito-idp.eu-west-1.amazonaws.com/')).toMatchObject({ ok: true, asks: false });
  });
});
