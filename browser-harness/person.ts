/**
 * What a person sees, as selectors for ExtPage: a form control found by its visible label, a
 * button or link by its accessible name (aria-label, else its text), with the words taken from the
 * English messages (public/_locales/en) rather than from element ids. The element found is marked
 * with a data attribute and its selector returned, so the driver's own click and typing (real
 * input events) act on it. Only shown elements count; none or several matching is an error that
 * lists what was there.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExtPage } from './launch';
import { until } from './until';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const EN = JSON.parse(readFileSync(join(resolve(import.meta.dirname, '..'), 'public/_locales/en/messages.json'), 'utf8')) as Messages;

/** An English message with its $1…$9 substitutions, as browser.i18n.getMessage builds it. */
export function enMessage(key: string, ...substitutions: string[]): string {
  const entry = EN[key];
  if (!entry) throw new Error(`public/_locales/en has no message "${key}"`);
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? whole;
    return content.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
  });
}

/** `region`: the accessible name of a form, section, fieldset or dialog the element must be inside (aria-label, aria-labelledby or legend). */
type Target = { kind: 'label' | 'button'; name: string; region?: string };

/** Runs in the page: marks the one shown element that matches and returns its selector, or why not. */
function markTarget(target: Target): { selector?: string; problem?: string } {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const regionName = (el: Element) => norm(el.getAttribute('aria-label'))
    || norm((el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '))
    || norm(el.querySelector(':scope > legend')?.textContent);
  const inRegion = (el: Element) => target.region === undefined
    || [...document.querySelectorAll('form, section, fieldset, [role=dialog], [role=region]')].some((r) => r.contains(el) && regionName(r) === target.region);
  let found: Element[];
  let seen: string[];
  if (target.kind === 'label') {
    const labels = [...document.querySelectorAll('label')].filter(shown).filter(inRegion);
    seen = labels.map((l) => norm(l.textContent));
    found = labels.filter((l) => norm(l.textContent) === target.name).map((l) => l.control).filter((c): c is HTMLElement => c !== null);
  } else {
    const controls = [...document.querySelectorAll('button, a[href], [role=button], [role=menuitem], [role=link]')].filter(shown).filter(inRegion);
    const nameOf = (el: Element) => norm(el.getAttribute('aria-label')) || norm(el.textContent);
    seen = controls.map(nameOf);
    found = controls.filter((el) => nameOf(el) === target.name);
  }
  if (found.length !== 1) return { problem: `${found.length}${target.region ? ` in "${target.region}"` : ''} shown ${target.kind === 'label' ? 'controls labelled' : 'buttons named'} "${target.name}" (shown: ${seen.map((s) => `"${s}"`).join(', ')})` };
  const mark = String(Date.now()) + String(Math.random()).slice(2, 8);
  (found[0] as HTMLElement).dataset.personTarget = mark;
  return { selector: `[data-person-target="${mark}"]` };
}

async function find(page: ExtPage, target: Target, timeoutMs: number): Promise<string> {
  let problem = '';
  return until(`${target.kind === 'label' ? 'the field labelled' : 'the button'} "${target.name}"${target.region ? ` in "${target.region}"` : ''}`, async () => {
    const result = await page.evaluateWith(markTarget, target);
    problem = result.problem ?? '';
    return result.selector;
  }, { timeoutMs, lastSeen: () => problem });
}

export interface FindOptions {
  /** The accessible name of the form or section it is in (when the page has two of the same name). */
  region?: string;
  timeoutMs?: number;
}

/** The form control whose visible label reads `label`. */
export function labelled(page: ExtPage, label: string, opts: FindOptions = {}): Promise<string> {
  return find(page, { kind: 'label', name: label, ...(opts.region === undefined ? {} : { region: opts.region }) }, opts.timeoutMs ?? 15_000);
}

/** The button, link or menu item whose accessible name is `name`. */
export function named(page: ExtPage, name: string, opts: FindOptions = {}): Promise<string> {
  return find(page, { kind: 'button', name, ...(opts.region === undefined ? {} : { region: opts.region }) }, opts.timeoutMs ?? 15_000);
}

/** Types `value` into the field labelled `label`. */
export async function fillIn(page: ExtPage, label: string, value: string, opts: FindOptions = {}): Promise<void> {
  await page.fill(await labelled(page, label, opts), value);
}

/** Presses the button (or link, menu item) named `name`. */
export async function press(page: ExtPage, name: string, opts: FindOptions = {}): Promise<void> {
  await page.click(await named(page, name, opts));
}
