/**
 * Code fill and "Sign in this tab" against the app's own sign-in with the code typed (issue 9,
 * "Demo and bench"), in Chromium with the packaged zip, the Amplify UI test app (web-apps/) and
 * the local pool: (a) code field appearing → code filled by the extension, median ms; (b) "Sign in
 * this tab" → app signed in and (c) the app's own sign-in with the code typed by the bench, in
 * pool requests and ms, with the code-filled sign-in beside them. The runs: ./page/measure.ts.
 * Needs `npm run package` and `npm run build:web-apps`.
 */
import { measurePage, type PagePath, type PathRun } from './page/measure';
import { median, printTable, ratio } from './table';

const RUNS = 7;
const ms = (n: number) => `${n.toFixed(0)} ms`;

const LABELS: Record<PagePath, string> = {
  typed: "(c) app's own sign-in, code typed by the bench",
  fill: "app's own sign-in, code filled (and submitted) by the extension",
  tab: '(b) "Sign in this tab" → app signed in',
};

/** The calls of the runs, named once with their count, when every run made the same ones. */
function callsOf(runs: PathRun[]): string {
  const first = runs[0]?.calls.join(', ') ?? '';
  return runs.every((r) => r.calls.join(', ') === first) ? first : 'varied between runs';
}

export async function run(runs = RUNS): Promise<void> {
  const m = await measurePage(runs);
  const fills = m.fieldToFilledMs;
  printTable(`(a) code field appeared → code filled by the extension (Amplify UI TOTP step, bound site, automatic fill; page clock, n=${fills.length})`,
    ['measure', 'median', 'min', 'max'],
    [['field appeared → filled', ms(median(fills)), ms(Math.min(...fills)), ms(Math.max(...fills))]]);

  const typed = m.runs.typed;
  const typedMs = median(typed.map((r) => r.ms));
  const typedCalls = median(typed.map((r) => r.calls.length));
  printTable(`sign-in paths, from the press (Sign in / the request) to the app showing the user with its attributes (median of ${runs})`,
    ['path', 'pool requests', 'ms', 'requests vs (c)', 'ms vs (c)'],
    (['typed', 'fill', 'tab'] as const).map((path) => {
      const r = m.runs[path];
      const calls = median(r.map((x) => x.calls.length));
      const time = median(r.map((x) => x.ms));
      return [LABELS[path], String(calls), ms(time), ratio(calls, typedCalls), ratio(time, typedMs)];
    }));
  console.log('');
  for (const path of ['typed', 'fill', 'tab'] as const) console.log(`${path}: ${callsOf(m.runs[path])}`);
}
