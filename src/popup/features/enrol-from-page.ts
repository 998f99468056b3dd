/**
 * "Use this extension as the authenticator" (issue 9 item 4), an entry of the "This tab" panel
 * (./this-tab.ts) on every web page: for a TOTP set-up screen (Amplify UI's, or any page showing an
 * otpauth QR code).
 *
 * Nothing runs in the page until the person accepts: whether it shows a set-up is not asked of the
 * page (a probe would put an extension script into every page the popup is opened on); the click
 * captures the visible tab and decodes its QR code here (./tab-qr-scan.ts, the one decoder), so the
 * secret never comes from the page's DOM, and a page without an otpauth TOTP QR code gets a message. The person confirms what will be added
 * and where (Cancel has the focus: a page chooses what its QR says); in that click the site's host
 * permission is asked, the code-fill script is put into the tab (opened before the site was bound,
 * it has none; the script runs once per document), and the background adds the account through
 * the import rules, binds it to the origin and fills the verification code through code fill
 * (`enrol-from-page`), which marks the step used.
 */
import browser from 'webextension-polyfill';
import { CODE_FILL_SCRIPT_PATH } from '../../shared/code-fill-messages';
import { requestSiteAccess } from '../../ui/components/site-access';
import type { ImportPreviewItem } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import { QrDecodeError } from '../../ui/qr-decode';
import type { ThisTab } from './this-tab';

export function enrolFromPage(tab: ThisTab): HTMLElement {
  const block = h('div', { class: 'this-tab-enrol', 'data-testid': 'enrol-from-page' });
  const button = h('button', { type: 'button', class: 'primary', 'data-testid': 'enrol-start', text: t('enrolFromPage') });
  const confirmation = h('div', { role: 'group', 'aria-labelledby': 'enrol-confirm-title', 'data-testid': 'enrol-confirm', hidden: true });
  block.append(button, confirmation);

  const close = () => { confirmation.hidden = true; replaceChildren(confirmation); button.disabled = false; };

  function confirm(data: string, account: ImportPreviewItem): void {
    const accept = h('button', { type: 'button', class: 'primary', 'data-testid': 'enrol-confirm-accept', text: t('enrolConfirmAccept') });
    const cancel = h('button', { type: 'button', 'data-testid': 'enrol-confirm-cancel', text: t('cancel') });
    const name = [account.issuer, account.account].filter(Boolean).join(' · ');
    replaceChildren(confirmation,
      h('p', { id: 'enrol-confirm-title', 'data-testid': 'enrol-confirm-text', text: t('enrolConfirmTitle', name, tab.origin) }),
      h('div', { class: 'actions' }, accept, cancel));
    confirmation.hidden = false;
    // Not on the accepting button: Enter or a stray click must not enrol.
    cancel.focus();
    cancel.addEventListener('click', () => { close(); tab.say(t('enrolCancelled')); button.focus(); });
    accept.addEventListener('click', () => {
      accept.disabled = true;
      cancel.disabled = true;
      // Asked first, with nothing awaited before it: the browser only grants in the click's turn.
      const granted = requestSiteAccess(tab.origin);
      void (async () => {
        try {
          if (!(await granted)) return tab.say(t('thisTabPermissionRefused', tab.origin), true);
          await browser.scripting.executeScript({ target: { tabId: tab.tabId }, files: [CODE_FILL_SCRIPT_PATH] });
          const { label, result } = await ask({ type: 'enrol-from-page', tabId: tab.tabId, origin: tab.origin, data });
          await tab.redraw();
          const filled = result.status === 'filled';
          const message = filled ? t('enrolDone', label, tab.origin) : t('enrolNotFilled', label, tab.origin);
          announce(message);
          tab.say(message, !filled);
          tab.setResult(filled ? 'enrolled' : `enrolled-${result.status}`);
        } catch (error) {
          tab.say(errorText(error), true);
        } finally {
          close();
        }
      })();
    });
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      // Loaded on demand: the QR decoder is as big as the rest of the popup.
      const { scanVisibleTab } = await import('./tab-qr-scan');
      const [data] = (await scanVisibleTab()).filter((text) => text.startsWith('otpauth://'));
      if (data === undefined) { button.disabled = false; return tab.say(t('errorQrNotOtp'), true); }
      const preview = await ask({ type: 'import-preview', data });
      const [account] = preview.accounts;
      if (preview.accounts.length !== 1 || account?.type !== 'totp') { button.disabled = false; return tab.say(t('errorQrNotOtp'), true); }
      confirm(data, account);
    } catch (error) {
      button.disabled = false;
      tab.say(error instanceof QrDecodeError ? t(error.key) : errorText(error), true);
    }
  });
  return block;
}
