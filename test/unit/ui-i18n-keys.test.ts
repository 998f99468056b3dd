// Every string the pages show comes from _locales/en/messages.json: this test finds the keys the
// UI code uses and fails when one is missing (the page would show "[key]") or when a message is
// defined but nothing uses it any more.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMPT_KINDS } from '../../src/shared/requests';

const root = resolve(import.meta.dirname, '../..');
const messages = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ext) : ext.test(name) ? [path] : [];
  });
}

const uiDirs = ['src/popup', 'src/options', 'src/ui', 'src/welcome'].map((d) => join(root, d));
// The background words what it shows itself (notifications) through `ports.message('key', …)`.
const backgroundCode = files(join(root, 'src/background'), /\.ts$/).map((f) => readFileSync(f, 'utf8')).join('\n');
const code = uiDirs.flatMap((d) => files(d, /\.ts$/)).map((f) => readFileSync(f, 'utf8')).join('\n');
const html = uiDirs.flatMap((d) => files(d, /\.html$/)).map((f) => readFileSync(f, 'utf8')).join('\n');
// The background words what the browser shows for it (the context-menu entry) with getMessage,
// and the manifest names its strings (commands) as __MSG_key__.
const background = files(join(root, 'src/background'), /\.ts$/).map((f) => readFileSync(f, 'utf8')).join('\n');
const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');

function usedKeys(): Set<string> {
  const keys = new Set<string>();
  const add = (re: RegExp) => { for (const m of code.matchAll(re)) for (const k of m.slice(1)) if (k) keys.add(k); };
  add(/\bt\(\s*'([A-Za-z0-9_]+)'/g);                                   // t('key', …)
  add(/\bt\(\s*[^;()]*?\?\s*'([A-Za-z0-9_]+)'\s*:\s*'([A-Za-z0-9_]+)'/g); // t(cond ? 'a' : 'b')
  add(/'(error[A-Z][A-Za-z0-9]*)'/g);                                  // error keys handed to t() later
  for (const m of backgroundCode.matchAll(/\bmessage\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
  // The toolbar badge's title lines (src/background/badge.ts, its `t` is browser.i18n.getMessage).
  for (const m of backgroundCode.matchAll(/\bt\(\s*'(badge[A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
  for (const m of html.matchAll(/data-i18n(?:-[a-z-]+)?="([^"]+)"/g)) keys.add(m[1]!);
  for (const m of background.matchAll(/getMessage\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
  for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) keys.add(m[1]!);
  for (const level of ['too_short', 'weak', 'fair', 'strong']) keys.add(`strength_${level}`);
  for (const kind of PROMPT_KINDS) keys.add(`promptKind_${kind.replace(/-/g, '_')}`);
  return keys;
}

describe('UI messages', () => {
  const used = usedKeys();

  it('finds the keys the UI uses (sanity check of the scanner)', () => {
    expect(used.size).toBeGreaterThan(150);
    expect(used).toContain('flowSignedIn');
    expect(used).toContain('smsCodeSentTo');
  });

  it('defines every key the UI uses', () => {
    const missing = [...used].filter((key) => !(key in messages));
    expect(missing).toEqual([]);
  });

  it('uses every key it defines (besides manifest strings and dynamic name tables)', () => {
    const dynamic = /^(extName|extDescription|attribute_\w+|challenge_\w+)$/;
    const unused = Object.keys(messages).filter((key) => !used.has(key) && !dynamic.test(key));
    expect(unused).toEqual([]);
  });

  it('declares every $placeholder$ a message uses, numbered from $1', () => {
    for (const [key, { message, placeholders = {} }] of Object.entries(messages)) {
      const named = [...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase());
      expect(new Set(named), key).toEqual(new Set(Object.keys(placeholders).map((p) => p.toLowerCase())));
      const contents = Object.values(placeholders).map((p) => p.content).sort();
      expect(contents, key).toEqual(contents.map((_, i) => `$${i + 1}`));
    }
  });
});

/**
 * Messages that are intentionally the same as English in a language: words that language
 * borrowed ("Code", "Import", "Sections", "Backup", "Sites"), or the product's name where the language
 * puts no word between "Authenticator" and "Amazon Cognito" (the stores list it by that name:
 * test/unit/store-ready.test.ts). Anything else equal to English is a string nobody translated.
 */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  de: ['deliveredCodeLabel', 'challenge_SOFTWARE_TOKEN_MFA', 'attribute_name', 'importTitle', 'configRegion', 'serviceAndAccount', 'flowDetails'],
  fr: ['optionsNavLabel', 'sites', 'serviceAndAccount'],
  es: ['serviceAndAccount'],
  ja: ['extName'],
  pt_BR: ['backupTitle', 'sites', 'serviceAndAccount'],
  zh_CN: ['extName'],
};

/** Product and protocol names no translation may change: where en has one, every language has it. */
const KEPT_NAMES = ['Amazon Cognito', 'Cognito', 'TOTP', 'HOTP', 'SRP', 'otpauth://', 'otpauth-migration://', 'Aegis', 'Google', 'AWS'];

// The browser picks _locales/<its language>/ when it exists; a translation that lacks a key, has
// one too many, or drops a placeholder would show "[key]", stale text or a literal "$account$".
describe('translations', () => {
  const localesDir = join(root, 'public/_locales');
  const locales = readdirSync(localesDir).filter((name) => name !== 'en');
  const placeholderShape = (entry: { message: string; placeholders?: Record<string, { content: string }> }) => ({
    used: [...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort(),
    declared: Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content])),
  });

  it('has the languages the README lists', () => {
    expect(locales.sort()).toEqual(expect.arrayContaining(['de', 'es', 'fr', 'ja', 'pt_BR', 'zh_CN']));
  });

  for (const locale of locales) {
    const translated = JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8')) as typeof messages;

    it(`${locale}: has exactly the keys of en`, () => {
      expect(Object.keys(translated).sort()).toEqual(Object.keys(messages).sort());
    });

    it(`${locale}: uses and declares the same placeholders as en, for the same arguments`, () => {
      for (const [key, entry] of Object.entries(messages)) {
        const mine = translated[key];
        if (!mine) continue; // reported by the key test above
        expect(placeholderShape(mine), `${locale}/${key}`).toEqual(placeholderShape(entry));
      }
    });

    it(`${locale}: is a translation (languageTag names it, no message left empty)`, () => {
      expect(translated.languageTag?.message).toBe(locale.replace('_', '-'));
      for (const [key, entry] of Object.entries(translated)) expect(entry.message.trim(), `${locale}/${key}`).not.toBe('');
      // A message left in English would pass the key checks; every one must differ from en unless
      // it is listed below as the same word in that language too.
      const allowed = new Set(SAME_AS_ENGLISH[locale] ?? []);
      const same = Object.keys(messages).filter((key) => translated[key]?.message === messages[key]!.message && !allowed.has(key));
      expect(same, `${locale}: messages identical to English and not listed in SAME_AS_ENGLISH`).toEqual([]);
    });

    it(`${locale}: keeps product and protocol names as they are`, () => {
      for (const [key, entry] of Object.entries(messages)) {
        const mine = translated[key];
        if (!mine) continue;
        for (const name of KEPT_NAMES) {
          if (entry.message.includes(name)) expect(mine.message, `${locale}/${key} must keep "${name}"`).toContain(name);
        }
      }
    });
  }
});
