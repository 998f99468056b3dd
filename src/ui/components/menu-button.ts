/**
 * A menu button (WAI-ARIA APG "menu button"): a button with aria-haspopup="menu" that opens a
 * list of role="menuitem" buttons. Enter, Space or ArrowDown open it on the first item, ArrowUp on
 * the last; ArrowUp/ArrowDown/Home/End move between items; Escape closes it and gives focus back
 * to the button; Tab or a click elsewhere closes it. Choosing an item closes the menu and returns
 * focus to the button before the action runs, so an action that moves focus elsewhere still can.
 */
import { h } from '../dom';

export interface MenuItem {
  /** data-testid of the item, for tests and for callers that remove it later. */
  testid: string;
  label: string;
  /** Read after the label by screen readers (aria-description); what the item does, when the label alone does not say. */
  description?: string;
  run(): void | Promise<void>;
}

export interface MenuButton {
  element: HTMLElement;
  button: HTMLButtonElement;
  /** Takes an item out (e.g. Sign out once signed out); the button hides when none is left. */
  remove(testid: string): void;
}

let menuCount = 0;

/**
 * Shifts an open menu sideways so it stays inside the page: it is aligned to its button's end, and
 * a button that wrapped to the start of a line (narrow popup, long translations) would otherwise
 * push a wide menu past the page's left edge.
 */
function keepInside(menu: HTMLElement): void {
  menu.style.removeProperty('translate');
  const rect = menu.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const shift = rect.left < 0 ? -rect.left : rect.right > width ? width - rect.right : 0;
  if (shift !== 0) menu.style.setProperty('translate', `${shift}px 0`);
}

export function menuButton(options: { label: string; text: string; testid: string; items: MenuItem[] }): MenuButton {
  const id = `menu-${++menuCount}`;
  const button = h('button', {
    type: 'button', class: 'menu-button', id: `${id}-button`, 'data-testid': options.testid,
    'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': id, 'aria-label': options.label,
  }, h('span', { 'aria-hidden': 'true', text: options.text }));
  const menu = h('ul', { class: 'menu', role: 'menu', id, 'aria-labelledby': button.id, hidden: true });
  const element = h('div', { class: 'menu-holder' }, button, menu);
  const items = (): HTMLButtonElement[] => [...menu.querySelectorAll<HTMLButtonElement>('[role=menuitem]')];

  for (const item of options.items) {
    const entry = h('button', {
      type: 'button', role: 'menuitem', tabindex: '-1', 'data-testid': item.testid, text: item.label,
      'aria-description': item.description,
      on: { click: () => {
        close(true);
        void item.run();
      } },
    });
    menu.append(h('li', { role: 'none' }, entry));
  }
  button.hidden = options.items.length === 0;

  function open(focusLast = false): void {
    const list = items();
    if (list.length === 0) return;
    menu.hidden = false;
    keepInside(menu);
    button.setAttribute('aria-expanded', 'true');
    (focusLast ? list[list.length - 1] : list[0])!.focus();
    document.addEventListener('pointerdown', onOutside, true);
  }

  function close(returnFocus: boolean): void {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onOutside, true);
    if (returnFocus) button.focus();
  }

  function onOutside(event: Event): void {
    if (!element.contains(event.target as Node)) close(false);
  }

  button.addEventListener('click', () => (menu.hidden ? open() : close(true)));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      open(event.key === 'ArrowUp');
    }
  });
  menu.addEventListener('keydown', (event) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown': next = (at + 1) % list.length; break;
      case 'ArrowUp': next = (at - 1 + list.length) % list.length; break;
      case 'Home': next = 0; break;
      case 'End': next = list.length - 1; break;
      case 'Escape':
        event.preventDefault();
        // The popup's own Escape (clear the search, leave a view) must not also fire.
        event.stopPropagation();
        close(true);
        return;
      case 'Tab':
        close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    list[next]?.focus();
  });

  return {
    element,
    button,
    remove(testid) {
      menu.querySelector(`[data-testid="${testid}"]`)?.parentElement?.remove();
      if (items().length === 0) {
        close(false);
        button.hidden = true;
      }
    },
  };
}
