/**
 * The search box of the account list: every word typed must appear somewhere in the account's
 * label, issuer or username, ignoring case and accents ("jose" finds "José").
 */

export interface Searchable {
  label: string;
  issuer?: string | undefined;
  username?: string | undefined;
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

export function matchesQuery(item: Searchable, query: string): boolean {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = fold([item.label, item.issuer ?? '', item.username ?? ''].join(' '));
  return words.every((word) => haystack.includes(word));
}

export function filterByQuery<T extends Searchable>(items: readonly T[], query: string): T[] {
  return items.filter((item) => matchesQuery(item, query));
}
