/**
 * An account's sites (issue 9, "Sites"): each exact origin it is bound to, with its two switches
 * (submit after filling, watch sign-ins; both off unless turned on) and Remove, and a field to
 * add a site by its address. Adding asks for the site's host permission in the click
 * (permissions.request must come before anything is awaited). Removing gives the grant back
 * once nothing else uses the host (the background decides: src/background/sites/host-grants.ts).
 *
 * Sends `bind-site`, `update-site`, `unbind-site`; the list comes from `list-accounts` (`sites`).
 */
import { isExactOrigin, originOf, type SiteBinding, type SiteFlags } from '../../shared/site-binding';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { inputField } from '../../ui/components/form-field';
import { statusLine } from '../../ui/components/status-line';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import { requestSiteAccess, siteAccessGranted, siteAccessWarning } from '../../ui/components/site-access';

/** The switches, in the order shown, each with its label. */
const SWITCHES: readonly { flag: keyof SiteFlags; label: () => string }[] = [
  { flag: 'submitAfterFill', label: () => t('siteSubmitAfterFill') },
  { flag: 'observeSignIn', label: () => t('siteObserveSignIn') },
];

export function sitesPanel(account: { id: string; label: string; sites: readonly SiteBinding[] }): HTMLElement {
  const accountId = account.id;
  const list = h('div', {});
  const status = statusLine(`sites-status-${accountId}`);
  const address = inputField({ id: `add-site-${accountId}`, label: t('addSiteLabel'), hint: t('addSiteHint'), type: 'url',
    placeholder: 'https://', testid: 'add-site-origin', maxlength: 300 });
  const add = h('button', { type: 'submit', 'data-testid': 'add-site', text: t('addSite') });
  const form = h('form', { class: 'add-site', novalidate: true }, address.wrapper, h('div', { class: 'actions' }, add));
  const panel = h('div', { class: 'sites', 'data-testid': 'sites-panel', role: 'group', 'aria-label': t('sitesOf', account.label) },
    list, form, status.element);

  const draw = (sites: readonly SiteBinding[]) => replaceChildren(list, sites.length === 0
    ? h('p', { class: 'muted', 'data-testid': 'sites-none', text: t('sitesNone') })
    : h('ul', { class: 'site-list' }, ...sites.map(siteRow)));

  function siteRow(site: SiteBinding): HTMLElement {
    const remove = h('button', { type: 'button', class: 'danger', 'data-testid': 'remove-site', text: t('removeSite'),
      'aria-label': t('removeSiteNamed', site.origin, account.label) });
    remove.addEventListener('click', () => void change(remove, async () => {
      draw((await ask({ type: 'unbind-site', accountId, origin: site.origin })).sites);
      announce(t('siteRemoved', site.origin));
    }));
    const switches = SWITCHES.map(({ flag, label }) => {
      const input = h('input', { type: 'checkbox', 'data-testid': `site-${flag}` });
      input.checked = site[flag];
      input.addEventListener('change', () => {
        void change(input, async () => {
          draw((await ask({ type: 'update-site', accountId, origin: site.origin, flags: { [flag]: input.checked } })).sites);
          announce(t('siteUpdated', site.origin));
        });
      });
      return h('label', { class: 'inline' }, input, label());
    });
    const row = h('li', { class: 'row', 'data-testid': 'site-row', 'data-origin': site.origin },
      h('span', { class: 'grow mono', 'data-testid': 'site-origin', text: site.origin }), ...switches, remove);
    // A binding the browser gives no access to (refused, revoked, or back from a backup) says so, with the way to allow it.
    void siteAccessGranted(site.origin).then((granted) => {
      if (granted) return;
      const warning = siteAccessWarning({ origin: site.origin, onGranted: () => warning.remove(),
        say: (message, isError) => status.show(message, isError ? 'error' : 'success') });
      row.append(warning);
    });
    return row;
  }

  /** Runs a change with its control disabled; a refusal is shown under the list. */
  async function change(control: HTMLButtonElement | HTMLInputElement, run: () => Promise<void>): Promise<void> {
    control.disabled = true;
    try {
      await run();
      status.element.hidden = true;
    } catch (error) {
      status.show(errorText(error), 'error');
      control.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    address.setError(undefined);
    const typed = address.input.value.trim();
    // A bare host is taken as https (what a person copies from the address bar may lack the scheme).
    const origin = originOf(/^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`);
    if (!typed || origin === undefined || !isExactOrigin(origin)) {
      address.setError(t('siteInvalidOrigin'));
      return address.input.focus();
    }
    add.disabled = true;
    // Asked first, with nothing awaited before it: the browser only grants in the click's turn.
    const granted = requestSiteAccess(origin);
    void (async () => {
      try {
        if (!(await granted)) return status.show(t('thisTabPermissionRefused', origin), 'error');
        draw((await ask({ type: 'bind-site', accountId, origin })).sites);
        address.input.value = '';
        status.show(t('siteBound', account.label, origin), 'success');
      } catch (error) {
        status.show(errorText(error), 'error');
      } finally {
        add.disabled = false;
      }
    })();
  });

  draw(account.sites);
  return panel;
}
