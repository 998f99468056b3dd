/**
 * "Fill code" on an account of the "This tab" panel (./this-tab.ts): the background fills the
 * account's current code into the tab's code field, after checking the frame's own origin is
 * bound (src/background/fill/code-fill.ts), and the popup says what came of it. A code this
 * extension already used is not filled again: the line says the next one follows, and when.
 * Sends `fill-code`.
 */
import type { FillResult, FillStatus } from '../../shared/code-fill-messages';
import type { AccountSummary } from '../../shared/views';
import { ask } from '../../ui/ask-background';
import { h } from '../../ui/dom';
import { errorText } from '../../ui/components/error-text';
import { t } from '../../ui/i18n';
import type { ThisTab } from './this-tab';

/** The sentence for each outcome (a Record: a new outcome without its sentence does not compile). */
const RESULT_TEXT: Record<FillStatus, (result: FillResult, label: string) => string> = {
  'filled': (_r, label) => t('fillFilled', label),
  'waiting': (r) => t('fillWaiting', String(Math.ceil((r.status === 'waiting' ? r.retryInMs : 0) / 1000))),
  'choose': () => t('fillChoose'),
  'no-account': () => t('fillNoAccount'),
  'no-permission': () => t('fillNoPermission'),
  'no-script': () => t('fillNoScript'),
  'no-field': () => t('fillNoField'),
  'ambiguous': () => t('fillAmbiguous'),
  'length-mismatch': () => t('fillLengthMismatch'),
  'not-a-code': () => t('fillNoField'),
};

/** Whether the account has a code to fill (plain TOTP, or Cognito with the extension as its authenticator). */
function hasCode(account: AccountSummary): boolean {
  return account.kind === 'totp' || (account.kind === 'cognito' && account.hasTotpSecret);
}

export function fillCodeAction(tab: ThisTab, account: AccountSummary): HTMLElement | null {
  if (!hasCode(account)) return null;
  const button = h('button', { type: 'button', class: 'primary', 'data-testid': 'fill-code', text: t('fillCode'), 'aria-label': t('fillCodeFor', account.label) });
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const { result } = await ask({ type: 'fill-code', tabId: tab.tabId, accountId: account.id });
      tab.say(RESULT_TEXT[result.status](result, account.label), result.status !== 'filled' && result.status !== 'waiting');
      tab.setResult(result.status);
    } catch (error) {
      tab.say(errorText(error), true);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
