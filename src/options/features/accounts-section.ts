/**
 * The accounts table: add (Cognito or plain OTP), edit, delete (with an inline confirmation, not
 * window.confirm, which automation and some screen readers handle badly), each account's sites
 * (./sites-panel.ts), export one account for another authenticator app (./account-export-panel.ts)
 * and, for Cognito accounts, their devices. Sends `list-accounts`, `delete-account`; the forms and
 * panels send the rest.
 */
import type { AccountSummary } from '../../shared/views';
import type { Policy } from '../../shared/requests';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { englishDetails, errorContent } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import type { OptionsContext } from '../options-context';
import { cognitoAccountForm } from './cognito-account-form';
import { sortUnreadable, type DamagedAccountRecord } from '../unreadable-records';
import type { VaultDamage } from '../../shared/vault-damage';
import { devicesPanel } from './devices-panel';
import { accountExportPanel } from './account-export-panel';
import { wipe } from '../../ui/lock-watch';
import { otpAccountForm } from './otp-account-form';
import { sitesPanel } from './sites-panel';

/** Why a stored record cannot be read, in words (a Record, so a new kind without its sentence does not compile). */
const VAULT_DAMAGE_SENTENCES: { readonly [D in VaultDamage]: () => string } = {
  'altered': () => t('vaultDamage_altered'),
  'not-json': () => t('vaultDamage_notJson'),
  'wrong-shape': () => t('vaultDamage_wrongShape'),
  'malformed': () => t('vaultDamage_malformed'),
};

