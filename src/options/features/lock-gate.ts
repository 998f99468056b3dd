/**
 * The options page needs an open vault. Without one it shows why: no vault yet (set it up in the
 * toolbar popup), or locked (unlock here with the popup's unlock form). Resolves once the vault is open.
 */
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { unlockForm } from '../../ui/components/unlock-form';
import { t } from '../../ui/i18n';

export async function whenUnlocked(main: HTMLElement): Promise<void> {
  const status = await ask({ type: 'status' });
  if (status.initialized && !status.locked) return;
  if (!status.initialized) {
    replaceChildren(main, h('p', { 'data-testid': 'options-no-vault', text: t('optionsNoVault') }));
    // Setting up happens in the popup; poll so this page follows without a reload.
    await new Promise<void>((resolve) => {
      const timer = window.setInterval(async () => {
        const next = await ask({ type: 'status' }).catch(() => undefined);
        if (next?.initialized && !next.locked) {
          window.clearInterval(timer);
          resolve();
        }
      }, 2000);
    });
    return;
  }
  return new Promise<void>((resolve) => {
    const { form, password } = unlockForm('options-', resolve);
    replaceChildren(main, form);
    password.focus();
  });
}
