/**
 * The Firefox suites' click (puppeteer-core over BiDi): pressed where the element is, checked to
 * have landed on it, without waiting for a paint.
 *
 * Not Puppeteer's ElementHandle.click, for two reasons:
 * - It first asks whether the element is fully in view with an IntersectionObserver and waits for
 *   its first callback. Firefox delivers IntersectionObserver callbacks from a document's refresh
 *   driver, which does not tick for a tab that is not the selected one: a popup page left in a tab
 *   behind the options page (the demo's tour, any scenario that keeps two extension pages open)
 *   waited until something else made it paint, measured at 0.3 s to 32 s per click
 *   (bench/README.md, "Firefox: where the time goes"). (Playwright's click in Chromium waits
 *   too, about 2 s, but always comes; pages that a flow comes back to are brought to the front
 *   instead: ExtPage.bringToFront.)
 * - It measures the element, then presses the mouse at that point a few round trips later; a page
 *   that moves meanwhile (a popup row growing when "Show next code" appears or a countdown rolls
 *   over, under a busy machine) gets the click somewhere else. Playwright checks that its click
 *   hits the element and retries; this does the same: the page swallows a press that lands
 *   outside the element (a capture listener on window), and the click is tried again until it
 *   lands. Seeing no event at all (a disabled button) counts as landed, as with a plain click.
 *
 * It does what a person's click does: scroll the element into view only if it is not
 * (`block: 'nearest'` leaves a visible element where it is), read its box (layout, no paint
 * needed), and press the mouse at its centre with real input events (BiDi input.performActions),
 * so the page sees a trusted click, with the user activation that permissions.request needs.
 */
import type { Page } from 'puppeteer-core';
import { until } from './until';

/**
 * Run in the page before each press: scrolls the element into view if needed, arms the guard
 * that swallows a press landing outside it, and returns its centre ('missing': no such element;
 * undefined: not laid out yet). Plain JavaScript in a string, not a function of this module: tsx (the demo, the
 * bench) compiles with esbuild's keepNames, which wraps the named helpers inside in a __name()
 * call the page does not have ("__name is not defined").
 */
const PREPARE_PRESS = `(sel) => {
  const el = document.querySelector(sel);
  if (!el) return 'missing';
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) return undefined;
  // The press's first event decides; after a miss the rest of it is swallowed too, after a hit
  // nothing is (a <label>'s own click on its input is not the press).
  const state = { decided: false, missed: false };
  const guard = (event) => {
    if (!state.decided) {
      state.decided = true;
      state.missed = !event.composedPath().includes(el);
    }
    if (!state.missed) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const types = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
  for (const type of types) addEventListener(type, guard, { capture: true });
  globalThis.__harnessClick = {
    state, remove: () => { for (const type of types) removeEventListener(type, guard, { capture: true }); },
  };
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}`;

export async function clickInFirefox(page: Page, selector: string, timeoutMs = 15_000): Promise<void> {
  let lastSeen = 'no element matches';
  await until(`a click on ${selector} to land on it`, async () => {
    const point = await page.evaluate(`(${PREPARE_PRESS})(${JSON.stringify(selector)})`) as { x: number; y: number } | 'missing' | undefined;
    // Waited for, as Playwright's click waits: a page that re-renders, or a reload whose new
    // document is not built yet, has no such element for a moment.
    if (point === 'missing') { lastSeen = 'no element matches'; return false; }
    if (!point) { lastSeen = 'the element has no box (not laid out, or hidden)'; return false; }
    await page.mouse.click(point.x, point.y);
    // A click that closed or navigated the page took effect: nothing left to check.
    const missed = await page.evaluate(() => {
      const click = (globalThis as { __harnessClick?: { state: { missed: boolean }; remove(): void } }).__harnessClick;
      click?.remove();
      return click?.state.missed ?? false;
    }).catch(() => false);
    lastSeen = 'the press landed on another element';
    return !missed;
    // A page between documents cannot be evaluated for a moment: that is one more try.
  }, { timeoutMs, intervalMs: 50, retryErrors: true, lastSeen: () => lastSeen });
}
