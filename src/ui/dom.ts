/**
 * Builds DOM nodes without innerHTML: the pages run under `script-src 'self'` and web-ext lint
 * flags innerHTML, and building nodes keeps untrusted text (account names, server messages)
 * from ever being parsed as markup.
 */

export type Child = Node | string | number | null | undefined | false;
type Listener = (event: Event) => void;

/**
 * Properties for `h()`: `class`, `text`, `on` (event listeners), `dataset`, and any other
 * attribute (`true` sets it empty, `false`/`null`/`undefined` leaves it out).
 */
export interface Props {
  class?: string;
  text?: string;
  on?: Partial<Record<keyof HTMLElementEventMap, Listener>>;
  dataset?: Record<string, string>;
  [attribute: string]: unknown;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = String(value);
    else if (name === 'text') el.textContent = String(value);
    else if (name === 'on') {
      for (const [type, listener] of Object.entries(value as Record<string, Listener>)) el.addEventListener(type, listener);
    } else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** SVG needs its own namespace; only the countdown ring uses it. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Record<string, string | number> = {}, ...children: SVGElement[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  el.append(...children);
  return el;
}

export function append(parent: ParentNode, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Replaces everything inside `parent` with `children`. */
export function replaceChildren(parent: ParentNode, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The page has no element #${id}`);
  return el as T;
}
