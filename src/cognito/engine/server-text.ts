// Strings that come from the server (ChallengeName, AvailableChallenges, MFA names, usernames)
// and end up in the engine's errors, events and prompts: cut to a bounded length and stripped of
// control characters, so a hostile endpoint can neither make the extension store and show
// megabytes nor forge extra lines in the progress log (issue 7 item 6).

/** The most characters of one server string the engine repeats in a message. */
export const SERVER_TEXT_MAX = 100;

/** How many items of a server list a message names. */
const LIST_MAX = 8;

/** `text` with control characters replaced, cut after SERVER_TEXT_MAX characters (saying how long it was). */
export function clip(text: string): string {
  const short = text.length <= SERVER_TEXT_MAX;
  let cut = short ? text : text.slice(0, SERVER_TEXT_MAX);
  // never end on half of a surrogate pair
  if (!short && /[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // eslint-disable-next-line no-control-regex
  cut = cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD');
  return short ? cut : `${cut}… (${text.length} characters)`;
}

/** A server list for a message: each item clipped, and at most LIST_MAX of them. */
export function clipList(items: readonly string[]): string {
  const shown = items.slice(0, LIST_MAX).map(clip).join(', ');
  return items.length > LIST_MAX ? `${shown}, … (${items.length} in all)` : shown;
}

/**
 * How many of a server's parameters a prompt shows (CUSTOM_CHALLENGE's public parameters): a
 * question needs a few; a hostile trigger's thousands would be stored with the prompt and drawn.
 */
export const PROMPT_PARAMETERS_MAX = 20;

/**
 * Server parameters for a prompt: the first PROMPT_PARAMETERS_MAX, each name and value clipped.
 * Built with Object.fromEntries (own data properties only), so a "__proto__" name stays a name.
 */
export function clipParameters(parameters: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(parameters).slice(0, PROMPT_PARAMETERS_MAX).map(([name, value]) => [clip(name), clip(value)]));
}
