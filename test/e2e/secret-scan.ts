/**
 * After each end-to-end scenario, every storage area is read and searched for the secrets the
 * scenario used. A secret may only ever be stored encrypted, so finding it (in any common
 * spelling) anywhere is a failure.
 */
import { expect } from 'vitest';

function spellings(secret: string): string[] {
  const variants = new Set([secret, secret.toLowerCase(), secret.toUpperCase(), JSON.stringify(secret).slice(1, -1)]);
  // A base32 TOTP secret is also worth looking for as the raw bytes' hex and base64.
  if (/^[A-Z2-7]+=*$/i.test(secret)) {
    try {
      const bytes = base32ToBytes(secret);
      variants.add(Buffer.from(bytes).toString('hex'));
      variants.add(Buffer.from(bytes).toString('base64'));
    } catch { /* not base32 after all */ }
  }
  return [...variants].filter((v) => v.length >= 6);
}

function base32ToBytes(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out: number[] = [];
  for (const c of s.toUpperCase().replace(/=+$/, '')) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error('not base32');
    value = (value << 5) | i; bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Uint8Array.from(out);
}

export function expectNoPlaintextSecrets(storage: Record<string, unknown>, secrets: Record<string, string>): void {
  const haystack = JSON.stringify(storage);
  const found: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    if (!secret) continue;
    for (const v of spellings(secret)) if (haystack.includes(v)) { found.push(name); break; }
  }
  expect(found, `secrets found in plaintext in extension storage: ${found.join(', ')}`).toEqual([]);
}

/**
 * What a web page itself holds after a scenario: its DOM as markup, its localStorage and
 * sessionStorage, and its cookies as scripts see them. Scanned like extension storage: a page
 * must never receive a secret (it may get codes and tokens, nothing else).
 */
export async function pageState(page: { evaluate<T>(fn: () => T | Promise<T>): Promise<T> }): Promise<Record<string, unknown>> {
  return page.evaluate(() => {
    const entries = (store: Storage) => Object.fromEntries(Array.from({ length: store.length }, (_, i) => store.key(i)!).map((k) => [k, store.getItem(k)]));
    // Input values typed by the page's person are properties, not markup: read them too, except
    // password fields (the person typed the password into the page itself).
    const values = [...document.querySelectorAll<HTMLInputElement>('input:not([type=password]), textarea')].map((i) => i.value);
    return { dom: document.documentElement.outerHTML, values, localStorage: entries(localStorage), sessionStorage: entries(sessionStorage), cookies: document.cookie };
  });
}
