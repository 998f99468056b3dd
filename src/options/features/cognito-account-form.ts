/**
 * Add or edit a Cognito account. Sends `add-account` / `update-account`. When a custom endpoint
 * is entered, the host permission for it is requested first, straight from the submit handler:
 * browsers only show the permission prompt during a user gesture, and Firefox loses the gesture
 * at the first await, so nothing is awaited before `permissions.request`. Before that, while the
 * endpoint is typed, a note under it names the origin the browser will be asked for and that the
 * grant covers every port of that host (match patterns have no port).
 */
import browser from 'webextension-polyfill';
import type { AccountSummary } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { checkboxField, inputField, selectField } from '../../ui/components/form-field';
import { t } from '../../ui/i18n';
import { accountEndpointPermission, cognitoInputFromForm, cognitoPatchFromForm, endpointPermission, type CognitoEditValues } from '../account-form-model';
import { accountFormFrame, showErrors, type AccountFormOptions } from './account-form-frame';
import { poolConfigFill } from './pool-config-fill';

/** The pool id field's example of the shape (a placeholder, not words: translate="no"). */
const USER_POOL_ID_EXAMPLE = 'eu-west-1_AbCdEf123';

type CognitoSummary = Extract<AccountSummary, { kind: 'cognito' }>;

export function cognitoAccountForm(options: AccountFormOptions<CognitoSummary>): HTMLFormElement {
  const existing = options.existing;
  const policy = existing?.policy ?? options.defaultPolicy;
  const keepHint = t('secretKeepHint');
  const fields = {
    label: inputField({ id: 'cognito-label', label: t('accountLabelLabel'), value: existing?.label, hint: existing ? undefined : t('accountLabelHint'), maxlength: 200 }),
    userPoolId: inputField({ id: 'cognito-user-pool-id', label: t('userPoolIdLabel'), value: existing?.userPoolId, required: true, placeholder: USER_POOL_ID_EXAMPLE, hint: t('userPoolIdHint') }),
    clientId: inputField({ id: 'cognito-client-id', label: t('clientIdLabel'), value: existing?.clientId, required: true, maxlength: 128, hint: t('clientIdHint') }),
    clientSecret: inputField({ id: 'cognito-client-secret', label: t('clientSecretLabel'), type: 'password', hint: existing?.hasClientSecret ? keepHint : t('clientSecretHint'), maxlength: 64 }),
    endpoint: inputField({ id: 'cognito-endpoint', label: t('endpointLabel'), type: 'url', value: existing?.endpoint, placeholder: 'http://127.0.0.1:9229/', hint: t('endpointHint') }),
    username: inputField({ id: 'cognito-username', label: t('usernameLabel'), value: existing?.username, required: true, autocomplete: 'off', maxlength: 128, hint: t('usernameHint') }),
    password: inputField({ id: 'cognito-password', label: t('savedPasswordLabel'), type: 'password', autocomplete: 'new-password', hint: existing?.hasPassword ? keepHint : t('savedPasswordHint') }),
    totpSecret: inputField({ id: 'cognito-totp-secret', label: t('cognitoTotpSecretLabel'), type: 'password', hint: existing?.hasTotpSecret ? keepHint : t('cognitoTotpSecretHint') }),
  };
  const access = endpointAccessNote(fields.endpoint.input);
  fields.endpoint.wrapper.append(access);
  // Pool and client identify the account; changing them makes a different account.
  if (existing) {
    fields.userPoolId.input.readOnly = true;
    fields.clientId.input.readOnly = true;
  }
  const policySelect = selectField({
    id: 'cognito-policy', label: t('policyLabel'), value: policy.autoAnswer ? 'auto' : 'ask',
    choices: [{ value: 'auto', label: t('policyAuto') }, { value: 'ask', label: t('policyAsk') }], hint: t('policyHint'),
  });
  const rememberDevice = checkboxField({ id: 'cognito-remember-device', label: t('rememberDeviceLabel'), checked: policy.rememberDevice, hint: t('rememberDeviceHint') });
  const forget = existing ? {
    clientSecret: existing.hasClientSecret ? checkboxField({ id: 'cognito-forget-client-secret', label: t('forgetClientSecret'), checked: false }) : undefined,
    password: existing.hasPassword ? checkboxField({ id: 'cognito-forget-password', label: t('forgetSavedPassword'), checked: false }) : undefined,
    totpSecret: existing.hasTotpSecret ? checkboxField({ id: 'cognito-forget-totp-secret', label: t('forgetTotpSecret'), checked: false }) : undefined,
  } : undefined;

  const frame = accountFormFrame('cognito', existing !== undefined, options.onDone);

  const form = h('form', { id: 'cognito-form', class: 'card', novalidate: true, 'aria-labelledby': 'cognito-form-title' },
    h('h3', { id: 'cognito-form-title', text: existing ? t('editAccountTitle', existing.label) : t('addCognitoTitle') }),
    // A new account can start from an Amplify file or an address; an existing one's pool is fixed.
    existing ? null : poolConfigFill((values, hints) => {
      for (const [field, value] of Object.entries(values) as [keyof typeof values, string][]) {
        fields[field].input.value = value;
        fields[field].input.dispatchEvent(new Event('input'));
        fields[field].setError(undefined);
      }
      // The region a Hosted UI domain names, as the pool id's example; the generic one otherwise.
      fields.userPoolId.input.placeholder = hints.userPoolId ?? USER_POOL_ID_EXAMPLE;
    }),
    h('fieldset', {}, h('legend', { text: t('poolLegend') }),
      h('div', { class: 'grid-2' }, fields.userPoolId.wrapper, fields.clientId.wrapper),
      fields.clientSecret.wrapper, forget?.clientSecret?.wrapper, fields.endpoint.wrapper),
    h('fieldset', {}, h('legend', { text: t('userLegend') }),
      h('div', { class: 'grid-2' }, fields.username.wrapper, fields.label.wrapper),
      fields.password.wrapper, forget?.password?.wrapper, fields.totpSecret.wrapper, forget?.totpSecret?.wrapper),
    h('fieldset', {}, h('legend', { text: t('policyLegend') }), policySelect.wrapper, rememberDevice.wrapper),
    frame.formError,
    frame.actions);
  frame.closeOnEscape(form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values: CognitoEditValues = {
      label: fields.label.input.value, userPoolId: fields.userPoolId.input.value, clientId: fields.clientId.input.value,
      clientSecret: fields.clientSecret.input.value, endpoint: fields.endpoint.input.value, username: fields.username.input.value,
      password: fields.password.input.value, totpSecret: fields.totpSecret.input.value,
      autoAnswer: policySelect.input.value === 'auto', rememberDevice: rememberDevice.input.checked,
      forgetClientSecret: forget?.clientSecret?.input.checked ?? false,
      forgetPassword: forget?.password?.input.checked ?? false,
      forgetTotpSecret: forget?.totpSecret?.input.checked ?? false,
    };
    for (const field of Object.values(fields)) field.setError(undefined);
    frame.clearFormError();
    let send: () => Promise<unknown>;
    if (existing) {
      const checked = cognitoPatchFromForm(values, existing);
      if (!checked.ok) return showErrors(fields, checked.errors);
      send = () => ask({ type: 'update-account', id: existing.id, patch: checked.value });
    } else {
      const checked = cognitoInputFromForm(values);
      if (!checked.ok) return showErrors(fields, checked.errors);
      send = () => ask({ type: 'add-account', account: checked.value });
    }
    // Must be the first asynchronous call in the handler (see the file comment). Exactly the
    // endpoint's host is asked for; a listed Cognito host is already granted and resolves at once.
    const endpoint = values.endpoint.trim();
    const permission = accountEndpointPermission(endpoint, existing?.userPoolId ?? values.userPoolId);
    const granted = permission?.ok ? browser.permissions.request({ origins: [permission.pattern] }) : Promise.resolve(true);
    void frame.save(async () => {
      if (!(await granted)) {
        fields.endpoint.setError(t('errorPermissionDenied', permission?.ok ? permission.origin : endpoint));
        fields.endpoint.input.focus();
        return false;
      }
      await send();
    });
  });

  queueMicrotask(() => (existing ? fields.label.input : fields.userPoolId.input).focus());
  return form;
}

/**
 * The line under the endpoint field that names, before anything is sent, the origin the browser
 * will be asked to allow and what the grant covers; empty while nothing needs asking.
 */
function endpointAccessNote(input: HTMLInputElement): HTMLElement {
  const note = h('p', { class: 'hint', id: 'cognito-endpoint-access', 'data-testid': 'endpoint-access', 'aria-live': 'polite' });
  const update = () => {
    const value = input.value.trim();
    const permission = value === '' ? undefined : endpointPermission(value);
    note.textContent = permission?.ok && permission.asks ? t('endpointAccessNote', permission.origin, permission.host) : '';
    note.hidden = note.textContent === '';
  };
  input.addEventListener('input', update);
  input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${note.id}`.trim());
  update();
  return note;
}
