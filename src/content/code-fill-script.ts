// The code-fill content script (registered by src/background/fill/page-scripts.ts for the hosts
// of bound sites only, in every frame). It watches its own document for a one-time-code field
// and, once one shows, tells the background "this frame shows a code field"; it fills what the
// background sends back, or what the background sends later (popup, keyboard command, context
// menu). It knows no secret and names nothing: which frame, origin and tab it is, the background
// reads from the browser. Bundled on its own (vite.config.ts) so no page can load extension
// modules from it.
import browser from 'webextension-polyfill';
import type { ContentCommand, FillReport } from '../shared/code-fill-messages';
import { findCodeField, focusedCodeTarget, fillCode, type CodeTarget } from './code-fill';
import { openShadowRoots } from './shadow-trees';

/** Fields already reported: a field is announced once, not on every change of the page. */
const reported = new WeakSet<HTMLInputElement>();
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function firstField(target: CodeTarget): HTMLInputElement {
  return target.kind === 'single' ? target.field : target.boxes[0]!;
}

async function askForCode(retry: boolean): Promise<void> {
  let answer: ContentCommand | undefined;
  try {
    answer = await browser.runtime.sendMessage(retry ? { type: 'code-field', retry: true } : { type: 'code-field' }) as ContentCommand | undefined;
  } catch {
    return; // the extension was reloaded or removed: this script is an orphan
  }
  if (answer) obey(answer);
}

function obey(command: ContentCommand): FillReport | undefined {
  if (command.type === 'fill-code') return fillNow(command.code, command.submit, command.target);
  if (command.type === 'retry-after') {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void askForCode(true), Math.max(0, Math.min(command.retryInMs, 120_000)));
  }
  return undefined;
}

function fillNow(code: string, submit: boolean, where: 'found' | 'focused'): FillReport {
  let target: CodeTarget | undefined;
  if (where === 'focused') {
    target = focusedCodeTarget(document);
    if (!target) return { filled: false, reason: 'no-field' };
  } else {
    const search = findCodeField(document);
    if (search.found !== 'one') return { filled: false, reason: search.found === 'none' ? 'no-field' : 'ambiguous' };
    target = search.target;
  }
  const outcome = fillCode(target, code);
  if (!outcome.filled) return outcome;
  reported.add(firstField(target));
  // Submitted only when the person turned it on for this site; through the form's own submit
  // path (requestSubmit runs its validation and submit handlers, as pressing its button does).
  const form = firstField(target).form;
  if (submit && form) {
    form.requestSubmit();
    return { filled: true, submitted: true };
  }
  return { filled: true, submitted: false };
}

/** Looks for a code field; a new one (not reported before) is announced to the background. */
function look(): void {
  const search = findCodeField(document);
  if (search.found !== 'one') return;
  const field = firstField(search.target);
  if (reported.has(field)) return;
  reported.add(field);
  void askForCode(false);
}

// Runs once per document: the popup injects this script into a tab that was opened before its site
// was bound (enrolment from the page), and the registered one may run there too. The flag lives in
// this extension's isolated world, which the page cannot see or set.
const LOADED = Symbol.for('cognito-authenticator.code-fill');
const world = globalThis as { [LOADED]?: true };
if (!world[LOADED]) {
  world[LOADED] = true;
  // Messages come from this extension only (pages cannot reach a content script's onMessage).
  browser.runtime.onMessage.addListener((message: unknown) => {
    const command = message as ContentCommand;
    if (command?.type === 'fill-code' || command?.type === 'retry-after') return Promise.resolve(obey(command) ?? { filled: false, reason: 'no-field' });
    return undefined;
  });

  // Single-page apps draw their code step later: look again after changes, at most every 150 ms.
  // A web component redraws inside its shadow root, which an observer of the document does not
  // see: each open shadow root is observed too, from the first look that finds it.
  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; observeShadowRoots(); look(); }, 150);
  });
  const OBSERVED = { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'style', 'class', 'disabled', 'type'] };
  const observedRoots = new WeakSet<ShadowRoot>();
  const observeShadowRoots = () => {
    for (const root of openShadowRoots(document)) {
      if (observedRoots.has(root)) continue;
      observedRoots.add(root);
      observer.observe(root, OBSERVED);
    }
  };
  observer.observe(document, OBSERVED);
  observeShadowRoots();
  look();
}
