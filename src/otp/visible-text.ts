/**
 * Visible text: what a person reads of an account (labels, issuers, account names, usernames) and
 * of an error about an input (a quoted value, an entry's name). Pure, at the bottom of src/otp.
 */

// The one rule of visible text (labels, issuers, account names, usernames), at every way in:
// refused are C0 and C1 controls, DEL, the Unicode line/paragraph separators (they corrupt lists
// when displayed) and the bidirectional formatting characters (ALM, LRM, RLM, the embeddings and
// overrides LRE-RLO, the isolates LRI-PDI): U+202E makes "moc.elgoog" read as "google.com" and
// reorders the text around it, so a hostile QR code or file could name an account as another
// ("Trojan Source", CVE-2021-42574). Right-to-left scripts display right without them.
// (Also the rule of every label of the message schema, src/shared/account-schema.ts.)
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

const NOT_SHOWN = new RegExp(`${CONTROL_CHARS.source}|\\p{Surrogate}`, 'gu');

/**
 * Untrusted text (a value from a file, a QR code, a link) as it may appear inside a message:
 * cut to `max` characters, and every character the rule above refuses (and a surrogate left
 * alone by the cut) shown as U+FFFD, so a hostile name can neither reorder nor break the line
 * it is quoted in.
 */
export function shownText(value: string, max: number): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return cut.replace(NOT_SHOWN, '\uFFFD');
}
