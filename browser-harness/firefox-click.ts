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
 *
 * And what Playwright's hit-target check does in Chromium: the press lands on the element or is
 * tried again (until.ts). Between reading the box and pressing there are a few round trips, and a
 * page may move meanwhile (the popup's rows grow when "Show next code" appears: the Add account
 * form 114 px lower in the pseudo-locale popup), so the press hit whatever took the element's
 * place; that made the pseudo-locale suite's "Add account form" flaky. A capture listener on the
 * page swallows a press that lands outside the element. Seeing no event at all (a disabled
 * button) counts as landed, as with a plain click.
 */
import type { ElementHandle, Page } from 'puppeteer-core';
import { until } from './until';

export async function clickInFirefox(page: Page, selector: string): Promise<void> {
  const handle = await page.$(selector);
  if (!handle) throw new Error(`no element matches ${selector}`);
  try {
    await until(`a click on ${selector} to land on it`, () => clickElement(page, handle), { timeoutMs: 15_000, intervalMs: 50 });
  } finally {
    await handle.dispose().catch(() => {});
  }
}

interface PressGuard { missed: boolean; remove(): void }

/** One try; false when the press landed elsewhere and was swallowed. */
async function clickElement(page: Page, handle: ElementHandle): Promise<boolean> {
  await handle.evaluate((element) => {
    element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // The press's first event decides; after a miss the rest of it is swallowed too, after a hit
    // nothing is (a <label>'s own click on its input is not the press).
    const guard = { decided: false, missed: false, remove: () => {} };
    const check = (event: Event) => {
      if (!guard.decided) {
        guard.decided = true;
        guard.missed = !event.composedPath().includes(element);
      }
      if (!guard.missed) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    const types = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
    for (const type of types) addEventListener(type, check, { capture: true });
    guard.remove = () => { for (const type of types) removeEventListener(type, check, { capture: true }); };
    (globalThis as { __harnessPress?: PressGuard }).__harnessPress = guard;
  });
  const { x, y } = await handle.clickablePoint();
  await page.mouse.click(x, y);
  // A click that closed or navigated the page took effect: nothing left to check.
  const missed = await page.evaluate(() => {
    const guard = (globalThis as { __harnessPress?: PressGuard }).__harnessPress;
    guard?.remove();
    return guard?.missed ?? false;
  }).catch(() => false);
  return !missed;
}
