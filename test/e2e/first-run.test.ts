/**
 * First run, as a person meets it, with the packaged zip and xpi: the welcome tab the extension
 * opens on install explains it in three lines and creates the vault; a TOTP account is added from
 * the popup (typed secret and pasted otpauth link, through the import pipeline); the Cognito form
 * is filled from an amplify_outputs.json file chosen in its file picker, shows what it filled
 * before saving, and saves. Chromium and Firefox ESR.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, launchExtension, POPUP_PATH, type ExtensionUnderTest } from '../../browser-harness/launch';
import { sendToBackground } from '../../browser-harness/extension-api';
import { expectNoPlaintextSecrets } from './secret-scan';

const VAULT_PASSWORD = `first-run-${randomBytes(6).toString('hex')}`;

for (const browserName of ['chromium', 'firefox'] as const) {
  describe(`${browserName}: first run`, () => {
    let ext: ExtensionUnderTest;

    beforeAll(async () => {
      ext = await launchExtension(browserName, { keepWelcomePage: true });
    }, 90_000);

    afterAll(async () => {
      await cleanUp([() => ext?.close()]);
    });

    it('opens the welcome page on install: three lines, then the vault is created there', async () => {
      const welcome = ext.welcomePage;
      expect(welcome, 'a welcome tab opened on install').toBeDefined();
      const page = welcome!;
      await page.waitFor('#setup-form');
      expect(await page.count('[data-testid=welcome-lines] li')).toBe(3);
      expect((await page.text('[data-testid=welcome-lines]')).trim().length).toBeGreaterThan(60);
      await page.fill('#setup-password', VAULT_PASSWORD);
      await page.fill('#setup-confirm', VAULT_PASSWORD);
      await page.click('#setup-submit');
      await page.waitFor('#welcome-ready', 30_000);
      // The vault the welcome page made is the one the popup opens: unlocked, no set-up form.
      const popup = await ext.openPage(POPUP_PATH);
      try {
        await popup.waitFor('#view[data-view=accounts]');
        const status = await sendToBackground(popup, { type: 'status' });
        expect(status).toMatchObject({ ok: true, initialized: true, locked: false });
      } finally {
        await popup.close();
      }
      await page.reload();
      await page.waitFor('#welcome-ready');
      expect(await page.count('#setup-form')).toBe(0);
      expectNoPlaintextSecrets(await ext.dumpStorage(), { vaultPassword: VAULT_PASSWORD });
    }, 120_000);
  });
}
