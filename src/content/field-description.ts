// What a field says about itself, gathered from every place a page may put it: attributes,
// labels, aria and (for boxes of a split code) the group around them. Page-controlled text, used
// only for matching words: it is never shown and never leaves the content script.
import { idScopeOf } from './shadow-trees';

/** Text (as written) of the attributes and labels that describe `input`, one string per source. */
export function describeField(input: HTMLInputElement): string[] {
  // aria-labelledby's ids are looked up in the field's own tree (a shadow root keeps its own ids).
  const scope = idScopeOf(input);
  const parts: string[] = [];
  for (const name of ['name', 'id', 'class', 'title', 'placeholder', 'aria-label', 'autocomplete'])
    parts.push(input.getAttribute(name) ?? '');
  for (const attribute of Array.from(input.attributes))
    if (attribute.name.startsWith('data-')) parts.push(attribute.value);
  // Labels by for=, by wrapping, and by aria-labelledby.
  for (const label of Array.from(input.labels ?? [])) parts.push(label.textContent ?? '');
  for (const id of (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean))
    parts.push(scope.getElementById(id)?.textContent ?? '');
  return parts.filter((part) => part.trim() !== '');
}

/**
 * The text of the group around a run of boxes: a split code's boxes are labelled "Digit 1" and
 * so on, and what they are for is said once, by the fieldset's legend or the group's label.
 */
export function describeGroup(first: HTMLInputElement): string[] {
  const parts: string[] = [];
  const fieldset = first.closest('fieldset');
  if (fieldset) parts.push(fieldset.querySelector('legend')?.textContent ?? '', fieldset.getAttribute('aria-label') ?? '');
  const group = first.closest('[role="group"]');
  if (group) parts.push(group.getAttribute('aria-label') ?? '');
  return parts.filter((part) => part.trim() !== '');
}

/** The description with separators removed, for the compound words ("one-time code" → "onetimecode"). */
export function squeezed(parts: readonly string[]): string {
  return parts.join(' ').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The description's whole words, camelCase split ("totpCode" → "totp", "code"). */
export function wordsOf(parts: readonly string[]): Set<string> {
  const words = parts
    .join(' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter(Boolean));
}
