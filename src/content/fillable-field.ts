// Whether a person could see and type into a field. A filler that writes into hidden fields is
// how a page harvests codes (a hidden duplicate, an off-screen copy, a field under aria-hidden),
// and a disabled or read-only field would silently keep its old value. Ancestors are walked in the
// flat tree, so a web component's host that is aria-hidden, inert or transparent hides the fields
// in its shadow root too (closest() and parentElement stop at the shadow root).
import { flatTreeParent } from './shadow-trees';

/** Input types a code can be typed into; others (checkbox, hidden, email, …) never hold one. */
const TEXT_TYPES = new Set(['text', 'tel', 'number', 'password', 'search', '']);

/** Below this opacity a field counts as invisible (KeePassXC-Browser used 0.7 against clickjacking). */
const MIN_OPACITY = 0.7;

export function isTextInput(input: HTMLInputElement): boolean {
  return TEXT_TYPES.has((input.getAttribute('type') ?? '').toLowerCase());
}

/** Enabled (itself and any fieldset around it) and not read-only. */
export function isEditable(input: HTMLInputElement): boolean {
  return !input.matches(':disabled') && !input.readOnly;
}

/** Rendered, on the page, big enough to click, and not hidden from assistive technology or inert. */
export function isVisible(input: HTMLInputElement): boolean {
  // display:none and visibility:hidden anywhere up the tree; content-visibility too.
  if (!input.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return false;
  const view = input.ownerDocument.defaultView;
  if (!view) return false;
  for (let element: Element | null = input; element; element = flatTreeParent(element)) {
    if (element.matches('[aria-hidden="true"], [inert]')) return false;
    if (Number(view.getComputedStyle(element).opacity) < MIN_OPACITY) return false;
  }
  const box = input.getBoundingClientRect();
  if (box.width < 2 || box.height < 2) return false;
  // Off the page's left or top edge, where pages park fields nobody should see (the classic
  // Hosted UI's duplicates): no scrolling brings them into view.
  if (box.right + view.scrollX <= 0 || box.bottom + view.scrollY <= 0) return false;
  return true;
}

/** A field a code may go into: a text input a person can see and edit. */
export function isFillable(input: HTMLInputElement): boolean {
  return isTextInput(input) && isEditable(input) && isVisible(input);
}
