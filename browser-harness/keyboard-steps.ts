/**
 * Keyboard-only steps in the popup, over ExtPage, so the Chromium and the Firefox keyboard passes
 * (keyboard.test.ts) walk the same flows with the same focus checks. Each step presses keys only
 * (Tab, Shift+Tab, Enter, Escape, `/`, typing) and checks document.activeElement afterwards, and
 * that the focused control shows a focus ring (:focus-visible with a real outline).
 *
 * Accessible names are checked too where the driver can compute them (`names`: Chromium, through
 * Playwright's aria snapshot); puppeteer has no accessibility tree over WebDriver BiDi.
 */
import { expect } from 'vitest';
import type { ExtPage } from './launch';
import { until } from './until';

/** Longest Tab cycle any view has; a walk longer than this means focus is stuck or lost. */
const MAX_TABS = 60;

export interface Focused { selector: string; ring: boolean; outlineColor: string; role?: string; name?: string }

/** The focused element's role and accessible name, as a screen reader gets them. */
export type NameReader = () => Promise<{ role: string; name: string }>;

export class KeyboardUser {
  constructor(readonly page: ExtPage, private readonly names?: NameReader) {}

  press(key: string): Promise<void> { return this.page.press(key); }
  type(text: string): Promise<void> { return this.page.type(text); }

  /** What has focus now: a short description, whether a focus ring shows, and its name where known. */
  async focused(): Promise<Focused> {
    const info = await this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return undefined;
      const style = getComputedStyle(el);
      const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
      const selector = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid ?? '?'}]`;
      return { selector, ring, outlineColor: style.outlineColor };
    });
    if (!info) return { selector: 'body', ring: false, outlineColor: '' };
    return this.names ? { ...info, ...await this.names() } : info;
  }

  /** Waits until `selector` has focus, then checks it shows a focus ring (and is named, where names are read). */
  async expectFocus(selector: string, timeoutMs = 15_000): Promise<Focused> {
    await until(`focus on ${selector}`, () => this.page.evaluateWith((s) => document.activeElement?.matches(s) ?? false, selector), timeoutMs)
      .catch(async () => { throw new Error(`expected focus on ${selector}, but it is on ${(await this.focused()).selector}`); });
    const now = await this.focused();
    this.expectNamed(now);
    expect(now.ring, `visible focus ring on ${now.selector}`).toBe(true);
    return now;
  }

  /** One Tab (or Shift+Tab) press that must land exactly on `selector`: checks the Tab order. */
  async tabTo(selector: string, shift = false): Promise<void> {
    await this.press(shift ? 'Shift+Tab' : 'Tab');
    await this.expectFocus(selector, 2000);
  }

  /** Presses Tab until `selector` has focus; every control passed on the way must be named. */
  async tabUntil(selector: string, shift = false): Promise<void> {
    for (let i = 0; i < MAX_TABS; i++) {
      await this.press(shift ? 'Shift+Tab' : 'Tab');
      if (await this.page.evaluateWith((s) => document.activeElement?.matches(s) ?? false, selector)) return void await this.expectFocus(selector);
      const passed = await this.focused();
      if (passed.selector !== 'body') this.expectNamed(passed);
    }
    throw new Error(`${selector} was not reached within ${MAX_TABS} Tab presses`);
  }

  /**
   * Walks the whole Tab cycle from the focused control back to it and returns what it met. Each
   * control must show a focus ring (and be named, where names are read); coming back proves there is no trap.
   */
  async walkTabCycle(): Promise<Focused[]> {
    const start = await this.focused();
    const seen: Focused[] = [];
    for (let i = 0; i < MAX_TABS; i++) {
      await this.press('Tab');
      const now = await this.focused();
      if (now.selector === start.selector) return seen;
      if (now.selector === 'body') continue; // past the last control, before wrapping to the first
      this.expectNamed(now);
      expect(now.ring, `visible focus ring on ${now.selector}`).toBe(true);
      seen.push(now);
    }
    throw new Error(`Tab never came back to ${start.selector}: focus is trapped or lost`);
  }

  async view(name: string): Promise<void> {
    await this.page.waitFor(`#view[data-view=${name}]`, 30_000);
  }

  private expectNamed(now: Focused): void {
    if (this.names) expect(now.name, `accessible name of ${now.selector} (${now.role})`).not.toBe('');
  }
}

