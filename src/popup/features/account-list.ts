/**
 * The unlocked popup's main list: one row per account, sorted by service (ui/account-heading.ts).
 * A row says what it is: a letter mark, the service, the account at that service and, for a
 * Cognito account, whether a session is active and until when. Its live code (click or Enter
 * copies it) and countdown, or "Sign in" for a Cognito account without one; in the last seconds of
 * a period, "Next code" shows the next period's code; an HOTP row has "New code" (advances the
 * counter). Everything else (sign out, devices, edit) is in the row's menu (./row-menu.ts).
 * Sends `list-accounts`, `get-codes` (again whenever a code expires), `totp-next-period`,
 * `hotp-next`, `sign-out`; the sign-in button opens the flow view, which sends `sign-in`.
 */
import type { AccountSummary, OtpCode } from '../../shared/views';
import type { ErrorInfo } from '../../shared/error-codes';
import { NEXT_CODE_WINDOW_SECONDS } from '../../otp/totp';
import { accountHeading, compareAccounts, letterMark, MARK_LIGHTNESS, MARK_SATURATION } from '../../ui/account-heading';
import { ask } from '../../ui/ask-background';
import { h, replaceChildren } from '../../ui/dom';
import { announce } from '../../ui/components/announcer';
import { copyText } from '../../ui/components/copy-text';
import { createCountdown, type CountdownView } from '../../ui/components/countdown';
import { errorDetails, explain, showErrorIn } from '../../ui/components/error-text';
import { menuButton, type MenuButton } from '../../ui/components/menu-button';
import { countdownState, crossedAnnouncement } from '../../ui/countdown-math';
import { formatCode } from '../../ui/format-code';
import { t } from '../../ui/i18n';
import { matchesQuery } from '../../ui/search-filter';
import type { PopupContext } from '../popup-context';
import { openOptions } from './header-actions';
import { ROW_MENU_ENTRIES } from './row-menu';

