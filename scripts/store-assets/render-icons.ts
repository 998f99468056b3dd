// Rasterizes the one source drawing (icon.svg) into the PNG icons the manifest names, in headless
// Chromium (Debian's, as everywhere else here), so every size comes from the same picture:
//   npx tsx scripts/store-assets/render-icons.ts
// 16, 32, 48 and 96 px fill their square. 128 px is the Chrome Web Store's rule: the picture at
// 96 x 96 with 16 px of transparent padding on every side. The PNGs are committed;
// test/unit/store-ready.test.ts checks their sizes and the padding.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_EXECUTABLE } from '../../browser-harness/executables';

const root = resolve(import.meta.dirname, '../..');
const svg = readFileSync(resolve(import.meta.dirname, 'icon.svg'), 'utf8');

/** size of the PNG, and the transparent padding around the drawing on each side. */
export const ICONS: { size: number; padding: number }[] = [
  { size: 16, padding: 0 }, { size: 32, padding: 0 }, { size: 48, padding: 0 },
  { size: 96, padding: 0 }, { size: 128, padding: 16 },
];

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: ['--disable-gpu'] });
  try {
    for (const { size, padding } of ICONS) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      const drawn = size - 2 * padding;
      const sized = svg.replace('<svg ', `<svg width="${drawn}" height="${drawn}" style="position:absolute;left:${padding}px;top:${padding}px" `);
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`);
      const out = resolve(root, 'public/icons', `icon-${size}.png`);
      await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      console.log(`wrote ${out}`);
    }
  } finally {
    await browser.close();
  }
}

await main();
