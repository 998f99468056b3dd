/** First run in the popup: create the vault (the form is shared with the welcome page), then show the accounts. */
import { vaultSetupForm } from '../../ui/components/vault-setup-form';
import type { PopupContext, ViewRenderer } from '../popup-context';

export const setupVaultView: ViewRenderer<{ name: 'setup' }> = (ctx: PopupContext) => {
  const setup = vaultSetupForm(() => ctx.refresh());
  ctx.main.append(setup.form);
  setup.focus();
};
