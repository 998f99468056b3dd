/**
 * The search box above the account list. `/` anywhere in the popup focuses it (the convention of
 * Authenticator and GitHub); Escape clears it; Enter moves to the first matching code.
 */
import { h } from '../../ui/dom';
import { t } from '../../ui/i18n';

export interface SearchBox {
  element: HTMLElement;
  input: HTMLInputElement;
  /** Stops the global `/` shortcut. */
  dispose(): void;
}

export function createSearchBox(onQuery: (query: string) => void, onEnter: () => void): SearchBox {
  const input = h('input', {
    id: 'search', type: 'search', 'data-testid': 'search', autocomplete: 'off', spellcheck: 'false',
    placeholder: t('searchPlaceholder'), 'aria-label': t('searchLabel'), 'aria-keyshortcuts': '/',
  });
  input.addEventListener('input', () => onQuery(input.value));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && input.value !== '') {
      // Clear first; a second Escape closes the popup as usual.
      event.preventDefault();
      event.stopPropagation();
      input.value = '';
      onQuery('');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      onEnter();
    }
  });
  const onSlash = (event: KeyboardEvent) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
    event.preventDefault();
    input.focus();
  };
  document.addEventListener('keydown', onSlash);
  return { element: h('div', { role: 'search' }, input), input, dispose: () => document.removeEventListener('keydown', onSlash) };
}
