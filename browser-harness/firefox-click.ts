/**
 * A click in Firefox (puppeteer-core over BiDi) that does not wait for the page to be painted.
 *
 * Puppeteer's ElementHandle.click first asks whether the element is fully in view with an
 * IntersectionObserver and waits for its first callback. Firefox delivers IntersectionObserver
 * callbacks from a document's refresh driver, which does not tick for a tab that is not the
 * selected one: a popup page left in a tab behind the options page (the demo's tour, any
 * scenario that keeps two extension pages open) waited until something else made it paint,
 * measured at 0.6 s to 32 s per click (bench/README.md, "Firefox: where the time goes").
 * Chromium paints background tabs of a headless browser, so Playwright never waited there.
 *
 * This click does what a person's does and what Puppeteer's does after that wait: scroll the
 * element into view only if it is not (`block: 'nearest'` leaves a visible element where it is),
 * read its box (getClientRects forces layout; no paint needed), and press the mouse at its
 * centre with real input events (BiDi input.performActions), so the page sees a trusted click,
 * with the user activation that permissions.request needs.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

export async function clickInFirefox(page: Page, selector: string): Promise<void> {
  const handle = await page.$(selector);
  if (!handle) throw new Error(`no element matches ${selector}`);
  try {
    await clickElement(page, handle);
  } finally {
    await handle.dispose().catch(() => {});
  }
}

async function clickElement(page: Page, handle: ElementHandle): Promise<void> {
  await handle.evaluate((element) => element.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
  const { x, y } = await handle.clickablePoint();
  await page.mouse.click(x, y);
}
