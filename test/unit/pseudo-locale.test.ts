// The pseudo-locale the pseudo-locale browser test runs on (scripts/pseudo-locale.ts): bracketed,
// accented, about 40 % longer, and every $placeholder$ of every en message left as it is.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPANSION, PSEUDO_CLOSE, PSEUDO_LANGUAGE_TAG, PSEUDO_OPEN, pseudoLocalize, pseudoMessages } from '../../scripts/pseudo-locale';

const root = resolve(import.meta.dirname, '../..');
const en = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const placeholders = (s: string) => [...s.matchAll(/\$[A-Za-z0-9_]+\$/g)].map((m) => m[0]);
const withoutPlaceholders = (s: string) => s.replace(/\$[A-Za-z0-9_]+\$/g, '');

describe('pseudoLocalize', () => {
  it('brackets and accents the text, keeps placeholders and lengthens it', () => {
    const out = pseudoLocalize('Sign in to $account$ now');
    expect(out.startsWith(PSEUDO_OPEN) && out.endsWith(PSEUDO_CLOSE)).toBe(true);
    expect(out).toContain('$account$');
    expect(out).toContain('Šîĝñ îñ ţö');
    expect(withoutPlaceholders(out).length).toBeGreaterThanOrEqual(withoutPlaceholders('Sign in to $account$ now').length * (1 + EXPANSION));
  });

  it('uses brackets other than the [key] a missing message shows', () => {
    expect(PSEUDO_OPEN).not.toBe('[');
    expect(PSEUDO_CLOSE).not.toBe(']');
  });

  it('can keep the length (the manifest description has a size limit)', () => {
    expect(pseudoLocalize('Abc', { expand: false })).toBe(`${PSEUDO_OPEN}Åƀç${PSEUDO_CLOSE}`);
  });
});

describe('pseudoMessages over every en message', () => {
  const pseudo = pseudoMessages(en);

  it('has every key, the same placeholders and placeholder blocks', () => {
    expect(Object.keys(pseudo)).toEqual(Object.keys(en));
    for (const [key, entry] of Object.entries(en)) {
      expect(placeholders(pseudo[key]!.message), key).toEqual(placeholders(entry.message));
      expect(pseudo[key]!.placeholders, key).toEqual(entry.placeholders);
    }
  });

  it('leaves no ASCII letter of the English text outside the padding words', () => {
    for (const [key, { message }] of Object.entries(pseudo)) {
      if (key === 'languageTag') continue;
      const text = withoutPlaceholders(message).replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten)\b/g, '');
      expect(text, key).not.toMatch(/[A-Za-z]/);
    }
  });

  it('names itself en-XA, and keeps the manifest description within the store limit of 132', () => {
    expect(pseudo.languageTag!.message).toBe(PSEUDO_LANGUAGE_TAG);
    expect(pseudo.extDescription!.message.length).toBeLessThanOrEqual(132);
  });
});
