/**
 * The options page: accounts, import, backup, settings and the vault password, one feature file
 * each in ./features, registered below in page order. It needs an open vault; features/lock-gate.ts asks for it.
 * It follows the lock live (ui/lock-watch.ts): on a lock every section, typed value and device
 * list is dropped and the unlock form shown again; unlocking draws the sections afresh.
 *
 * Stable hooks for end-to-end tests:
 *   lock gate   [data-testid=options-no-vault], #options-unlock-form, #options-unlock-password, #options-unlock-submit
 *   accounts    #add-cognito-account, #add-otp-account, [data-testid=options-account-row][data-account-id],
 *               [data-testid=edit-account], [data-testid=delete-account] then [data-testid=confirm-delete] / [data-testid=cancel-delete],
 *               [data-testid=export-account] then [data-testid=account-export] with #export-account-password, #export-account-submit,
 *               #export-account-cancel, then #export-account-qr (canvas), #export-account-uri, #export-account-copy, #export-account-hide,
 *               [data-testid=show-devices], [data-testid=devices-panel], [data-testid=device-row][data-device-key], [data-testid=forget-device]
 *   cognito     #cognito-form, #cognito-label, #cognito-user-pool-id, #cognito-client-id, #cognito-client-secret,
 *               #cognito-endpoint, #cognito-username, #cognito-password, #cognito-totp-secret, #cognito-policy (auto|ask),
 *               #cognito-remember-device, #cognito-forget-client-secret, #cognito-forget-password, #cognito-forget-totp-secret,
 *               #cognito-save, #cognito-cancel, #cognito-form-error, #<field id>-error
 *   plain OTP   #otp-form, #otp-uri, #otp-type (totp|hotp), #otp-label, #otp-issuer, #otp-secret, #otp-algorithm,
 *               #otp-digits, #otp-period, #otp-counter, #otp-clock-offset, #otp-save, #otp-cancel, #otp-form-error
 *   import      #import-text, [data-testid=import-aegis-encrypted], #import-text-submit, #import-qr-file, #import-result
 *   backup      #export-password, #export-confirm, #export-submit, #export-result,
 *               #backup-file, #backup-password, #backup-import-submit, #backup-import-result
 *   settings    #auto-lock-minutes, #default-policy (auto|ask), #default-remember-device,
 *               #clock-offsets [data-testid=clock-offset][data-endpoint][data-offset-ms][data-ignored-offset-ms?] | [data-testid=clock-offsets-none],
 *               #settings-save, #settings-result
 *   shortcut    #open-popup-shortcut[data-shortcut] (the browser's binding of _execute_action, empty when none), #change-shortcut
 *   vault pw    #vault-current-password, #vault-new-password, #vault-new-confirm, #vault-password-submit, #vault-password-result
 *
 * Messages sent: status, unlock, get-settings, set-settings, list-accounts, add-account, update-account,
 * delete-account, import, export-backup, export-account, list-devices, forget-device, change-vault-password, list-server-clocks.
 */
import '../ui/styles.css';
import './options.css';
import { ask } from '../ui/ask-background';
import { byId, h, replaceChildren } from '../ui/dom';
import { errorContent } from '../ui/components/error-text';
import { localizeTree } from '../ui/i18n';
import { followTheme } from '../ui/theme';
import { watchLock, wipe } from '../ui/lock-watch';
import { accountsSection } from './features/accounts-section';
import { backupSection } from './features/backup-section';
import { importSection } from './features/import-section';
import { whenUnlocked } from './features/lock-gate';
import { settingsSection } from './features/settings-section';
import { shortcutSection } from './features/shortcut-section';
import { vaultPasswordSection } from './features/vault-password-section';
import { createOptionsContext } from './options-context';

/** 'gate': the no-vault or unlock view (nothing of the vault shown); 'open': the sections, or loading them. */
type Phase = 'gate' | 'open';

function main(): void {
  localizeTree(document);
  const root = byId('options-main');
  const nav = byId('options-nav');
  let phase: Phase = 'gate';
  // Each showing of the page; a lock starts a new one, and a stale one draws nothing.
  let showing = 0;

  async function show(): Promise<void> {
    const mine = ++showing;
    phase = 'gate';
    try {
      await whenUnlocked(root);
      if (mine !== showing) return;
      phase = 'open';
      let { settings } = await ask({ type: 'get-settings' });
      if (mine !== showing) return;
      followTheme(settings.theme);
      const ctx = createOptionsContext();
      replaceChildren(root,
        accountsSection(ctx, () => settings.defaultPolicy),
        importSection(ctx),
        backupSection(ctx),
        settingsSection(settings, (saved) => { settings = saved; followTheme(saved.theme); }),
        shortcutSection(),
        vaultPasswordSection());
      nav.hidden = false;
      // A link like options.html#import-section lands on that section.
      if (location.hash) document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
    } catch (error) {
      if (mine !== showing) return;
      replaceChildren(root, h('p', { class: 'error', role: 'alert', 'data-testid': 'options-error' }, ...errorContent(error)));
    }
  }

  // The theme applies before the vault is open too (get-settings works locked).
  ask({ type: 'get-settings' }).then(({ settings }) => followTheme(settings.theme), () => { /* the page's own requests say what is wrong */ });
  watchLock({
    // Locked while showing (or loading) the vault's contents: drop all of it, back to the gate.
    locked() {
      if (phase === 'gate') return;
      nav.hidden = true;
      wipe(root);
      void show();
    },
    // Opened elsewhere (the popup) while this page waits at its unlock form.
    unlocked() {
      if (phase === 'gate' && root.querySelector('#options-unlock-form')) void show();
    },
  });
  void show();
}

main();
