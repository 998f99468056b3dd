// The rule for a new vault or backup password, shared by the pages (checked as it is typed) and
// the background (which enforces it). Apart from requests.ts so the pages do not load valibot.

/** The shortest new vault or backup password, in code points (what a person counts as characters). */
export const MIN_NEW_PASSWORD_LENGTH = 8;

export function isLongEnoughNewPassword(password: string): boolean {
  return [...password].length >= MIN_NEW_PASSWORD_LENGTH;
}
