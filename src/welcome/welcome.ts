/**
 * The page opened on install (src/background/welcome-on-install.ts): what the extension does in
 * three lines, then the vault-creation form the popup also uses, then where to add an account.
 * Opened again later (or after the popup created the vault) it skips straight to that last step.
 *
 * Stable hooks for end-to-end tests: [data-testid=welcome-lines], #setup-form (and its fields, as
 * in the popup), #welcome-ready, #welcome-open-options.
 *
 * Messages sent: status, setup-vault.
 */
import '../ui/styles.css';
import './welcome.css';
import browser from 'webextension-polyfill';
import { ask } from '../ui/ask-background';
import { byId, h, replaceChildren } from '../ui/dom';
import { errorContent } from '../ui/components/error-text';
import { vaultSetupForm } from '../ui/components/vault-setup-form';
import { localizeTree, t } from '../ui/i18n';

const step = byId('welcome-step');

function showReady(focus: boolean): void {
  const heading = h('h2', { id: 'welcome-ready-title', tabindex: '-1', text: t('welcomeReadyTitle') });
  replaceChildren(step,
    h('div', { id: 'welcome-ready', 'data-testid': 'welcome-ready', role: 'group', 'aria-labelledby': 'welcome-ready-title' },
      heading,
      h('p', { text: t('welcomeReadyToolbar') }),
      h('p', { text: t('welcomeReadyAdd') }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'welcome-open-options', text: t('welcomeOpenOptions'),
          on: { click: () => void browser.runtime.openOptionsPage() } }))));
  if (focus) heading.focus();
}

async function start(): Promise<void> {
  try {
    const status = await ask({ type: 'status' });
    if (status.initialized) return showReady(false);
  } catch (error) {
    replaceChildren(step, h('p', { class: 'error', role: 'alert' }, ...errorContent(error)));
    return;
  }
  const setup = vaultSetupForm(() => showReady(true));
  replaceChildren(step, setup.form);
  setup.focus();
}

localizeTree(document);
void start();
