// Host permissions in the real browsers: what the packaged extension may reach without asking is
// Cognito's user-pool endpoints and nothing else of AWS; any other endpoint (an API Gateway URL,
// a proxy, the local pool) is refused by the background until its host is granted, and the
// options form names the origin it will ask for, then asks for exactly that host. A grant nothing
// uses any more (the site unbound, the account deleted) is given back by the extension itself.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COGNITO_HOST_PERMISSIONS } from '../../src/cognito/user-pool-endpoints';
import { cleanUp, launchExtension, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { setUpVault } from '../../browser-harness/steps';
import { until } from '../../browser-harness/until';
import { hasHostPermission, sendToBackground } from '../../browser-harness/extension-api';

const VAULT_PASSWORD = 'host permission vault password';
const EN = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
const LOCAL_PATTERN = 'http://127.0.0.1/*';
const SHOP = 'https://shop.example';
const SHOP_PATTERN = 'https://shop.example/*';

/** The extension's API namespace inside a page (Firefox: browser, Chromium: chrome). */
const granted = (page: ExtPage) => page.evaluate(async () => {
  const api = (globalThis as any).browser ?? (globalThis as any).chrome;
  return ((await api.permissions.getAll()).origins ?? []) as string[];
});

const cognitoAccount = (label: string, endpoint?: string) => ({
  type: 'add-account',
  account: {
    kind: 'cognito', label, userPoolId: 'us-east-1_HostPerm1', clientId: 'hostpermclient', username: `user-${label}`,
    policy: { autoAnswer: true, rememberDevice: false }, ...(endpoint ? { endpoint } : {}),
  },
});

describe.each(['chromium', 'firefox'] as const)('%s: host permissions', (browserName) => {
  let ext: ExtensionUnderTest;
  let options: ExtPage;

  beforeAll(async () => {
    ext = await launchExtension(browserName);
    await setUpVault(ext, VAULT_PASSWORD);
    options = await ext.openPage(OPTIONS_PATH);
    await options.waitFor('#add-cognito-account');
  });
  afterAll(() => cleanUp([() => options?.close(), () => ext?.close()]));

  it('grants at install exactly the Cognito user-pool hosts, and no other AWS host', async () => {
    expect((await granted(options)).filter((o) => !o.startsWith('moz-extension:')).sort()).toEqual([...COGNITO_HOST_PERMISSIONS].sort());
    expect(await hasHostPermission(options, 'https://cognito-idp.cn-north-1.amazonaws.com.cn/*')).toBe(true);
    expect(await hasHostPermission(options, 'https://cognito-idp-fips.us-east-1.amazonaws.com/*')).toBe(true);
    expect(await hasHostPermission(options, 'https://abc123.execute-api.us-east-1.amazonaws.com/*')).toBe(false);
    expect(await hasHostPermission(options, 'https://my-bucket.s3.amazonaws.com/*')).toBe(false);
  });

  it('the background refuses an account on an ungranted AWS endpoint (API Gateway), naming the origin', async () => {
    const refused = await sendToBackground(options, cognitoAccount('apigw', 'https://abc123.execute-api.us-east-1.amazonaws.com/prod'));
    expect(refused).toMatchObject({ ok: false, error: { code: 'permission-missing' } });
    expect(refused.error.message).toContain('https://abc123.execute-api.us-east-1.amazonaws.com');
    // A listed Cognito host (FIPS) and the regional default need no grant.
    expect(await sendToBackground(options, cognitoAccount('fips', 'https://cognito-idp-fips.us-east-1.amazonaws.com/'))).toMatchObject({ ok: true });
    expect(await sendToBackground(options, cognitoAccount('regional'))).toMatchObject({ ok: true });
  });

  it('the form names the origin (every port of its host) before saving, then asks for exactly that host', async () => {
    await ext.preApproveHostPermission(LOCAL_PATTERN);
    await options.reload();
    await options.waitFor('#add-cognito-account');
    await options.click('#add-cognito-account');
    await options.waitFor('#cognito-form');
    await options.fill('#cognito-endpoint', 'https://cognito-idp.eu-west-1.amazonaws.com/');
    expect(await options.text('#cognito-endpoint-access'), 'a listed Cognito host needs no grant: nothing to say').toBe('');
    await options.fill('#cognito-endpoint', 'http://127.0.0.1:9229/');
    const note = EN.endpointAccessNote!.message.replace('$origin$', 'http://127.0.0.1:9229').replace('$host$', '127.0.0.1');
    expect(await options.text('#cognito-endpoint-access')).toBe(note);
    expect(await hasHostPermission(options, LOCAL_PATTERN), 'nothing is granted before saving').toBe(false);
    await options.fill('#cognito-user-pool-id', 'local_HostPerm2');
    await options.fill('#cognito-client-id', 'hostpermclient');
    await options.fill('#cognito-username', 'local-user');
    await options.click('#cognito-save');
    await until('the local account in the table', async () => (await options.text('#options-main')).includes('local-user'));
    const extra = (await granted(options)).filter((o) => !COGNITO_HOST_PERMISSIONS.includes(o) && !o.startsWith('moz-extension:'));
    expect(extra).toEqual([LOCAL_PATTERN]);
  });

  it("a site's grant is asked for when it is bound in options and given back when it is removed; a binding without it offers Allow access; deleting the account gives back its endpoint's", async () => {
    const totp = await sendToBackground(options, { type: 'add-account',
      account: { kind: 'totp', label: 'Shop', secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', algorithm: 'SHA1', digits: 6, period: 30 } });
    expect(totp).toMatchObject({ ok: true });
    // (Chromium shows a dialog for a grant not made yet; Firefox's test profile lets it through.)
    await ext.preApproveHostPermission(SHOP_PATTERN);
    await options.reload();
    const row = `[data-testid=options-account-row][data-account-id="${totp.id}"]`;
    await options.waitFor(`${row} [data-testid=show-sites]`);
    await options.click(`${row} [data-testid=show-sites]`);
    await options.fill(`#add-site-${totp.id}`, SHOP);
    // The panel opens in a row of its own under the account's (the only one open).
    await options.click('[data-testid=sites-panel] [data-testid=add-site]');
    const site = `[data-testid=sites-panel] [data-testid=site-row][data-origin="${SHOP}"]`;
    await options.waitFor(site);
    expect(await hasHostPermission(options, SHOP_PATTERN)).toBe(true);

    await options.click(`${site} [data-testid=remove-site]`);
    await until('the site to be gone', async () => (await options.count(site)) === 0 || undefined);
    await until(`${SHOP_PATTERN} to be given back`, async () => !(await hasHostPermission(options, SHOP_PATTERN)) || undefined);

    // A binding without its grant (a backup restored after the grant was given back) says so in
    // its row, and "Allow access" asks for the grant again in the click.
    expect(await sendToBackground(options, { type: 'bind-site', accountId: totp.id, origin: SHOP })).toMatchObject({ ok: true });
    await options.reload();
    await options.waitFor(`${row} [data-testid=show-sites]`);
    await options.click(`${row} [data-testid=show-sites]`);
    const warning = `${site} [data-testid=site-no-access]`;
    await options.waitFor(warning);
    expect(await options.text(warning)).toContain(SHOP);
    // (Chromium: a driver cannot answer its permission dialog, so the grant is made first and the
    // page's request resolves at once; Firefox's test profile grants in the click itself.)
    await ext.preApproveHostPermission(SHOP_PATTERN);
    await options.click(`${warning} [data-testid=allow-site-access]`);
    await until('the warning to go', async () => (await options.count(warning)) === 0 || undefined);
    expect(await hasHostPermission(options, SHOP_PATTERN)).toBe(true);
    expect(await sendToBackground(options, { type: 'unbind-site', accountId: totp.id, origin: SHOP })).toMatchObject({ ok: true });
    await until(`${SHOP_PATTERN} to be given back again`, async () => !(await hasHostPermission(options, SHOP_PATTERN)) || undefined);

    const local = (await sendToBackground(options, { type: 'list-accounts' })).accounts.find((a: { username?: string }) => a.username === 'local-user');
    expect(await sendToBackground(options, { type: 'delete-account', id: local.id })).toMatchObject({ ok: true });
    await until(`${LOCAL_PATTERN} to be given back`, async () => !(await hasHostPermission(options, LOCAL_PATTERN)) || undefined);
    // The manifest's hosts stay.
    expect((await granted(options)).filter((o) => !o.startsWith('moz-extension:')).sort()).toEqual([...COGNITO_HOST_PERMISSIONS].sort());
  });
});
