/**
 * A QR image file chosen in the options page goes through the pages' one QR decoder
 * (src/ui/qr-decode.ts), the same as a tab capture in the popup: dark-on-light and light-on-dark
 * codes are read, and a file that is no image gets its own sentence, in real Chromium and Firefox.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, launchExtension, OPTIONS_PATH, type ExtensionUnderTest, type ExtPage } from '../../browser-harness/launch';
import { setUpVault } from '../../browser-harness/steps';

const EN = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;

for (const browserName of ['chromium', 'firefox'] as const) {
  describe(`${browserName}: a QR image file in the options page`, () => {
    let ext: ExtensionUnderTest;
    let options: ExtPage;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'qr-file-'));
      ext = await launchExtension(browserName);
      await setUpVault(ext, 'qr file vault password');
      options = await ext.openPage(OPTIONS_PATH);
      await options.waitFor('#import-qr-file');
    }, 120_000);

    afterAll(() => cleanUp([() => options?.close(), () => ext?.close(), () => rmSync(dir, { recursive: true, force: true })]));

    async function choose(name: string, bytes: Buffer): Promise<string> {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      await options.setInputFile('#import-qr-file', path);
      return options.waitForText('#import-result', /\S/);
    }

    it('imports the account of a dark-on-light QR code', async () => {
      const png = await QRCode.toBuffer(`otpauth://totp/File:dark-${browserName}?secret=JBSWY3DPEHPK3PXP&issuer=File`, { scale: 6, margin: 4 });
      expect(await choose('dark.png', png)).toMatch(/Imported 1/);
    });

    it('imports the account of a light-on-dark QR code too', async () => {
      const png = await QRCode.toBuffer(`otpauth://totp/File:light-${browserName}?secret=GEZDGNBVGY3TQOJQ&issuer=File`,
        { scale: 6, margin: 4, color: { dark: '#ffffffff', light: '#000000ff' } });
      await options.evaluate(() => { document.getElementById('import-result')!.textContent = ''; });
      expect(await choose('light.png', png)).toMatch(/Imported 1/);
    });

    it('says when the file is not an image', async () => {
      await options.evaluate(() => { document.getElementById('import-result')!.textContent = ''; });
      expect(await choose('not-an-image.png', Buffer.from('this is text, not a PNG'))).toContain(EN.errorImageNotAnImage!.message);
    });
  });
}
