/**
 * The reflow checks (WCAG 1.4.4 resize text, 1.4.10 reflow), one home for the suites that use
 * them (readable-layout at 320 px and 200 % text, the first-run journey at 200 % text). The
 * measure functions run inside the page (pass them to evaluate): they must not use anything
 * from this module's scope.
 */
import { expect } from 'vitest';

export interface PopupLayoutReport {
  /** The window's width (innerWidth); the layout width (clientWidth) is that less a vertical scrollbar. */
  viewport: number;
  scrollWidth: number;
  clientWidth: number;
  /** Elements reaching past the right or left edge of the viewport. */
  outside: string[];
  /** Pairs of the title, buttons, names and codes whose boxes intersect. */
  overlaps: string[];
  /** Account names whose text is cut off, or squeezed below 8 em. */
  hiddenNames: string[];
  rows: number;
}

/** Runs in the page: the reflow checks over the header and every account row. */
export function measurePopupLayout(): PopupLayoutReport {
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}[${(el as HTMLElement).dataset.testid ?? el.className}] "${(el.textContent ?? '').trim().slice(0, 30)}"`;
  const shown = (el: Element | null): el is HTMLElement => el instanceof HTMLElement && el.getClientRects().length > 0;
  const root = document.documentElement;
  const width = root.clientWidth;
  const overlaps: string[] = [];
  const checkGroup = (elements: (Element | null)[]) => {
    const boxes = elements.filter(shown).map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!.r, b = boxes[j]!.r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) overlaps.push(`${describe(boxes[i]!.el)} overlaps ${describe(boxes[j]!.el)}`);
      }
    }
  };
  const header = document.querySelector('.popup-header')!;
  checkGroup([header.querySelector('h1'), ...header.querySelectorAll('button')]);
  const rows = [...document.querySelectorAll('[data-testid=account-row]')];
  const controls = '[data-testid=account-label], .account-sub, [data-testid=code], .countdown, button';
  for (const row of rows) checkGroup([...row.querySelectorAll(controls)]);
  const outside = [header, ...header.querySelectorAll('*'), ...rows, ...rows.flatMap((row) => [...row.querySelectorAll(controls)])]
    .filter(shown)
    .filter((el) => { const r = el.getBoundingClientRect(); return r.right > width + 0.5 || r.left < -0.5; })
    .map(describe);
  const hiddenNames = [...document.querySelectorAll<HTMLElement>('[data-testid=account-label]')]
    .filter((el) => !shown(el) || el.scrollWidth > el.clientWidth + 0.5 || el.scrollHeight > el.clientHeight + 0.5
      || el.clientWidth < 8 * parseFloat(getComputedStyle(el).fontSize))
    .map((el) => `${describe(el)} (${el.clientWidth} px wide)`);
  return { viewport: window.innerWidth, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, outside, overlaps, hiddenNames, rows: rows.length };
}

/** The popup's account list reflowed: no horizontal scrolling, nothing past the edges or overlapping, every name whole. */
export function expectPopupReflows(report: PopupLayoutReport, expected: { rows: number; width?: number }): void {
  expect(report.rows).toBe(expected.rows);
  if (expected.width !== undefined) expect(report.viewport).toBe(expected.width);
  expect(report.scrollWidth, 'no horizontal scrolling').toBeLessThanOrEqual(report.clientWidth);
  expect(report.outside, 'nothing past the edges').toEqual([]);
  expect(report.overlaps, 'nothing overlaps the title or another control').toEqual([]);
  expect(report.hiddenNames, 'every account name whole and at least 8 em wide').toEqual([]);
}

export interface PageReflowReport {
  /** The root element's computed font size: the browser's text size as applied to the page. */
  rootFontPx: number;
  scrollWidth: number;
  clientWidth: number;
  /** Shown elements reaching past the right or left edge (the first ten). */
  outside: string[];
  /** Pairs of shown controls (buttons, fields, links, headings) whose boxes intersect. */
  overlaps: string[];
}

/** Runs in the page: any extension page or state (welcome, a form, a prompt) reflowed as a whole. */
export function measurePageReflow(): PageReflowReport {
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
  const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const root = document.documentElement;
  const width = root.clientWidth;
  // Screen-reader-only text (the visually-hidden pattern: a 1 px clipped box, often off-screen) is not shown.
  const screenReaderOnly = (el: Element) => { const r = el.getBoundingClientRect(); return r.width <= 1 && r.height <= 1; };
  const outside = [...document.querySelectorAll('body *')].filter(shown).filter((el) => !screenReaderOnly(el))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.right > width + 0.5 || r.left < -0.5; })
    .map(describe).slice(0, 10);
  // Controls never legitimately sit on one another; a menu that is open floats over the rows by design.
  const controls = [...document.querySelectorAll('h1, h2, h3, button, input:not([type=hidden]), select, textarea, a[href], summary')]
    .filter(shown).filter((el) => !el.closest('[role=menu]'))
    .map((el) => ({ el, r: el.getBoundingClientRect() }));
  const overlaps: string[] = [];
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i]!, b = controls[j]!;
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > 0.5 && y > 0.5) overlaps.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
    }
  }
  return { rootFontPx: parseFloat(getComputedStyle(root).fontSize), scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, outside, overlaps };
}

/** A page reflowed at the text size `fontPx`: applied, no horizontal scrolling, nothing past the edges or overlapping. */
export function expectPageReflows(report: PageReflowReport, fontPx: number, what = ''): void {
  const at = `${what ? `${what}, ` : ''}${fontPx} px text`;
  expect(report.rootFontPx, `${at}: the browser font size applied`).toBe(fontPx);
  expect(report.outside, `${at}: nothing past the edges`).toEqual([]);
  expect(report.scrollWidth, `${at}: no horizontal scrolling`).toBeLessThanOrEqual(report.clientWidth);
  expect(report.overlaps, `${at}: no control overlaps another`).toEqual([]);
}

export interface NextCodeOfferReport {
  /** Each distinct layout (every row's and the Add account button's top in the document and height) seen while "Next code" was offered. */
  offered: string[];
  /** The same while it was not offered. */
  notOffered: string[];
  /** Whether a not-offered "Next code" could take focus (it must not: it is not there for the person). */
  focusableWhileNotOffered: boolean;
  /** Whether an offered one could (it must). */
  focusableWhileOffered: boolean;
}

/**
 * Runs in the page: watches the popup across the moment a TOTP row's "Next code" appears (or
 * goes), up to 40 s, and reports the layouts seen on either side of it. Polls with timers, not
 * animation frames, which a page in the background does not get.
 */
export function watchNextCodeOffer(): Promise<NextCodeOfferReport> {
  const report: NextCodeOfferReport = { offered: [], notOffered: [], focusableWhileNotOffered: false, focusableWhileOffered: false };
  const focusable = (el: HTMLElement) => { el.focus({ preventScroll: true }); const took = document.activeElement === el; el.blur(); return took; };
  const started = Date.now();
  return new Promise((resolve) => {
    const look = () => {
      const buttons = [...document.querySelectorAll<HTMLElement>('[data-testid=next-code]')];
      const offered = buttons.filter((b) => !b.hidden).length;
      // Every TOTP row here has the same period, so all are offered together; between two rows' updates it is skipped.
      if (buttons.length > 0 && (offered === 0 || offered === buttons.length)) {
        const boxes = [...document.querySelectorAll('[data-testid=account-row]'), document.getElementById('popup-add-account')]
          .filter((el): el is HTMLElement => el !== null)
          .map((el) => { const r = el.getBoundingClientRect(); return `${(r.top + window.scrollY).toFixed(1)}+${r.height.toFixed(1)}`; }).join(' ');
        const seen = offered ? report.offered : report.notOffered;
        if (!seen.includes(boxes)) seen.push(boxes);
        if (offered) report.focusableWhileOffered ||= focusable(buttons[0]!);
        else report.focusableWhileNotOffered ||= focusable(buttons[0]!);
      }
      if ((report.offered.length > 0 && report.notOffered.length > 0) || Date.now() - started > 40_000) resolve(report);
      else setTimeout(look, 100);
    };
    look();
  });
}
