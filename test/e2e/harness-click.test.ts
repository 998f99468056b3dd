// The Firefox suites' click (browser-harness/launch.ts, firefox-click.ts clickInFirefox, used by fromPuppeteer) in real
// Firefox ESR: a page that moves between the moment the click measures the element and the press
// (as the popup does when a row grows to show "Show next code") still gets the click on the
// element, and nowhere else. Puppeteer's own click pressed where the element had been, which made
// the pseudo-locale suite's "Add account form" flaky in Firefox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanUp, firefoxUnderTest, launchFirefox, type ExtensionUnderTest } from '../../browser-harness/launch';

// The first mouse move over the page (the press's own move to its point) inserts a block above
// the button: the button moves down under the pointer, and the block takes its place.
const PAGE = `<!doctype html><meta charset="utf-8"><body style="margin:0">
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

describe('the Firefox harness click', () => {
  let ext: ExtensionUnderTest;
  beforeAll(async () => { ext = firefoxUnderTest(await launchFirefox()); }, 120_000);
  afterAll(() => cleanUp([() => ext?.close()]));

  it('lands on the element when the page moves between the measure and the press, and only there', async () => {
    const page = await ext.openUrl(`data:text/html,${encodeURIComponent(PAGE)}`);
    try {
      await page.click('#target');
      expect(await page.evaluate(() => (globalThis as unknown as { seen: { target: number; stray: number } }).seen)).toEqual({ target: 1, stray: 0 });
      expect(await page.count('#stray'), 'the page did move').toBe(1);
    } finally {
      await page.close();
    }
  });
});
