/**
 * The unlocked popup's main list: one row per account with its live code (click or Enter copies
 * it), the countdown to the next code, and a "Sign in" button for Cognito accounts (and "Sign out"
 * while the account holds tokens).
 * Sends `list-accounts`, `get-codes` (again whenever a code expires), `hotp-next`, `sign-out`; the
 * sign-in button opens the flow view, which sends `sign-in`.
 */
import type { AccountSummary, OtpCode } from '../../shared/views';
import type { ErrorInfo } from '../../shared/error-codes';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { copyText } from '../../ui/components/copy-text';
import { createCountdown, type CountdownView } from '../../ui/components/countdown';
import { errorDetails, explain, showErrorIn } from '../../ui/components/error-text';
import { countdownState, crossedAnnouncement } from '../../ui/countdown-math';
import { formatCode } from '../../ui/format-code';
import { t } from '../../ui/i18n';
import { matchesQuery } from '../../ui/search-filter';
import type { PopupContext } from '../popup-context';
import { openOptions } from './header-actions';

interface Row {
  account: AccountSummary;
  element: HTMLLIElement;
  codeButton?: HTMLButtonElement;
  countdown?: CountdownView;
  code?: OtpCode;
  lastSeconds: number;
}

export interface AccountList {
  element: HTMLElement;
  filter(query: string): void;
  /** Focuses the first visible code (or sign-in button); false when nothing matches. */
  focusFirst(): boolean;
  dispose(): void;
}

/** Refetching faster than this would only hammer the background if its clock disagrees. */
const MIN_REFETCH_MS = 1000;

export async function createAccountList(ctx: PopupContext): Promise<AccountList> {
  const list = h('ul', { class: 'accounts', id: 'accounts', 'data-testid': 'accounts', 'aria-labelledby': 'accounts-title' });
  const empty = h('p', { class: 'muted', 'data-testid': 'accounts-empty', hidden: true });
  const errorLine = h('p', { class: 'error', role: 'alert', hidden: true });
  // The heading is for screen readers' heading navigation; sighted people see the list itself.
  const element = h('section', { 'aria-labelledby': 'accounts-title' },
    h('h2', { class: 'visually-hidden', id: 'accounts-title', text: t('accountsLabel') }), errorLine, list, empty);

  const [{ accounts, unreadable = [] }, { codes, codeErrors = [] }] = await Promise.all([ask({ type: 'list-accounts' }), ask({ type: 'get-codes' })]);
  // Damaged records are dealt with in the options page (reason and Delete); here only a pointer.
  if (unreadable.length > 0) {
    element.insertBefore(h('p', { class: 'warning', 'data-testid': 'unreadable-notice' },
      t('unreadableNotice', unreadable.length), ' ',
      h('button', { type: 'button', class: 'link', 'data-testid': 'unreadable-open-options', text: t('unreadableOpenOptions'), on: { click: () => void openOptions() } })), list);
  }
  const rows = new Map<string, Row>();
  for (const account of [...accounts].sort((a, b) => a.label.localeCompare(b.label))) {
    const row = buildRow(ctx, account, showError);
    rows.set(account.id, row);
    list.append(row.element);
  }
  applyCodes(codes);
  // An account whose code cannot be made says why in its own row; the others show their codes.
  for (const { id, error } of codeErrors) {
    const slot = rows.get(id)?.element.querySelector<HTMLElement>('.code-slot');
    if (slot) {
      const line = h('p', { class: 'error', 'data-testid': 'code-error' });
      showErrorIn(line, error);
      slot.append(line);
    }
  }

  if (accounts.length === 0) {
    empty.hidden = false;
    replaceChildren(empty, t('noAccounts'), ' ',
      h('button', { type: 'button', class: 'link', id: 'add-first-account', text: t('addAccountLink'), on: { click: () => void openOptions() } }));
  }

  function applyCodes(fresh: readonly OtpCode[]): void {
    for (const code of fresh) {
      const row = rows.get(code.id);
      if (!row) continue;
      const changed = row.code?.code !== code.code;
      if (!row.codeButton) attachCode(row);
      row.code = code;
      row.codeButton!.textContent = formatCode(code.code);
      // The name says what pressing does and still carries the code, so it is heard, not only seen.
      row.codeButton!.setAttribute('aria-label', t('copyCodeFor', formatCode(code.code), row.account.label));
      row.codeButton!.dataset.code = code.code;
      if (changed && row.element.contains(document.activeElement) && row.lastSeconds !== Infinity) announce(t('newCodeFor', row.account.label));
    }
    tick();
  }

  function attachCode(row: Row): void {
    const feedback = h('span', { class: 'copied', 'aria-hidden': 'true', 'data-testid': 'copied' });
    const button = h('button', {
      type: 'button', class: 'code', 'data-testid': 'code',
      on: { click: () => { if (row.code) void copyText(row.code.code, feedback); } },
    });
    row.codeButton = button;
    const slot = row.element.querySelector('.code-slot')!;
    slot.append(button, feedback);
    if (row.account.kind === 'hotp') {
      slot.append(h('button', {
        type: 'button', 'data-testid': 'hotp-next', text: t('nextCode'), 'aria-label': t('nextCodeFor', row.account.label),
        on: { click: async () => {
          try { applyCodes([(await ask({ type: 'hotp-next', id: row.account.id })).code]); }
          catch (error) { showError(error); }
        } },
      }));
    } else {
      row.countdown = createCountdown();
      slot.append(row.countdown.element);
    }
  }

  let lastFetch = Date.now();
  let fetching = false;
  function tick(): void {
    const now = Date.now();
    let anyExpired = false;
    for (const row of rows.values()) {
      if (row.code?.kind !== 'totp' || !row.countdown) continue;
      const state = countdownState(row.code.expiresAt, row.code.period, now);
      row.countdown.update(state);
      if (state.expired) anyExpired = true;
      const mark = crossedAnnouncement(row.lastSeconds, state.secondsLeft);
      if (mark !== undefined && row.element.contains(document.activeElement)) announce(t('codeExpiresIn', mark));
      row.lastSeconds = state.secondsLeft;
    }
    if (anyExpired && !fetching && now - lastFetch >= MIN_REFETCH_MS) void refetch();
  }

  async function refetch(): Promise<void> {
    fetching = true;
    lastFetch = Date.now();
    try {
      applyCodes((await ask({ type: 'get-codes' })).codes);
      errorLine.hidden = true;
    } catch (error) {
      showError(error);
    } finally {
      fetching = false;
    }
  }

  function showError(error: unknown): void {
    showErrorIn(errorLine, error);
    errorLine.hidden = false;
  }

  // Arrow keys walk the visible rows, so a long list needs no Tab marathon.
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const visible = [...rows.values()].filter((r) => !r.element.hidden);
    const index = visible.findIndex((r) => r.element.contains(document.activeElement));
    const next = visible[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    event.preventDefault();
    primaryControl(next)?.focus();
  });

  const timer = window.setInterval(tick, 1000);
  return {
    element,
    filter(query) {
      let shown = 0;
      for (const row of rows.values()) {
        const account = row.account;
        const visible = matchesQuery({ label: account.label, issuer: 'issuer' in account ? account.issuer : undefined, username: 'username' in account ? account.username : undefined }, query);
        row.element.hidden = !visible;
        if (visible) shown++;
      }
      if (accounts.length > 0) {
        empty.hidden = shown > 0;
        empty.textContent = t('noMatches');
      }
    },
    focusFirst() {
      const first = [...rows.values()].find((r) => !r.element.hidden);
      const control = first && primaryControl(first);
      control?.focus();
      return control !== undefined;
    },
    dispose: () => window.clearInterval(timer),
  };
}

