/**
 * axe-core over any extension page in either browser (ExtPage): its source is run in the page by
 * the driver, then axe.run checks the document as it stands. @axe-core/playwright does the same
 * for Chromium only (accessibility.test.ts); this is for the suites that run in both browsers.
 */
import axe from 'axe-core';
import type { ExtPage } from '../../browser-harness/launch';

/** The violations axe finds in the page now, one line each (rule, impact, help, elements). */
export async function axeViolations(page: ExtPage): Promise<string[]> {
  if (!await page.evaluate(() => 'axe' in window)) await page.runScript(axe.source);
  return page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
