// Bundled for the page by the code-fill suites (never shipped): the content modules as they are,
// plus a probe that answers in plain data (field ids) so a test can ask from outside the page.
import { fillCodeHere, findCodeField, focusedCodeTarget, type CodeTarget } from '../../src/content/code-fill';

export interface DescribedTarget { kind: 'single' | 'split'; fields: string[] }
export type ProbeSearch =
  | { found: 'none' }
  | { found: 'one'; target: DescribedTarget }
  | { found: 'ambiguous'; candidates: DescribedTarget[] };

const nameOf = (field: HTMLInputElement) => field.id || field.name || '(unnamed)';
const described = (target: CodeTarget): DescribedTarget =>
  target.kind === 'split' ? { kind: 'split', fields: target.boxes.map(nameOf) } : { kind: 'single', fields: [nameOf(target.field)] };

function find(): ProbeSearch {
  const search = findCodeField(document);
  if (search.found === 'one') return { found: 'one', target: described(search.target) };
  if (search.found === 'ambiguous') return { found: 'ambiguous', candidates: search.candidates.map(described) };
  return search;
}

/** What the context menu's "Fill code" would fill: the focused field, or null. */
function focused(): DescribedTarget | null {
  const target = focusedCodeTarget(document);
  return target ? described(target) : null;
}

(globalThis as { __codeFillProbe?: unknown }).__codeFillProbe = { find, focused, fill: (code: string) => fillCodeHere(document, code) };
