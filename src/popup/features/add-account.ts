/**
 * "Add account" in the popup, so a first account does not need the options page: paste an
 * otpauth:// link, or type a secret with its name and service. Both go to the background as one
 * `import` (the import pipeline, src/background/accounts/import-pipeline.ts): the secret typed
 * here is only put into an otpauth:// link, and every rule (base32, lengths, src/otp/limits.ts)
 * is checked there, once, with its problems worded by src/ui/import-problems.ts. Scanning the
 * tab's QR code stays beside it (./scan-tab.ts). A Cognito account needs more fields and the
 * endpoint permission: the panel links to the options form.
 */
import browser from 'webextension-polyfill';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { errorText } from '../../ui/components/error-text';
import { inputField } from '../../ui/components/form-field';
import { t } from '../../ui/i18n';
import { importProblemText } from '../../ui/import-problems';
import type { PopupContext } from '../popup-context';

/**
 * A typed secret as an otpauth:// link (TOTP, the Key Uri Format's defaults). Only encoding: the
 * import pipeline parses and judges it like any pasted link.
 */
export function typedSecretLink(secret: string, account: string, issuer: string): string {
  const label = issuer !== '' || account.includes(':') ? `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}` : encodeURIComponent(account);
  const params = new URLSearchParams({ secret: secret.replace(/\s+/g, '') });
  if (issuer !== '') params.set('issuer', issuer);
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}

export function addAccountSection(ctx: PopupContext): HTMLElement {
  const toggle = h('button', { type: 'button', id: 'popup-add-account', 'data-testid': 'popup-add-account', 'aria-expanded': 'false', 'aria-controls': 'add-account-panel', text: t('popupAddAccount') });
  const panel = h('div', { id: 'add-account-panel', class: 'add-account', hidden: true });
  const section = h('div', { class: 'add-account-section' }, toggle, panel);

  const close = () => {
    panel.hidden = true;
    replaceChildren(panel);
    toggle.setAttribute('aria-expanded', 'false');
  };
  toggle.addEventListener('click', () => {
    if (!panel.hidden) return close();
    replaceChildren(panel, addAccountForm(ctx, () => { close(); toggle.focus(); }));
    panel.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    panel.querySelector<HTMLElement>('input')?.focus();
  });
  return section;
}

function addAccountForm(ctx: PopupContext, onCancel: () => void): HTMLFormElement {
  const link = inputField({ id: 'add-otp-link', label: t('otpUriLabel'), type: 'password', placeholder: 'otpauth://totp/…', hint: t('popupAddLinkHint') });
  const secret = inputField({ id: 'add-otp-secret', label: t('otpSecretLabel'), type: 'password', hint: t('otpSecretHint') });
  const account = inputField({ id: 'add-otp-account', label: t('popupAddAccountName'), maxlength: 200 });
  const issuer = inputField({ id: 'add-otp-issuer', label: t('popupAddIssuer'), maxlength: 200 });
  const result = h('div', { id: 'add-otp-result', 'data-testid': 'add-otp-result', role: 'alert', hidden: true });
  // Not "Add account" again: that is the toggle's name, and two actions must not sound the same.
  const submit = h('button', { type: 'submit', class: 'primary', id: 'add-otp-submit', text: t('popupAddSave') });
  const cancel = h('button', { type: 'button', id: 'add-otp-cancel', text: t('cancel'), on: { click: onCancel } });
  const showResult = (...lines: string[]) => {
    replaceChildren(result, ...lines.map((line) => h('p', { class: 'error', text: line })));
    result.hidden = false;
  };

  const form = h('form', { id: 'add-otp-form', 'aria-labelledby': 'add-otp-title', novalidate: true },
    h('h2', { id: 'add-otp-title', text: t('popupAddTitle') }),
    link.wrapper,
    h('fieldset', {}, h('legend', { text: t('otpManualLegend') }), secret.wrapper, account.wrapper, issuer.wrapper),
    result,
    h('p', { class: 'hint' }, h('button', { type: 'button', class: 'link', id: 'add-cognito-in-options', text: t('popupAddCognito'),
      on: { click: () => void browser.runtime.openOptionsPage() } })),
    h('div', { class: 'actions' }, submit, cancel));
  form.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.stopPropagation(); onCancel(); } });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.hidden = true;
    const pasted = link.input.value.trim();
    const typed = secret.input.value.trim();
    if (pasted === '' && typed === '') {
      showResult(t('popupAddNothing'));
      link.input.focus();
      return;
    }
    const data = pasted !== '' ? pasted : typedSecretLink(typed, account.input.value.trim(), issuer.input.value.trim());
    submit.disabled = true;
    try {
      const imported = await ask({ type: 'import', data });
      if (imported.added > 0) {
        announce(t('accountAdded'));
        await ctx.refresh();
        return;
      }
      if (imported.problems.length > 0) showResult(...imported.problems.map(importProblemText));
      else showResult(t('errorAlreadyPresent'));
    } catch (error) {
      showResult(errorText(error));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
