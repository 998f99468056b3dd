// The headless demo (`npm start -- --headless`, and `--browser firefox`) in both browsers: the
// same tour (scripts/demo/headless-tour.ts) against the demo pool, through the packaged zip and
// .xpi, must finish every step and leave one screenshot per step. Needs `npm run package` first.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalPool } from 'cognito-local-user-pool';
import { DEMO_BROWSERS, launchDemoBrowser, type DemoBrowser } from '../../scripts/demo/demo-browser.ts';
import { demoPoolFromSeed } from '../../scripts/demo/demo-users.ts';
import { runHeadlessTour } from '../../scripts/demo/headless-tour.ts';
import { ScreenshotRecorder } from '../../scripts/demo/screenshots.ts';
import { poolAcceptsTotp, startDemoPool } from '../../scripts/demo/start-pool.ts';
import { cleanUp } from '../../browser-harness/launch.ts';

/** The steps the tour photographs, in order (file names without the number). */
const STEPS = [
  'create-the-vault', 'vault-created-no-accounts-yet', 'add-demo-totp', 'add-demo-setup', 'add-demo-newpass',
  'three-demo-accounts-in-the-options-page', 'accounts-in-the-popup', 'demo-totp-signed-in',
  'demo-setup-consent-to-set-up-mfa', 'demo-setup-signed-in', 'demo-newpass-choose-a-new-password',
  'demo-newpass-consent-to-set-up-mfa', 'demo-newpass-signed-in', 'codes-for-all-three-accounts',
];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(DEMO_BROWSERS)('the headless demo in %s', (browserName) => {
  let pool: LocalPool;
  let browser: DemoBrowser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `cogauth-demo-${browserName}-`));
    pool = await startDemoPool(0);
    browser = await launchDemoBrowser(browserName, false);
    await browser.grantLocalPoolAccess();
  });
  afterAll(() => cleanUp([() => browser?.close(), () => pool?.close(), () => rmSync(dir, { recursive: true, force: true })]));

  it('runs every step and saves a screenshot of each', async () => {
    const demo = demoPoolFromSeed();
    const lines: string[] = [];
    const shots = new ScreenshotRecorder(dir);
    await runHeadlessTour({
      browser, shots, endpoint: pool.endpoint, pool: demo, log: (line) => lines.push(line),
      poolAcceptsTotp: (username, code) => poolAcceptsTotp(pool, demo.userPoolId, username, code),
    });
    expect(lines.filter((line) => line.includes('✓'))).toHaveLength(10);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(STEPS.map((step, i) => `${String(i + 1).padStart(2, '0')}-${step}.png`));
    for (const file of files) expect(readFileSync(join(dir, file)).subarray(0, 8).equals(PNG_SIGNATURE), file).toBe(true);
  }, 240_000);
});
