/**
 * Encrypted backups: export (`export-backup` with a password typed twice, downloaded as a file)
 * and import (`import` with format 'backup', the file's text and its password).
 */
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { inputField } from '../../ui/components/form-field';
import { errorText } from '../../ui/components/error-text';
import { newPasswordFields } from '../../ui/components/new-password-fields';
import { statusLine, type StatusLine } from '../../ui/components/status-line';
import { t } from '../../ui/i18n';
import { backupFileName } from '../../ui/import-format';
import type { OptionsContext } from '../options-context';
import { runImport, showImportOutcome } from './import-runner';

/** Backup files are small JSON; anything bigger than this is not one of ours. */
const MAX_BACKUP_BYTES = 8 * 1024 * 1024;

export function backupSection(ctx: OptionsContext): HTMLElement {
  return h('section', { id: 'backup-section', 'aria-labelledby': 'backup-title' },
    h('h2', { id: 'backup-title', text: t('backupTitle') }),
    exportForm(),
    importForm(ctx));
}

function exportForm(): HTMLElement {
  const { password, confirm, check } = newPasswordFields({
    passwordId: 'export-password', confirmId: 'export-confirm', label: t('backupPasswordLabel'), hint: t('backupPasswordHint'),
  });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'export-submit', text: t('exportButton') });
  const status = statusLine('export-result');
  const form = h('form', { id: 'export-form', class: 'card', novalidate: true, 'aria-labelledby': 'export-title' },
    h('h3', { id: 'export-title', text: t('exportTitle') }), password.wrapper, confirm.wrapper,
    h('div', { class: 'actions' }, submit), status.element);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!check()) return;
    status.show(t('exporting'), 'progress');
    void reportOutcome(submit, status, async () => {
      const { file } = await ask({ type: 'export-backup', password: password.input.value });
      download(file, backupFileName(new Date()));
      password.input.value = '';
      confirm.input.value = '';
      return { message: t('exportDone'), ok: true };
    });
  });
  return form;
}

function importForm(ctx: OptionsContext): HTMLElement {
  const file = h('input', { type: 'file', id: 'backup-file', 'data-testid': 'backup-file', accept: 'application/json,.json', required: true });
  const fileError = h('p', { class: 'hint error', id: 'backup-file-error', role: 'alert', hidden: true });
  file.setAttribute('aria-describedby', fileError.id);
  const password = inputField({ id: 'backup-password', label: t('backupPasswordLabel'), type: 'password', autocomplete: 'off', required: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'backup-import-submit', text: t('importBackupButton') });
  const status = statusLine('backup-import-result');
  const problems = h('div', { id: 'backup-import-problems-slot' });
  const form = h('form', { id: 'backup-import-form', class: 'card', novalidate: true, 'aria-labelledby': 'backup-import-title' },
    h('h3', { id: 'backup-import-title', text: t('importBackupTitle') }),
    h('div', { class: 'field' }, h('label', { for: 'backup-file', text: t('backupFileLabel') }), file, fileError),
    password.wrapper, h('div', { class: 'actions' }, submit), status.element, problems);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fileError.hidden = true;
    password.setError(undefined);
    const chosen = file.files?.[0];
    if (!chosen || chosen.size > MAX_BACKUP_BYTES) {
      fileError.textContent = chosen ? t('errorBackupTooLarge') : t('errorChooseFile');
      fileError.hidden = false;
      return file.focus();
    }
    if (password.input.value === '') {
      password.setError(t('errorRequired'));
      return password.input.focus();
    }
    void (async () => {
      submit.disabled = true;
      try {
        const outcome = await runImport(await chosen.text(), password.input.value);
        showImportOutcome(outcome, status, problems, 'backup-import-problems');
        if (outcome.ok && outcome.added > 0) ctx.accountsChanged();
        if (outcome.ok) password.input.value = '';
      } catch (error) {
        status.show(errorText(error), 'error');
      } finally {
        submit.disabled = false;
      }
    })();
  });
  return form;
}

/** Runs one backup operation with its button disabled and shows how it ended under the form. */
async function reportOutcome(submit: HTMLButtonElement, status: StatusLine, run: () => Promise<{ message: string; ok: boolean }>): Promise<void> {
  submit.disabled = true;
  try {
    const outcome = await run();
    status.show(outcome.message, outcome.ok ? 'success' : 'error');
  } catch (error) {
    status.show(errorText(error), 'error');
  } finally {
    submit.disabled = false;
  }
}

/** Saves text as a file through a temporary object URL; no downloads permission needed. */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const anchor = h('a', { href: url, download: name, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoke later: the download may not have read the blob yet when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