interface Row {
  account: AccountSummary;
  element: HTMLLIElement;
  codeButton?: HTMLButtonElement;
  countdown?: CountdownView;
  code?: OtpCode;
  lastSeconds: number;
  /** "Next code" (TOTP rows): offered in the last NEXT_CODE_WINDOW_SECONDS of a period. */
  nextButton?: HTMLButtonElement;
  /** The next period's code once asked for, until the current one expires. */
  nextCode?: HTMLElement;
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
  const locale = document.documentElement.lang || undefined;
  for (const account of [...accounts].sort((a, b) => compareAccounts(a, b, locale))) {
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
      // The next code became the current one: the row shows it as such.
      if (changed) row.nextCode?.remove(), row.nextCode = undefined;
      row.codeButton!.textContent = formatCode(code.code);
      // The name says what pressing does and still carries the code, so it is heard, not only seen.
      row.codeButton!.setAttribute('aria-label', t('copyCodeFor', formatCode(code.code), rowName(row.account)));
      row.codeButton!.dataset.code = code.code;
      if (changed && row.element.contains(document.activeElement) && row.lastSeconds !== Infinity) announce(t('newCodeFor', rowName(row.account)));
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
      // "Next" alone did not say that it uses up the code shown: the description does.
      const descriptionId = `hotp-next-about-${row.account.id}`;
      slot.append(h('button', {
        type: 'button', 'data-testid': 'hotp-next', text: t('nextCode'), 'aria-label': t('nextCodeFor', rowName(row.account)),
        'aria-describedby': descriptionId,
        on: { click: async () => {
          try { applyCodes([(await ask({ type: 'hotp-next', id: row.account.id })).code]); }
          catch (error) { showError(error); }
        } },
      }), h('span', { id: descriptionId, class: 'visually-hidden', text: t('nextCodeDescription') }));
    } else {
      row.countdown = createCountdown();
      row.nextButton = h('button', {
        type: 'button', class: 'link next-code', 'data-testid': 'next-code', hidden: true, text: t('showNextCode'),
        'aria-label': t('showNextCodeFor', rowName(row.account)), 'aria-description': t('showNextCodeDescription'),
        on: { click: () => void showNextCode(row) },
      });
      slot.append(row.countdown.element, row.nextButton);
    }
  }

  /** The next period's code under the current one, copyable like it; it goes when the current code changes. */
  async function showNextCode(row: Row): Promise<void> {
    try {
      const { code } = await ask({ type: 'totp-next-period', id: row.account.id });
      const feedback = h('span', { class: 'copied', 'aria-hidden': 'true', 'data-testid': 'next-copied' });
      const shown = formatCode(code.code);
      const next = h('div', { class: 'next-code-line', 'data-testid': 'next-code-line' },
        h('span', { class: 'muted', text: t('nextCodeLabel') }),
        h('button', {
          type: 'button', class: 'code next', 'data-testid': 'next-code-value', 'data-code': code.code, text: shown,
          'aria-label': t('copyNextCodeFor', shown, rowName(row.account)),
          on: { click: () => void copyText(code.code, feedback) },
        }), feedback);
      row.nextCode?.remove();
      row.nextCode = next;
      row.element.querySelector('.code-slot')!.after(next);
      row.nextButton!.hidden = true;
      next.querySelector<HTMLElement>('button')!.focus();
    } catch (error) {
      showError(error);
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
      if (row.nextButton) row.nextButton.hidden = row.nextCode !== undefined || state.expired || state.secondsLeft > NEXT_CODE_WINDOW_SECONDS;
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

/** How the row is named to screen readers: service and account, as it reads on screen. */
function rowName(account: AccountSummary): string {
  const heading = accountHeading(account);
  return heading.account ? t('serviceAndAccount', heading.service, heading.account) : heading.service;
}

function buildRow(ctx: PopupContext, account: AccountSummary, showError: (error: unknown) => void): Row {
  const heading = accountHeading(account);
  const name = rowName(account);
  const signIn = () => ctx.show({ name: 'flow', accountId: account.id, label: account.label });
  const mark = letterMark(heading.service);
  const markElement = h('span', { class: 'mark', 'aria-hidden': 'true', translate: 'no', 'data-testid': 'letter-mark', text: mark.letter });
  markElement.style.setProperty('--mark-bg', `hsl(${mark.hue} ${MARK_SATURATION}% ${MARK_LIGHTNESS}%)`);
  const session = account.kind === 'cognito' ? sessionLine(account) : null;
  const element = h('li', { class: 'account-row', 'data-testid': 'account-row', 'data-account-id': account.id, 'data-kind': account.kind },
    markElement,
    h('div', { class: 'grow' },
      h('div', { class: 'account-name', 'data-testid': 'account-label', text: heading.service }),
      heading.account ? h('div', { class: 'account-sub', 'data-testid': 'account-sub', text: heading.account }) : null,
      heading.site ? h('div', { class: 'account-sub account-site', 'data-testid': 'account-site',
        text: heading.moreSites ? t('accountSiteAndMore', heading.site, heading.moreSites) : t('accountSite', heading.site) }) : null,
      session,
      account.kind === 'cognito' && account.refreshError ? refreshWarning(name, account.refreshError, signIn) : null),
    h('div', { class: 'row code-slot' }));
  if (account.kind === 'cognito') {
    element.append(h('button', {
      type: 'button', class: account.tokensExpireAt === undefined ? 'primary' : '', 'data-testid': 'sign-in', text: t('signIn'), 'aria-label': t('signInTo', name),
      on: { click: signIn },
    }));
  }
  let menu: MenuButton | undefined;
  const rowContext = { account, signOut: () => signOut(account.id, name, element, () => menu, showError) };
  const items = ROW_MENU_ENTRIES.map((entry) => entry(rowContext)).filter((item) => item !== undefined);
  menu = menuButton({ label: t('rowMenuFor', name), text: '⋯', testid: 'row-menu', items });
  element.append(menu.element);
  return { account, element, lastSeconds: Infinity };
}

/**
 * Whether the Cognito account has a session here and until when (the stored access token's
 * expiry; the background refreshes it before then while it can).
 */
function sessionLine(account: Extract<AccountSummary, { kind: 'cognito' }>): HTMLElement {
  const line = h('div', { class: 'account-session', 'data-testid': 'session-status' });
  const expiresAt = account.tokensExpireAt;
  if (expiresAt === undefined) {
    line.dataset.session = 'none';
    line.textContent = t('sessionNone');
  } else {
    const when = formatWhen(expiresAt);
    line.dataset.session = expiresAt > Date.now() ? 'active' : 'expired';
    line.dataset.expiresAt = String(expiresAt);
    line.textContent = expiresAt > Date.now() ? t('sessionActiveUntil', when) : t('sessionExpiredAt', when);
  }
  return line;
}

/** A time today ("14:05"), or a date and time otherwise. */
function formatWhen(epochMs: number): string {
  const at = new Date(epochMs);
  const today = new Date().toDateString() === at.toDateString();
  return new Intl.DateTimeFormat(document.documentElement.lang || undefined, today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/**
 * Ends this browser's session (the background revokes the refresh token). The tokens are deleted
 * whatever Cognito said, so the row says "Not signed in" either way; an answer that Cognito did
 * not confirm (unreachable, token already refused) is shown, since the session may still be valid there.
 */
async function signOut(accountId: string, name: string, row: HTMLElement, menu: () => MenuButton | undefined, showError: (error: unknown) => void): Promise<void> {
  try {
    const result = await ask({ type: 'sign-out', accountId });
    // No tokens remain, so neither does the refresh they failed.
    row.querySelector('[data-testid=refresh-error]')?.remove();
    const session = row.querySelector<HTMLElement>('[data-testid=session-status]');
    if (session) {
      session.dataset.session = 'none';
      delete session.dataset.expiresAt;
      session.textContent = t('sessionNone');
    }
    menu()?.remove('sign-out');
    const signInButton = row.querySelector<HTMLElement>('[data-testid=sign-in]');
    signInButton?.classList.add('primary');
    signInButton?.focus();
    if (result.error) showError(result.error);
    announce(t('signedOutOf', name));
  } catch (error) {
    showError(error);
  }
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