/** First run: focus starts in the password field; Tab skips the strength meter; ends on the account list. */
export async function createVaultByKeyboard(user: KeyboardUser, password: string): Promise<void> {
  await user.view('setup');
  await user.expectFocus('#setup-password');
  await user.type(password);
  await user.tabTo('#setup-confirm');
  await user.type(password);
  await user.tabTo('#setup-submit');
  await user.press('Enter');
  await user.view('accounts');
  await user.expectFocus('#search');
}

/** Lock from the header (just before the search box in Tab order); the unlock field gets focus. */
export async function lockByKeyboard(user: KeyboardUser): Promise<void> {
  await user.tabTo('#lock', true);
  await user.press('Enter');
  await user.view('unlock');
  await user.expectFocus('#unlock-password');
}

/** Unlock with a wrong password first (focus stays, the text is selected), then the right one. */
export async function unlockByKeyboard(user: KeyboardUser, password: string): Promise<void> {
  await user.type('not the password');
  await user.press('Enter');
  await user.page.waitFor('#unlock-password-error:not([hidden])');
  await user.expectFocus('#unlock-password');
  // The wrong text is selected, so typing replaces it.
  await user.type(password);
  await user.press('Enter');
  await user.view('accounts');
  await user.expectFocus('#search');
}

const TOTP_CODE = '[data-testid=account-row][data-kind=totp] [data-testid=code]';

/**
 * `/` focuses the search from elsewhere, typing "totp" hides the Cognito account, Enter moves to
 * the first match's code, Enter copies it: the row says "Copied". Returns the code shown (the
 * caller compares it with the clipboard, read the way its browser allows). Then `/` and Escape
 * clear the search and every account is back.
 */
export async function searchAndCopyByKeyboard(user: KeyboardUser): Promise<string> {
  await user.page.waitFor(`${TOTP_CODE}[data-code]`);
  await user.tabTo('#lock', true); // focus elsewhere, so `/` has somewhere to come from
  await user.press('/');
  await user.expectFocus('#search');
  await user.type('totp');
  expect(await rowVisible(user.page, 'cognito'), 'the Cognito account is filtered out').toBe(false);
  await user.press('Enter');
  await user.expectFocus(TOTP_CODE);
  await user.press('Enter');
  const copied = await user.page.waitForText('[data-kind=totp] [data-testid=copied]', /\S/, 5000);
  expect(copied).toBe('Copied');
  const shown = await user.page.evaluateWith((s) => document.querySelector<HTMLElement>(s)?.dataset.code ?? '', TOTP_CODE);
  expect(shown).toMatch(/^\d{6}$/);

  await user.press('/');
  await user.expectFocus('#search');
  await user.press('Escape');
  expect(await user.page.evaluate(() => (document.getElementById('search') as HTMLInputElement).value)).toBe('');
  expect(await rowVisible(user.page, 'cognito'), 'every account is back').toBe(true);
  return shown;
}

async function rowVisible(page: ExtPage, kind: string): Promise<boolean> {
  return page.evaluateWith((k) => {
    const row = document.querySelector<HTMLElement>(`[data-testid=account-row][data-kind=${k}]`);
    return !!row && row.checkVisibility();
  }, kind);
}

/**
 * Types "cognito" in the focused search box, Enter to the account's Sign in, Enter: the flow view
 * opens with focus in the password prompt. `inPrompt` runs there (e.g. a Tab-cycle walk). Escape
 * leaves the prompt without cancelling it: back on the list, the waiting sign-in is listed first
 * and has focus.
 */
