/**
 * `npm start`: after `npm run package` has built both targets, starts the local user pool with the
 * demo pool, app client and users (scripts/demo/seed.json) and shows the extension working against it.
 *
 * - With a display (DISPLAY or WAYLAND_DISPLAY set): a Chromium (or, with --browser firefox, a
 *   Firefox ESR) window with the extension, its vault created and the demo accounts added; runs
 *   until Ctrl+C.
 * - Without one (or with --headless): drives the real popup and options page headless through
 *   every demo path and saves a numbered screenshot of each step; exits 0, or 1 naming the step
 *   that failed.
 *
 * Options (after `npm start --`): --browser chromium|firefox (default chromium), --headless,
 * --screenshots DIR, --port N (default 9229, or the next free port), --no-accounts (headed: leave
 * adding the accounts to the person). Both browsers run the same steps (scripts/demo/demo-browser.ts).
 * Everything listens on 127.0.0.1 and is stopped on exit, Ctrl+C and errors.
 */
import { parseArgs } from 'node:util';
import { DEMO_BROWSERS, launchDemoBrowser, type DemoBrowserName } from './demo/demo-browser.ts';
import { describeDemo, demoPoolFromSeed } from './demo/demo-users.ts';
import { runHeadlessTour } from './demo/headless-tour.ts';
import { runInteractive } from './demo/interactive.ts';
import { installShutdownHandlers, isShuttingDown, onShutdown, shutdown } from './demo/lifetime.ts';
import { defaultScreenshotDir, ScreenshotRecorder } from './demo/screenshots.ts';
import { poolAcceptsTotp, startDemoPool } from './demo/start-pool.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
/** The headless run's screenshots, once the folder exists (named again if the run fails). */
let shots: ScreenshotRecorder | undefined;

function options() {
  const { values } = parseArgs({
    options: {
      browser: { type: 'string', default: 'chromium' },
      headless: { type: 'boolean', default: false },
      screenshots: { type: 'string' },
      port: { type: 'string', default: '9229' },
      'no-accounts': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log('usage: npm start -- [--browser chromium|firefox] [--headless] [--screenshots DIR] [--port 9229] [--no-accounts]');
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const browser = values.browser as DemoBrowserName;
  if (!DEMO_BROWSERS.includes(browser)) throw new Error(`--browser must be ${DEMO_BROWSERS.join(' or ')}, got ${values.browser}`);
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  return { browser, headed: hasDisplay && !values.headless, hasDisplay, port, screenshots: values.screenshots, addAccounts: !values['no-accounts'] };
}

async function main(): Promise<void> {
  installShutdownHandlers();
  const opts = options();
  const started = Date.now();

  const pool = await startDemoPool(opts.port);
  onShutdown('local user pool', () => pool.close());
  const demo = demoPoolFromSeed();
  log(`\nlocal user pool listening on ${pool.endpoint}\n`);
  log(describeDemo(pool.endpoint, demo));
  log('');

  shots = opts.headed ? undefined : new ScreenshotRecorder(opts.screenshots ?? defaultScreenshotDir(new Date()));
  if (shots) log(`${opts.hasDisplay ? '--headless' : 'no display (DISPLAY/WAYLAND_DISPLAY unset)'}: running the demo headless in ${opts.browser}; screenshots go to ${shots.dir}`);

  const browser = await launchDemoBrowser(opts.browser, opts.headed);
  onShutdown('browser', () => browser.close());
  await browser.grantLocalPoolAccess();

  if (shots) {
    await runHeadlessTour({
      browser, shots, endpoint: pool.endpoint, pool: demo, log,
      poolAcceptsTotp: (username, code) => poolAcceptsTotp(pool, demo.userPoolId, username, code),
    });
    log(`\ndemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s; ${shots.saved.length} screenshots in ${shots.dir}`);
  } else {
    await runInteractive({ browser, endpoint: pool.endpoint, pool: demo, addAccounts: opts.addAccounts, log });
  }
  await shutdown(0);
}

main().catch((error: unknown) => {
  // After Ctrl+C the browser closes under a running step; that is not a failure to report.
  if (isShuttingDown()) return;
  process.stderr.write(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  if (shots) process.stderr.write(`screenshots of the steps so far: ${shots.dir}\n`);
  void shutdown(1);
});
