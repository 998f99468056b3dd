/**
 * Settings: auto-lock minutes, the default confirmation policy for new accounts, and the clock
 * offset in use (read-only: learnt from Cognito's Date header). Sends `set-settings`.
 */
import type { Settings } from '../../shared/messages';
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { checkboxField, inputField, selectField } from '../../ui/components/form-field';
import { statusLine } from '../../ui/components/status-line';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';

export function settingsSection(initial: Settings, onSaved: (settings: Settings) => void): HTMLElement {
  const autoLock = inputField({ id: 'auto-lock-minutes', label: t('autoLockLabel'), type: 'number', value: String(initial.autoLockMinutes), inputmode: 'numeric', hint: t('autoLockHint') });
  autoLock.input.min = '0';
  autoLock.input.max = String(24 * 60);
  const policy = selectField({ id: 'default-policy', label: t('defaultPolicyLabel'), value: initial.defaultPolicy.autoAnswer ? 'auto' : 'ask',
    choices: [{ value: 'auto', label: t('policyAuto') }, { value: 'ask', label: t('policyAsk') }], hint: t('defaultPolicyHint') });
  const remember = checkboxField({ id: 'default-remember-device', label: t('rememberDeviceLabel'), checked: initial.defaultPolicy.rememberDevice });
  const offset = h('output', { id: 'clock-offset', 'data-testid': 'clock-offset', 'data-offset-ms': initial.clockOffsetMs, text: clockOffsetText(initial.clockOffsetMs) });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'settings-save', text: t('saveSettings') });
  const status = statusLine('settings-result');
  const form = h('form', { id: 'settings-form', novalidate: true },
    autoLock.wrapper, policy.wrapper, remember.wrapper,
    h('div', { class: 'field' }, h('label', { for: 'clock-offset', text: t('clockOffsetLabel') }), offset, h('p', { class: 'hint', text: t('clockOffsetHint') })),
    h('div', { class: 'actions' }, submit), status.element);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    autoLock.setError(undefined);
    const minutes = Number(autoLock.input.value);
    if (!/^\d+$/.test(autoLock.input.value.trim()) || minutes > 24 * 60) {
      autoLock.setError(t('errorAutoLock'));
      return autoLock.input.focus();
    }
    submit.disabled = true;
    try {
      const { settings } = await ask({ type: 'set-settings', settings: {
        autoLockMinutes: minutes,
        defaultPolicy: { autoAnswer: policy.input.value === 'auto', rememberDevice: remember.input.checked },
      } });
      offset.textContent = clockOffsetText(settings.clockOffsetMs);
      status.show(t('settingsSaved'), 'success');
      onSaved(settings);
    } catch (error) {
      status.show(errorText(error), 'error');
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', { id: 'settings-section', 'aria-labelledby': 'settings-title' }, h('h2', { id: 'settings-title', text: t('settingsTitle') }), form);
}

function clockOffsetText(offsetMs: number): string {
  if (Math.abs(offsetMs) < 500) return t('clockInSync');
  const seconds = (Math.abs(offsetMs) / 1000).toFixed(1);
  return offsetMs > 0 ? t('clockBehind', seconds) : t('clockAhead', seconds);
}
