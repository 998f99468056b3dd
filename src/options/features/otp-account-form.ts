/**
 * Add a plain TOTP/HOTP account (from an otpauth:// link, or typed by hand), or rename one.
 * Sends `import` (format otpauth) for a link, `add-account` for typed fields, `update-account` on edit.
 */
import type { AccountSummary } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { inputField, selectField } from '../../ui/components/form-field';
import { t } from '../../ui/i18n';
import { clockOffsetFromForm, otpInputFromForm } from '../account-form-model';
import { MAX_CLOCK_OFFSET_SECONDS } from '../../shared/requests';
import { detectOtpTextFormat } from '../../otp/import/detect';
import { accountFormFrame, showErrors, type AccountFormOptions } from './account-form-frame';

type OtpSummary = Extract<AccountSummary, { kind: 'totp' | 'hotp' }>;

export function otpAccountForm(options: AccountFormOptions<OtpSummary>): HTMLFormElement {
  const existing = options.existing;
  const uri = inputField({ id: 'otp-uri', label: t('otpUriLabel'), type: 'password', placeholder: 'otpauth://totp/…', hint: t('otpUriHint') });
  const type = selectField({ id: 'otp-type', label: t('otpTypeLabel'), value: existing?.kind ?? 'totp',
    choices: [{ value: 'totp', label: t('otpTypeTotp') }, { value: 'hotp', label: t('otpTypeHotp') }] });
  const fields = {
    label: inputField({ id: 'otp-label', label: t('accountLabelLabel'), value: existing?.label, required: true, maxlength: 200 }),
    issuer: inputField({ id: 'otp-issuer', label: t('issuerLabel'), value: existing?.issuer, maxlength: 200 }),
    secret: inputField({ id: 'otp-secret', label: t('otpSecretLabel'), type: 'password', required: true, hint: t('otpSecretHint') }),
    algorithm: selectField({ id: 'otp-algorithm', label: t('algorithmLabel'), value: existing?.algorithm ?? 'SHA1',
      choices: ['SHA1', 'SHA256', 'SHA512'].map((a) => ({ value: a, label: a })) }),
    digits: inputField({ id: 'otp-digits', label: t('digitsLabel'), type: 'number', value: String(existing?.digits ?? 6), inputmode: 'numeric' }),
    period: inputField({ id: 'otp-period', label: t('periodLabel'), type: 'number', value: String(existing?.kind === 'totp' ? existing.period : 30), inputmode: 'numeric' }),
    counter: inputField({ id: 'otp-counter', label: t('counterLabel'), type: 'number', value: String(existing?.kind === 'hotp' ? existing.counter : 0), inputmode: 'numeric' }),
    // TOTP only, and editable later: codes that keep arriving early or late are noticed in use.
    clockOffset: inputField({ id: 'otp-clock-offset', label: t('otpClockOffsetLabel'), type: 'text', maxlength: 6,
      value: existing?.kind === 'totp' && existing.clockOffsetSeconds !== undefined ? String(existing.clockOffsetSeconds) : '',
      hint: t('otpClockOffsetHint', String(MAX_CLOCK_OFFSET_SECONDS)) }),
  };
  const syncType = () => {
    fields.period.wrapper.hidden = type.input.value !== 'totp';
    fields.counter.wrapper.hidden = type.input.value !== 'hotp';
    fields.clockOffset.wrapper.hidden = type.input.value !== 'totp';
  };
  type.input.addEventListener('change', syncType);
  syncType();
  if (existing) {
    // The secret and kind of an existing account stay as they are; only its presentation changes.
    type.input.disabled = true;
    fields.secret.wrapper.hidden = true;
    for (const f of [fields.algorithm, fields.digits, fields.period, fields.counter]) f.wrapper.hidden = true;
  }

  const frame = accountFormFrame('otp', existing !== undefined, options.onDone);
  const manual = h('fieldset', {}, h('legend', { text: existing ? t('otpEditLegend') : t('otpManualLegend') }),
    type.wrapper,
    h('div', { class: 'grid-2' }, fields.label.wrapper, fields.issuer.wrapper),
    fields.secret.wrapper,
    h('div', { class: 'grid-2' }, fields.algorithm.wrapper, fields.digits.wrapper, fields.period.wrapper, fields.counter.wrapper),
    fields.clockOffset.wrapper);
  const form = h('form', { id: 'otp-form', class: 'card', novalidate: true, 'aria-labelledby': 'otp-form-title' },
    h('h3', { id: 'otp-form-title', text: existing ? t('editAccountTitle', existing.label) : t('addOtpTitle') }),
    existing ? null : h('fieldset', {}, h('legend', { text: t('otpUriLegend') }), uri.wrapper),
    manual, frame.formError, frame.actions);
  frame.closeOnEscape(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const f of [uri, ...Object.values(fields)]) f.setError(undefined);
    frame.clearFormError();
    let send: () => Promise<unknown>;
    const link = uri.input.value.trim();
    if (existing) {
      const label = fields.label.input.value.trim();
      if (label === '') return showErrors(fields, { label: 'errorRequired' });
      const issuer = fields.issuer.input.value.trim();
      const offset = existing.kind === 'totp' ? clockOffsetFromForm(fields.clockOffset.input.value) : undefined;
      if (offset && !offset.ok) return showErrors(fields, { clockOffset: 'errorClockOffset' });
      const clockPatch = offset?.ok ? { clockOffsetSeconds: offset.seconds ?? null } : {};
      send = () => ask({ type: 'update-account', id: existing.id, patch: { label, issuer: issuer === '' ? null : issuer, ...clockPatch } });
    } else if (link !== '') {
      if (detectOtpTextFormat(link) !== 'otpauth') return showErrors({ uri }, { uri: 'errorOtpauthUri' });
      send = async () => {
        const { added } = await ask({ type: 'import', data: link });
        // The background skips an account it already has; say so instead of claiming success.
        if (added === 0) throw new Error(t('errorAlreadyPresent'));
      };
    } else {
      const checked = otpInputFromForm({
        type: type.input.value === 'hotp' ? 'hotp' : 'totp', label: fields.label.input.value, issuer: fields.issuer.input.value,
        secret: fields.secret.input.value, algorithm: fields.algorithm.input.value, digits: fields.digits.input.value,
        period: fields.period.input.value, counter: fields.counter.input.value, clockOffset: fields.clockOffset.input.value,
      });
      if (!checked.ok) return showErrors(fields, checked.errors);
      send = () => ask({ type: 'add-account', account: checked.value });
    }
    await frame.save(async () => { await send(); });
  });
  queueMicrotask(() => (existing ? fields.label.input : uri.input).focus());
  return form;
}