export function accountsSection(ctx: OptionsContext, defaultPolicy: () => Policy): HTMLElement {
  const editor = h('div', { id: 'account-editor' });
  const table = h('div', { id: 'accounts-table' });
  const addCognito = h('button', { type: 'button', class: 'primary', id: 'add-cognito-account', 'data-testid': 'add-cognito-account', text: t('addCognitoAccount') });
  const addOtp = h('button', { type: 'button', id: 'add-otp-account', 'data-testid': 'add-otp-account', text: t('addOtpAccount') });
  const section = h('section', { id: 'accounts-section', 'aria-labelledby': 'accounts-title' },
    h('h2', { id: 'accounts-title', text: t('accountsTitle') }),
    h('div', { class: 'actions' }, addCognito, addOtp), editor, table);

  let returnFocusTo: HTMLElement | undefined;
  const closeEditor = (saved: boolean) => {
    replaceChildren(editor);
    if (saved) ctx.accountsChanged();
    returnFocusTo?.focus();
  };
  const openEditor = (form: HTMLElement, from: HTMLElement) => {
    returnFocusTo = from;
    replaceChildren(editor, form);
    form.scrollIntoView({ block: 'nearest' });
  };
  addCognito.addEventListener('click', () => openEditor(cognitoAccountForm({ defaultPolicy: defaultPolicy(), onDone: closeEditor }), addCognito));
  addOtp.addEventListener('click', () => openEditor(otpAccountForm({ defaultPolicy: defaultPolicy(), onDone: closeEditor }), addOtp));

  const load = async () => {
    try {
      const { accounts, unreadable } = await ask({ type: 'list-accounts' });
      const damaged = sortUnreadable(accounts.map((a) => a.id), unreadable);
      replaceChildren(table, accounts.length === 0
        ? h('p', { class: 'muted', 'data-testid': 'options-no-accounts', text: t('noAccountsOptions') })
        : h('table', { class: 'account-table' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('accountLabelLabel') }), h('th', { scope: 'col', text: t('accountTypeColumn') }), h('th', { scope: 'col', text: t('actionsColumn') }))),
          h('tbody', {}, ...[...accounts].sort((a, b) => a.label.localeCompare(b.label)).flatMap((account) => accountRows(account, damaged.onAccounts.get(account.id))))),
        damaged.orphans.length > 0 ? damagedTable(damaged.orphans) : null);
      openLinkedAccount();
    } catch (error) {
      replaceChildren(table, h('p', { class: 'error', role: 'alert' }, ...errorContent(error)));
    }
  };

  /**
   * The popup's row menu opens this page at one account (options.html#account=<id>&open=devices|edit):
   * that account's Devices or Edit is pressed once, as if the person had, so focus and Escape
   * behave as they do from here.
   */
  let linkHandled = false;
  function openLinkedAccount(): void {
    if (linkHandled) return;
    linkHandled = true;
    const link = new URLSearchParams(location.hash.slice(1));
    const id = link.get('account');
    const open = link.get('open');
    if (!id || (open !== 'devices' && open !== 'edit')) return;
    const row = [...table.querySelectorAll<HTMLElement>('[data-testid=options-account-row]')].find((r) => r.dataset.accountId === id);
    const button = row?.querySelector<HTMLButtonElement>(open === 'devices' ? '[data-testid=show-devices]' : '[data-testid=edit-account]');
    if (!row || !button) return;
    row.scrollIntoView({ block: 'start' });
    button.click();
    if (open === 'devices') button.focus();
  }

  /** Records the background cannot read: their id, why, and a way to remove them. */
  function damagedTable(records: DamagedAccountRecord[]): HTMLElement {
    return h('div', { class: 'damaged-records', 'data-testid': 'unreadable-records' },
      h('h3', { id: 'unreadable-title', text: t('unreadableTitle') }),
      h('p', { class: 'hint', text: t('unreadableIntro') }),
      h('table', { class: 'account-table', 'aria-labelledby': 'unreadable-title' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('unreadableIdColumn') }), h('th', { scope: 'col', text: t('unreadableReasonColumn') }), h('th', { scope: 'col', text: t('actionsColumn') }))),
        h('tbody', {}, ...records.map((record) => {
          const name = t('unreadableRecordName', record.id);
          const remove = h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-unreadable', text: t('delete'), 'aria-label': t('deleteNamed', name) });
          const actions = h('td', { class: 'actions-cell' }, remove);
          remove.addEventListener('click', () => confirmDelete(record.id, name, actions, remove));
          return h('tr', { 'data-testid': 'unreadable-row', 'data-account-id': record.id },
            h('td', { class: 'mono', text: record.id }),
            h('td', {}, h('div', { class: 'warning', 'data-testid': 'unreadable-reason', text: t('unreadableAccountReason') }), ...damageLines(record)),
            actions);
        }))));
  }

  /** Why a record could not be read, in the person's language, then the background's English details. */
  function damageLines(record: DamagedAccountRecord): HTMLElement[] {
    return [...record.damage.map((d) => h('div', { 'data-testid': 'unreadable-damage', 'data-damage': d, text: VAULT_DAMAGE_SENTENCES[d]() })), englishDetails(record.details)];
  }

  /** `damage`: a companion record of this (readable) account that could not be read. */
  function accountRows(account: AccountSummary, damage: DamagedAccountRecord | undefined): HTMLElement[] {
    const detailsRow = h('tr', { hidden: true }, h('td', { colspan: 3 }));
    const edit = h('button', { type: 'button', 'data-testid': 'edit-account', text: t('edit'), 'aria-label': t('editNamed', account.label) });
    edit.addEventListener('click', () => openEditor(account.kind === 'cognito'
      ? cognitoAccountForm({ existing: account, defaultPolicy: defaultPolicy(), onDone: closeEditor })
      : otpAccountForm({ existing: account, defaultPolicy: defaultPolicy(), onDone: closeEditor }), edit));
    const remove = h('button', { type: 'button', class: 'danger', 'data-testid': 'delete-account', text: t('delete'), 'aria-label': t('deleteNamed', account.label) });
    const actions = h('td', { class: 'actions-cell' }, edit, remove);
    remove.addEventListener('click', () => confirmDelete(account.id, account.label, actions, remove));
    const sitesRow = h('tr', { hidden: true, 'data-testid': 'sites-row' }, h('td', { colspan: 3 }));
    const sites = h('button', { type: 'button', 'data-testid': 'show-sites', 'aria-expanded': 'false',
      text: `${t('sites')} (${account.sites.length})`, 'aria-label': t('sitesOf', account.label) });
    sites.addEventListener('click', () => {
      const open = sitesRow.hidden;
      sitesRow.hidden = !open;
      sites.setAttribute('aria-expanded', String(open));
      replaceChildren(sitesRow.firstElementChild!, open ? sitesPanel(account) : null);
    });
    actions.append(sites);
    if (account.kind === 'cognito') {
      const devices = h('button', { type: 'button', 'data-testid': 'show-devices', 'aria-expanded': 'false', text: t('devices'), 'aria-label': t('devicesOf', account.label) });
      devices.addEventListener('click', () => {
        const open = detailsRow.hidden;
        detailsRow.hidden = !open;
        devices.setAttribute('aria-expanded', String(open));
        replaceChildren(detailsRow.firstElementChild!, open ? devicesPanel(account.id, account.label, account.tokensExpireAt !== undefined) : null);
      });
      actions.append(devices);
    }
    // Export: its own row under the account, so it and the devices panel can be open together.
    const exportRow = h('tr', { hidden: true }, h('td', { colspan: 3 }));
    const exportButton = h('button', { type: 'button', 'data-testid': 'export-account', 'aria-expanded': 'false', text: t('exportAccount'), 'aria-label': t('exportAccountOf', account.label) });
    const closeExport = () => {
      exportRow.hidden = true;
      exportButton.setAttribute('aria-expanded', 'false');
      wipe(exportRow.firstElementChild as HTMLElement); // the secret goes with the panel
      exportButton.focus();
    };
    exportButton.addEventListener('click', () => {
      if (!exportRow.hidden) return closeExport();
      exportRow.hidden = false;
      exportButton.setAttribute('aria-expanded', 'true');
      replaceChildren(exportRow.firstElementChild!, accountExportPanel(account, closeExport));
    });
    actions.insertBefore(exportButton, remove);
    const kind = account.kind === 'cognito' ? t('accountTypeCognito', account.userPoolId) : t(account.kind === 'totp' ? 'otpTypeTotp' : 'otpTypeHotp');
    const sub = account.kind === 'cognito' ? account.username : account.issuer;
    return [
      h('tr', { 'data-testid': 'options-account-row', 'data-account-id': account.id },
        h('td', {}, h('div', { text: account.label }), sub ? h('div', { class: 'muted', text: sub }) : null,
          ...(damage ? [h('div', { class: 'warning', 'data-testid': 'account-record-warning', text: t('unreadableTokensReason') }), ...damageLines(damage)] : [])),
        h('td', { class: 'muted', text: kind }),
        actions),
      sitesRow,
      detailsRow,
      exportRow,
    ];
  }

  function confirmDelete(id: string, label: string, cell: HTMLElement, trigger: HTMLElement): void {
    const previous = [...cell.childNodes];
    const yes = h('button', { type: 'button', class: 'danger', 'data-testid': 'confirm-delete', text: t('confirmDelete'), 'aria-label': t('confirmDeleteNamed', label) });
    const no = h('button', { type: 'button', 'data-testid': 'cancel-delete', text: t('keep') });
    no.addEventListener('click', () => {
      cell.replaceChildren(...previous);
      trigger.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await ask({ type: 'delete-account', id });
        announce(t('accountDeleted', label));
        ctx.accountsChanged();
        addCognito.focus();
      } catch (error) {
        cell.replaceChildren(...previous, h('p', { class: 'error', role: 'alert' }, ...errorContent(error)));
      }
    });
    cell.replaceChildren(h('span', { text: t('deleteQuestion') }), ' ', yes, no);
    no.focus();
  }

  ctx.onAccountsChanged(() => void load());
  void load();
  return section;
}
