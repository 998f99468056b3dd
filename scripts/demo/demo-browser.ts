/**
 * The browser the demo runs in, whichever it is: the steps (headless-tour.ts, interactive.ts) use
 * only this and the harness' driver-neutral ExtPage, so Chromium and Firefox run the same demo.
 * chromium.ts and firefox.ts launch it through the end-to-end harness (browser-harness/launch.ts).
 */
import type { ExtPage } from '../../browser-harness/launch.ts';

export const DEMO_BROWSERS = ['chromium', 'firefox'] as const;
export type DemoBrowserName = (typeof DEMO_BROWSERS)[number];

export interface DemoBrowser {
  readonly name: DemoBrowserName;
  /** Opens an extension page (a path inside the extension) in a new tab. */
  openPage(path: string): Promise<ExtPage>;
  /**
   * Lets the extension reach the local pool (http://127.0.0.1/*, an optional host permission),
   * as a person allows it when the options form asks; the demo's accounts use that endpoint.
   */
  grantLocalPoolAccess(): Promise<void>;
  /** With a window: closes the browser's empty start tab; resolves once the person closes the browser. */
  untilClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function launchDemoBrowser(name: DemoBrowserName, headed: boolean): Promise<DemoBrowser> {
  // Imported on demand: a Firefox demo needs no Playwright, a Chromium one no Puppeteer.
  if (name === 'firefox') return (await import('./firefox.ts')).launchFirefoxDemo(headed);
  return (await import('./chromium.ts')).launchChromiumDemo(headed);
}
