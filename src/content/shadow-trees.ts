// A document as the code finder reads it: the document's own tree plus every open shadow root in
// it, nested ones too. Web components (Lit, Stencil, hand-written custom elements) put their form,
// and so the one-time-code field, inside a shadow root, where document.querySelectorAll, closest()
// and a document-wide MutationObserver do not reach.
//
// Closed shadow roots are left alone: `element.shadowRoot` is null for them, which is what the
// web platform gives any script outside the component. (Extensions have a way in of their own,
// chrome.dom.openOrClosedShadowRoot / Firefox's element.openOrClosedShadowRoot; it is not used: a
// component that closes its root says its inside is nobody's business, and a field the finder
// cannot see with the page's own eyes is not one it should guess about.)

/** A tree the finder searches: the document, or an open shadow root inside it. */
export type SearchRoot = Document | ShadowRoot;

/** Every element of `root` and of the open shadow roots under it, a host's shadow tree right after the host. */
function elementsOf(root: SearchRoot, out: Element[], roots: ShadowRoot[]): void {
  for (const element of Array.from(root.querySelectorAll('*'))) {
    out.push(element);
    const shadow = element.shadowRoot; // open roots only (see above)
    if (shadow) {
      roots.push(shadow);
      elementsOf(shadow, out, roots);
    }
  }
}

/** The inputs of `doc` and of its open shadow roots, in tree order (a shadow tree's at its host). */
export function inputsIn(doc: Document): HTMLInputElement[] {
  const elements: Element[] = [];
  elementsOf(doc, elements, []);
  return elements.filter((element): element is HTMLInputElement => element.localName === 'input' && element.namespaceURI === 'http://www.w3.org/1999/xhtml');
}

/** The open shadow roots in `doc`, nested ones included (what a MutationObserver must watch besides the document). */
export function openShadowRoots(doc: Document): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  elementsOf(doc, [], roots);
  return roots;
}

/**
 * The element's parent as rendering and accessibility see it (the flat tree): the slot a host's
 * child is assigned to, else its parent element, else, at the top of a shadow tree, the host.
 * aria-hidden, inert and opacity on a host apply to what its shadow tree shows.
 */
export function flatTreeParent(element: Element): Element | null {
  if (element.assignedSlot) return element.assignedSlot;
  if (element.parentElement) return element.parentElement;
  const parent = element.parentNode;
  return parent && parent.nodeType === 11 && 'host' in parent ? (parent as ShadowRoot).host : null;
}

/** The element that has the focus, inside open shadow roots too (document.activeElement stops at the outermost host). */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Where ids in `node`'s attributes (aria-labelledby) refer to: its own tree, shadow root or document. */
export function idScopeOf(node: Element): Pick<Document, 'getElementById'> {
  const root = node.getRootNode();
  return root.nodeType === 9 || root.nodeType === 11 ? (root as SearchRoot) : node.ownerDocument;
}
