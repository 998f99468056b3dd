// What the code-fill suites share: the content modules bundled for the page with esbuild (as the
// extension's build will bundle them), injected as a script, and asked through the probe.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { AppPage } from './browsers';
import type { DescribedTarget, ProbeSearch } from './code-fill-probe';
import type { FillHereOutcome } from '../../src/content/code-fill';

export type { ProbeSearch } from './code-fill-probe';

let bundle: Promise<string> | undefined;

/** The probe and src/content, one IIFE that sets `__codeFillProbe`. Built once per test file. */
export function probeBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./code-fill-probe.ts', import.meta.url))],
    bundle: true, format: 'iife', target: 'es2022', write: false, logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}

/** Adds the bundle to the page as a script element, as page.addScriptTag does. */
export async function injectProbe(page: AppPage): Promise<void> {
  const source = await probeBundle();
  await page.evaluate((text) => {
    const script = document.createElement('script');
    script.textContent = text;
    document.documentElement.append(script);
    script.remove();
  }, source);
}

type Probe = { find(): ProbeSearch; focused(): DescribedTarget | null; fill(code: string): FillHereOutcome };

export function findInPage(page: AppPage): Promise<ProbeSearch> {
  return page.evaluate(() => (globalThis as unknown as { __codeFillProbe: Probe }).__codeFillProbe.find(), null);
}

/** The target focusedCodeTarget takes (the context menu's field), or null. */
export function focusedInPage(page: AppPage): Promise<DescribedTarget | null> {
  return page.evaluate(() => (globalThis as unknown as { __codeFillProbe: Probe }).__codeFillProbe.focused(), null);
}

export function fillInPage(page: AppPage, code: string): Promise<FillHereOutcome> {
  return page.evaluate((value) => (globalThis as unknown as { __codeFillProbe: Probe }).__codeFillProbe.fill(value), code);
}

let reactBundle: Promise<string> | undefined;

/** Mounts ./react-code-field.tsx (React's production build) into the page's body. */
export async function showReactCodeField(page: AppPage): Promise<void> {
  reactBundle ??= build({
    entryPoints: [fileURLToPath(new URL('./react-code-field.tsx', import.meta.url))],
    bundle: true, format: 'iife', target: 'es2022', write: false, logLevel: 'silent', jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
  }).then((result) => result.outputFiles[0]!.text);
  const source = await reactBundle;
  await page.evaluate((text) => {
    document.body.innerHTML = '<div id="root"></div>';
    const script = document.createElement('script');
    script.textContent = text;
    document.documentElement.append(script);
    script.remove();
    (globalThis as unknown as { __mountReactCodeField(element: HTMLElement): void }).__mountReactCodeField(document.getElementById('root')!);
  }, source);
  await page.waitVisible('#react-code');
  await injectProbe(page);
}

/**
 * Replaces the page's body with `html` (a small document for one heuristic) and injects the probe.
 * Parsed with setHTMLUnsafe, which (unlike innerHTML) turns `<template shadowrootmode="open|closed">`
 * into its parent's shadow root: web components' fields without a component library.
 */
export async function showDocument(page: AppPage, html: string): Promise<void> {
  await page.evaluate((markup) => { document.body.setHTMLUnsafe(markup); }, html);
  await injectProbe(page);
}