function primaryControl(row: Row): HTMLElement | undefined {
  return row.codeButton ?? row.element.querySelector<HTMLElement>('[data-testid=sign-in]') ?? undefined;
}

function buildRow(ctx: PopupContext, account: AccountSummary, showError: (error: unknown) => void): Row {
  const sub = account.kind === 'cognito' ? account.username : account.issuer ?? '';
  const signIn = () => ctx.show({ name: 'flow', accountId: account.id, label: account.label });
  const element = h('li', { class: 'account-row', 'data-testid': 'account-row', 'data-account-id': account.id, 'data-kind': account.kind },
    h('div', { class: 'grow' },
      h('div', { class: 'account-name', 'data-testid': 'account-label', text: account.label }),
      sub ? h('div', { class: 'account-sub', text: sub }) : null,
      account.kind === 'cognito' && account.refreshError ? refreshWarning(account.label, account.refreshError, signIn) : null),
    h('div', { class: 'row code-slot' }));
  if (account.kind === 'cognito') {
    element.append(h('button', {
      type: 'button', class: 'primary', 'data-testid': 'sign-in', text: t('signIn'), 'aria-label': t('signInTo', account.label),
      on: { click: signIn },
    }));
    if (account.tokensExpireAt !== undefined) element.append(signOutButton(account.id, account.label, element, showError));
  }
  return { account, element, lastSeconds: Infinity };
}

/**
 * Ends this browser's session (the background revokes the refresh token). The tokens are deleted
 * whatever Cognito said, so the button goes either way; an answer that Cognito did not confirm
 * (unreachable, token already refused) is shown, since the session may still be valid there.
 */
function signOutButton(accountId: string, label: string, row: HTMLElement, showError: (error: unknown) => void): HTMLButtonElement {
  const button = h('button', {
    type: 'button', 'data-testid': 'sign-out', text: t('signOut'), 'aria-label': t('signOutOf', label),
    on: { click: async () => {
      button.disabled = true;
      try {
        const result = await ask({ type: 'sign-out', accountId });
        // No tokens remain, so neither does the refresh they failed.
        row.querySelector('[data-testid=refresh-error]')?.remove();
        row.querySelector<HTMLElement>('[data-testid=sign-in]')?.focus();
        button.remove();
        if (result.error) showError(result.error);
        announce(t('signedOutOf', label));
      } catch (error) {
        button.disabled = false;
        showError(error);
      }
    } },
  });
  return button;
}

/**
 * The background could not refresh the account's tokens (revoked, expired, network): the session
 * the person relies on is gone or going, so the row says why and offers a new sign-in, which
 * clears the warning once it succeeds. The tooltip says when; the background's own (English) words
 * stay closed behind the labelled disclosure: the translated reason is what a person acts on.
 */
function refreshWarning(label: string, error: ErrorInfo & { at: number }, signIn: () => void): HTMLElement {
  const reason = explain(error);
  const when = new Date(error.at).toLocaleString(document.documentElement.lang || undefined);
  return h('p', {
    class: 'warning refresh-error', 'data-testid': 'refresh-error', 'data-error-code': reason.code,
    title: when,
  },
  h('span', { text: t('refreshFailed', reason.text) }),
  h('button', { type: 'button', class: 'link', 'data-testid': 'sign-in-again', text: t('signInAgain'), 'aria-label': t('signInAgainTo', label), on: { click: signIn } }),
  errorDetails(reason));
}
