// WCAG 2.1 contrast of the colour pairs the pages actually draw, in the light and the dark theme,
// computed from the custom properties in src/ui/styles.css (so changing a colour re-checks it).
// Text needs 4.5:1 (1.4.3); the focus ring and control borders need 3:1 against their
// background (1.4.11 non-text contrast).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(resolve(import.meta.dirname, '../../src/ui/styles.css'), 'utf8');

function customProperties(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+)\s*:\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

function themes(): { light: Record<string, string>; dark: Record<string, string> } {
  const root = css.match(/^:root\s*\{([^}]*)\}/m);
  const dark = css.match(/^:root\[data-theme="dark"\]\s*\{([^}]*)\}/m);
  if (!root || !dark) throw new Error('styles.css no longer has the :root and dark :root blocks this test reads');
  const light = customProperties(root[1]!);
  return { light, dark: { ...light, ...customProperties(dark[1]!) } };
}

/** Relative luminance (WCAG 2.1 definition, sRGB). */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** [foreground, background, why]: where each colour is used as text on which surface. */
const TEXT_PAIRS: [string, string, string][] = [
  ['fg', 'bg', 'body text'],
  ['fg', 'bg-raised', 'text in cards and buttons'],
  ['fg-muted', 'bg', 'hints, sub-lines, countdown'],
  ['fg-muted', 'bg-raised', 'hints inside cards'],
  ['accent', 'bg', 'links and link buttons'],
  ['accent', 'bg-raised', 'links inside cards'],
  ['accent-fg', 'accent', 'primary buttons'],
  ['danger', 'bg', 'errors, low countdown'],
  ['danger', 'bg-raised', 'danger buttons, errors in cards'],
  ['ok', 'bg', '"Copied", success lines'],
  ['ok', 'bg-raised', 'success lines in cards'],
  ['warn', 'bg', 'warnings'],
];
const NON_TEXT_PAIRS: [string, string, string][] = [
  ['focus', 'bg', 'focus ring'],
  ['focus', 'bg-raised', 'focus ring inside cards'],
  ['control-border', 'bg', 'input and button borders'],
  ['control-border', 'bg-raised', 'input and button borders in cards'],
];

describe('colour contrast', () => {
  const all = themes();

  it('reads both themes with every colour it checks (sanity check of the parser)', () => {
    for (const theme of Object.values(all)) {
      for (const [fg, bg] of [...TEXT_PAIRS, ...NON_TEXT_PAIRS]) {
        expect(theme[fg], fg).toMatch(/^#[0-9a-f]{6}$/);
        expect(theme[bg], bg).toMatch(/^#[0-9a-f]{6}$/);
      }
    }
    expect(all.dark.bg).not.toBe(all.light.bg);
  });

  it('computes the reference ratios (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const [name, theme] of Object.entries(all)) {
    for (const [fg, bg, why] of TEXT_PAIRS) {
      it(`${name}: --${fg} on --${bg} (${why}) is at least 4.5:1`, () => {
        expect(contrast(theme[fg]!, theme[bg]!)).toBeGreaterThanOrEqual(4.5);
      });
    }
    for (const [fg, bg, why] of NON_TEXT_PAIRS) {
      it(`${name}: --${fg} against --${bg} (${why}) is at least 3:1`, () => {
        expect(contrast(theme[fg]!, theme[bg]!)).toBeGreaterThanOrEqual(3);
      });
    }
  }
});
