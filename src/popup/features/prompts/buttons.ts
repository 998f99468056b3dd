import { h } from '../../../ui/dom';
import { t } from '../../../ui/i18n';

export function submitButton(label = t('continue'), id = 'prompt-submit'): HTMLButtonElement {
  return h('button', { type: 'submit', class: 'primary', id, 'data-testid': id, text: label });
}
