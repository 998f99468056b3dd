/**
 * The pseudo-locale: English messages made to look foreign so that tests can see, on the pages
 * themselves, every string that did not come from _locales (it has no brackets) and every box too
 * narrow for a longer language (the text is about 40 % longer, as German and French often are).
 *
 * "Sign in to $account$" becomes "⟦Šîĝñ îñ ţö $account$ one two⟧": letters accented, padding
 * words added, and the whole message between ⟦ and ⟧. The brackets are not the [ ] that
 * src/ui/translator.ts puts around a missing key, so a missing message stays visible as one.
 * $placeholders$ are left exactly as they are, so substitutions still work.
 *
 * `npm run build:pseudo` builds dist/pseudo-chrome and dist/pseudo-firefox with these messages as
 * the only locale (vite.config.ts, PSEUDO_LOCALE=1); test/e2e/pseudo-locale.test.ts loads them.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';
/** The BCP 47 tag browsers use for the same idea (Chrome's "English (pseudo)"); the pages set it as lang. */
export const PSEUDO_LANGUAGE_TAG = 'en-XA';

const ACCENTED: Record<string, string> = Object.fromEntries([
  ...[...'abcdefghijklmnopqrstuvwxyz'].map((c, i) => [c, [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž'][i]!]),
  ...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
]);
const PADDING_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** How much longer a pseudo message is than its English text (placeholders not counted). */
export const EXPANSION = 0.4;

/** $name$ placeholders, which must reach the browser untouched. */
const PLACEHOLDER = /(\$[A-Za-z0-9_]+\$)/;

function padding(length: number): string {
  const words: string[] = [];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const word = PADDING_WORDS[i % PADDING_WORDS.length]!;
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ');
}

/** One message in the pseudo-locale; `expand: false` keeps the length (manifest fields with a size limit). */
export function pseudoLocalize(message: string, { expand = true } = {}): string {
  const parts = message.split(PLACEHOLDER);
  const accented = parts.map((part, i) => (i % 2 === 1 ? part : [...part].map((c) => ACCENTED[c] ?? c).join(''))).join('');
  const textLength = parts.filter((_, i) => i % 2 === 0).join('').length;
  const extra = Math.ceil(textLength * EXPANSION);
  return `${PSEUDO_OPEN}${accented}${expand && extra > 0 ? ` ${padding(extra - 1)}` : ''}${PSEUDO_CLOSE}`;
}

type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, unknown> }>;

/** Every en message in the pseudo-locale, placeholders blocks kept as they are. */
export function pseudoMessages(en: Messages): Messages {
  return Object.fromEntries(Object.entries(en).map(([key, entry]) => {
    // languageTag is data (the pages' lang attribute), not text; the Chrome Web Store caps the
    // manifest description at 132 characters, so it is accented but not lengthened.
    const message = key === 'languageTag' ? PSEUDO_LANGUAGE_TAG : pseudoLocalize(entry.message, { expand: key !== 'extDescription' });
    return [key, { ...entry, message }];
  }));
}

/**
 * Turns a finished build in `outDir` into the pseudo-locale build: _locales/en holds the pseudo
 * messages and every other language is removed, so the browser shows them whatever its language.
 */
export function pseudoLocalizeBuild(outDir: string): void {
  const locales = join(outDir, '_locales');
  for (const name of readdirSync(locales)) if (name !== 'en') rmSync(join(locales, name), { recursive: true });
  const file = join(locales, 'en', 'messages.json');
  const en = JSON.parse(readFileSync(file, 'utf8')) as Messages;
  writeFileSync(file, `${JSON.stringify(pseudoMessages(en), null, 2)}\n`);
}
