// The harness' Firefox click (browser-harness/firefox-click.ts, used by every Firefox suite through
// launch.ts fromPuppeteer), in Firefox ESR over BiDi:
// - on a page in a tab behind another (where Puppeteer's own click waited for a paint): it lands
//   as a person's click would, trusted, on the element asked for, scrolled into view only when
//   needed;
// - on a page that moves between the moment the click measures the element and the press (as the
//   popup does when a row grows to show "Show next code"): the click still lands on the element,
//   and nowhere else. Puppeteer's own click pressed where the element had been, which made the
//   pseudo-locale suite's "Add account form" flaky in Firefox;
// - on a page whose element is not there yet (a re-render, a reload's new document): it waits for
//   it, as Playwright's click does, and a selector that never matches fails naming it. Failing at
//   once made the pseudo-locale suite's options step flaky in a CI run.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX_EXECUTABLE } from '../../browser-harness/executables';
import { clickInFirefox } from '../../browser-harness/firefox-click';

/** A page taller than the viewport, one button in view and one far below it; clicks are recorded. */
const PAGE = `<!doctype html><meta charset=utf-8><body style="margin:0">
<button id=near style="position:absolute;top:200px;left:20px">near</button>
<div style="height:4000px"></div>
<button id=far style="position:absolute;top:3500px;left:20px">far</button>
<script>
  window.clicks = [];
  document.addEventListener('click', (e) => { window.clicks.push({ id: e.target.id, trusted: e.isTrusted, scrollY: window.scrollY }); });
</script>`;

// The first mouse move over the page (the press's own move to its point) inserts a block above
// the button: the button moves down under the pointer, and the block takes its place.
const MOVING_PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:0">
<div id="above"></div><button id="target" style="display:block;height:40px">Target</button>
<script>
  const seen = { target: 0, stray: 0 };
  globalThis.seen = seen;
  addEventListener('mousemove', () => {
    const block = document.createElement('div');
    block.id = 'stray';
    block.style.height = '200px';
    block.addEventListener('click', () => { seen.stray += 1; });
    document.getElementById('above').append(block);
  }, { once: true });
  document.getElementById('target').addEventListener('click', () => { seen.target += 1; });
</script>`;

describe('Firefox: the harness click on a tab behind another', () => {
  let browser: Browser;
  let behind: Page;
  beforeAll(async () => {
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_EXECUTABLE, headless: true });
    behind = await browser.newPage();
    await behind.setViewport({ width: 400, height: 600 });
    await behind.setContent(PAGE);
    await browser.newPage(); // selected now: `behind` is a tab behind it
  });
  afterAll(async () => { await browser?.close(); });

  const clicks = () => behind.evaluate(() => (window as unknown as { clicks: unknown[] }).clicks.splice(0));

  it('clicks an element in view where it is, with a trusted event, without scrolling', async () => {
    await clickInFirefox(behind, '#near');
    expect(await clicks()).toEqual([{ id: 'near', trusted: true, scrollY: 0 }]);
  });

  it('scrolls an element below the fold into view first, and clicks it', async () => {
    await clickInFirefox(behind, '#far');
    const [click, ...more] = await clicks() as { id: string; trusted: boolean; scrollY: number }[];
    expect(more).toEqual([]);
    expect(click).toMatchObject({ id: 'far', trusted: true });
    expect(click!.scrollY, 'scrolled down to the button').toBeGreaterThan(2500);
  });

  it('waits for an element that appears a moment later, and clicks it', async () => {
    await behind.evaluate(() => {
      setTimeout(() => {
        const late = document.createElement('button');
        late.id = 'late';
        late.textContent = 'late';
        late.style.cssText = 'position:absolute;top:300px;left:20px';
        document.body.append(late);
      }, 700);
    });
    await clickInFirefox(behind, '#late');
    // (The page is still scrolled where the test above left it.)
    const [click, ...more] = await clicks() as { id: string; trusted: boolean }[];
    expect(more).toEqual([]);
    expect(click).toMatchObject({ id: 'late', trusted: true });
  });

  it('gives up on a selector that never matches, naming it and what it saw', async () => {
    await expect(clickInFirefox(behind, '#missing', 1_000)).rejects.toThrow(/#missing.*no element matches/);
  });

  it('lands on the element when the page moves between the measure and the press, and only there', async () => {
    const moving = await browser.newPage();
    try {
      await moving.setContent(MOVING_PAGE);
      await clickInFirefox(moving, '#target');
      expect(await moving.evaluate(() => (globalThis as unknown as { seen: { target: number; stray: number } }).seen)).toEqual({ target: 1, stray: 0 });
      expect(await moving.$$eval('#stray', (els) => els.length), 'the page did move').toBe(1);
    } finally {
      await moving.close();
    }
  });
});
