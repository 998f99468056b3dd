/**
 * The browser-independent half of the i18n helper, so it can be tested in node.
 *
 * `browser.i18n.getMessage` returns '' for an unknown key; a page that silently shows nothing is
 * hard to debug, so a missing key renders as the key itself in brackets and is reported once.
 */
export type MessageLookup = (key: string, substitutions?: string[]) => string;

export function translator(lookup: MessageLookup): (key: string, ...substitutions: (string | number)[]) => string {
  const reported = new Set<string>();
  return (key, ...substitutions) => {
    // Chrome rejects more than nine substitutions; none of our messages needs that many.
    const subs = substitutions.map(String);
    const message = lookup(key, subs.length > 0 ? subs : undefined);
    if (message !== '') return message;
    if (!reported.has(key)) {
      reported.add(key);
      console.warn(`i18n: no message for key "${key}"`);
    }
    return `[${key}]`;
  };
}