export async function openSignInAndLeaveByKeyboard(user: KeyboardUser, inPrompt?: () => Promise<void>): Promise<void> {
  await user.type('cognito');
  await user.press('Enter');
  await user.expectFocus('[data-testid=account-row][data-kind=cognito] [data-testid=sign-in]');
  await user.press('Enter');
  await user.view('flow');
  await user.expectFocus('#prompt-password', 30_000);
  expect(await user.page.evaluate(() => document.getElementById('prompt-form')?.dataset.promptKind)).toBe('password');
  await inPrompt?.();
  await user.press('Escape');
  await user.view('accounts');
  await user.expectFocus('[data-testid=pending-open]');
}

/** Enter on the waiting sign-in brings the prompt back; the password and Enter sign in; Escape returns to the list. */
export async function resumeAndSignInByKeyboard(user: KeyboardUser, password: string): Promise<void> {
  await user.press('Enter');
  await user.view('flow');
  await user.expectFocus('#prompt-password', 30_000);
  await user.type(password);
  await user.press('Enter');
  await user.page.waitFor('#flow-status[data-status=signed-in]', 30_000);
  await user.expectFocus('#copy-id-token');
  await user.press('Escape');
  await user.view('accounts');
  await user.expectFocus('#search');
}

const COGNITO_MENU = '[data-testid=account-row][data-kind=cognito] [data-testid=row-menu]';
const COGNITO_MENU_ITEM = (testid: string) => `[data-testid=account-row][data-kind=cognito] [role=menu]:not([hidden]) [data-testid=${testid}]`;

/**
 * The Cognito row's menu (signed in: Sign out, Devices, Edit), from the search box: Tab reaches
 * its button, Enter opens it on the first item, the arrows wrap, Home/End jump, Escape closes it
 * and gives focus back to the button without leaving the list, ArrowUp opens it on the last item,
 * and Tab closes it. Nothing is chosen. Ends back in the search box (`/`).
 */
export async function rowMenuByKeyboard(user: KeyboardUser): Promise<void> {
  await user.expectFocus('#search');
  await user.tabUntil(COGNITO_MENU);
  expect(await user.page.evaluateWith((s) => document.querySelector(s)?.getAttribute('aria-expanded'), COGNITO_MENU)).toBe('false');
  await user.press('Enter');
  await user.expectFocus(COGNITO_MENU_ITEM('sign-out'));
  expect(await user.page.evaluateWith((s) => document.querySelector(s)?.getAttribute('aria-expanded'), COGNITO_MENU)).toBe('true');
  await user.press('ArrowDown');
  await user.expectFocus(COGNITO_MENU_ITEM('show-devices'));
  await user.press('ArrowDown');
  await user.expectFocus(COGNITO_MENU_ITEM('edit-account'));
  await user.press('ArrowDown');
  await user.expectFocus(COGNITO_MENU_ITEM('pin-account'));
  await user.press('ArrowDown');
  await user.expectFocus(COGNITO_MENU_ITEM('move-up'));
  await user.press('ArrowDown');
  await user.expectFocus(COGNITO_MENU_ITEM('move-down'));
  await user.press('ArrowDown');
  await user.expectFocus(COGNITO_MENU_ITEM('sign-out'));
  await user.press('End');
  await user.expectFocus(COGNITO_MENU_ITEM('move-down'));
  await user.press('Home');
  await user.expectFocus(COGNITO_MENU_ITEM('sign-out'));
  await user.press('Escape');
  await user.expectFocus(COGNITO_MENU);
  expect(await user.page.count('[role=menu]:not([hidden])'), 'Escape closed the menu').toBe(0);
  await user.view('accounts');
  await user.press('ArrowUp');
  await user.expectFocus(COGNITO_MENU_ITEM('move-down'));
  await user.press('Tab');
  expect(await user.page.count('[role=menu]:not([hidden])'), 'Tab closed the menu').toBe(0);
  await user.press('/');
  await user.expectFocus('#search');
}
