// The code-field finder's heuristics (src/content/code-field-finder.ts) on small documents, in
// real Chromium and Firefox ESR: layout, visibility and labels are the browser's, not a fake
// DOM's. Each case shows one rule: autocomplete first, labels count, hidden/disabled/read-only
// fields are skipped, backup/recovery fields are never chosen, several equal candidates are
// ambiguous, split boxes are one target. The filler's events are checked here too. Web components:
// the same rules inside open shadow roots (declarative `<template shadowrootmode>`, nested too),
// a host that hides its shadow tree, ids scoped to the shadow root, the focused field inside one,
// the input event heard outside the component; closed shadow roots are not searched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchBrowser, type AppPage, type TestBrowser } from './browsers';
import { fillInPage, findInPage, focusedInPage, showDocument, showReactCodeField } from './code-fill-support';

const one = (...fields: string[]) => ({ found: 'one', target: { kind: fields.length > 1 ? 'split' : 'single', fields } });
/** `inner` as the open (or closed) shadow root of a <div id=`id`>, as a web component's host. */
const shadowHost = (id: string, inner: string, mode: 'open' | 'closed' = 'open', hostAttributes = '') =>
  `<div id="${id}" ${hostAttributes}><template shadowrootmode="${mode}">${inner}</template></div>`;
const BOXES = (n: number) => Array.from({ length: n }, (_, i) => `<input id="d${i + 1}" maxlength="1" inputmode="numeric" aria-label="Digit ${i + 1}">`).join('');

for (const browserName of BROWSERS) {
  describe(`the code-field finder, in ${browserName}`, () => {
    let browser: TestBrowser;
    let page: AppPage;
    beforeAll(async () => {
      browser = await launchBrowser(browserName);
      page = await browser.newPage();
      await page.goto('about:blank');
    });
    afterAll(async () => {
      await page?.close();
      await browser?.close();
    });

    it('prefers autocomplete="one-time-code" to a field whose name says totp', async () => {
      await showDocument(page, '<input id="by-name" name="totp"><input id="by-attribute" autocomplete="one-time-code">');
      expect(await findInPage(page)).toEqual(one('by-attribute'));
    });

    it("takes Amplify UI's confirmation_code field inside its confirm-sign-in form", async () => {
      await showDocument(page, '<input id="other" name="confirmation_code"><form data-amplify-authenticator-confirmsignin><input id="amplify" name="confirmation_code"></form>');
      expect(await findInPage(page)).toEqual(one('amplify'));
    });

    it("finds a field by its label's text when its attributes say nothing", async () => {
      await showDocument(page, '<label for="a">Verification code</label><input id="a" name="f1"><label>City <input id="b" name="f2"></label>');
      expect(await findInPage(page)).toEqual(one('a'));
    });

    it('finds a field by its placeholder, and by a camelCase name', async () => {
      await showDocument(page, '<input id="p" placeholder="Two-factor code">');
      expect(await findInPage(page)).toEqual(one('p'));
      await showDocument(page, '<input id="n" name="mfaCode">');
      expect(await findInPage(page)).toEqual(one('n'));
    });

    it('takes a plain "Code" field only where no password is asked for', async () => {
      await showDocument(page, '<label>Code <input id="c"></label>');
      expect(await findInPage(page)).toEqual(one('c'));
      await showDocument(page, '<label>Password <input type="password" id="pw"></label><label>Code <input id="c"></label>');
      expect(await findInPage(page)).toEqual({ found: 'none' });
      // A whole word only: "postcode" is no code.
      await showDocument(page, '<label>Postcode <input id="zip"></label>');
      expect(await findInPage(page)).toEqual({ found: 'none' });
    });

    const HIDINGS: [string, string][] = [
      ['display:none', 'style="display:none"'],
      ['visibility:hidden', 'style="visibility:hidden"'],
      ['zero size', 'style="width:0;height:0;padding:0;border:0"'],
      ['off-screen', 'style="position:absolute;left:-10000px"'],
      ['transparent', 'style="opacity:0"'],
      ['aria-hidden', 'aria-hidden="true"'],
      ['type=hidden', 'type="hidden"'],
    ];
    for (const [how, attributes] of HIDINGS) {
      it(`skips a field hidden by ${how}, even one with autocomplete="one-time-code"`, async () => {
        await showDocument(page, `<input id="hidden" autocomplete="one-time-code" ${attributes}><input id="shown" name="totp">`);
        expect(await findInPage(page)).toEqual(one('shown'));
      });
    }

    it('skips a field inside an aria-hidden container', async () => {
      await showDocument(page, '<div aria-hidden="true"><input id="hidden" autocomplete="one-time-code"></div><input id="shown" name="totp">');
      expect(await findInPage(page)).toEqual(one('shown'));
    });

    for (const [how, markup] of [
      ['disabled', '<input id="off" autocomplete="one-time-code" disabled>'],
      ['read-only', '<input id="off" autocomplete="one-time-code" readonly>'],
      ['in a disabled fieldset', '<fieldset disabled><input id="off" autocomplete="one-time-code"></fieldset>'],
    ] as const) {
      it(`skips a field that is ${how}`, async () => {
        await showDocument(page, `${markup}<input id="shown" name="totp">`);
        expect(await findInPage(page)).toEqual(one('shown'));
      });
    }

    for (const [where, markup] of [
      ['name', '<input id="x1" name="backup_code" autocomplete="one-time-code">'],
      ['id', '<input id="recoveryCode" autocomplete="one-time-code">'],
      ['label', '<label for="x2">Recovery code</label><input id="x2" autocomplete="one-time-code">'],
      ['placeholder', '<input id="x3" placeholder="Backup code" autocomplete="one-time-code">'],
    ] as const) {
      it(`never chooses a field whose ${where} speaks of a backup or recovery code`, async () => {
        await showDocument(page, `${markup}<input id="real" name="otpCode">`);
        expect(await findInPage(page)).toEqual(one('real'));
        // Alone, it is not a second-best choice either.
        await showDocument(page, markup);
        expect(await findInPage(page)).toEqual({ found: 'none' });
      });
    }

    it('says ambiguous, naming both, when two visible fields claim the code equally', async () => {
      await showDocument(page, '<input id="first" autocomplete="one-time-code"><input id="second" autocomplete="one-time-code">');
      expect(await findInPage(page)).toEqual({
        found: 'ambiguous',
        candidates: [{ kind: 'single', fields: ['first'] }, { kind: 'single', fields: ['second'] }],
      });
      expect(await fillInPage(page, '123456')).toEqual({ filled: false, reason: 'ambiguous' });
    });

    it('takes a run of one-character boxes as one split target, named by its legend', async () => {
      await showDocument(page, `<form><fieldset><legend>Authenticator code</legend>${BOXES(6)}</fieldset></form>`);
      expect(await findInPage(page)).toEqual(one('d1', 'd2', 'd3', 'd4', 'd5', 'd6'));
    });

    it('finds nothing on a page without a code field', async () => {
      await showDocument(page, '<label>Username <input name="username"></label><label>Password <input type="password" name="password"></label>');
      expect(await findInPage(page)).toEqual({ found: 'none' });
      expect(await fillInPage(page, '123456')).toEqual({ filled: false, reason: 'no-field' });
    });

    it('fills a field with input and change events that bubble, and never submits', async () => {
      await showDocument(page, '<form id="f"><input id="code" autocomplete="one-time-code"></form>');
      await page.evaluate(() => {
        const seen: string[] = [];
        (globalThis as unknown as { seen: string[] }).seen = seen;
        const form = document.getElementById('f')!;
        for (const type of ['input', 'change', 'submit']) form.addEventListener(type, (event) => { seen.push(type); if (type === 'submit') event.preventDefault(); });
      }, null);
      expect(await fillInPage(page, '042042')).toEqual({ filled: true });
      expect(await page.evaluate(() => ({
        value: (document.getElementById('code') as HTMLInputElement).value,
        seen: (globalThis as unknown as { seen: string[] }).seen,
        focused: document.activeElement?.id,
      }), null)).toEqual({ value: '042042', seen: ['input', 'change'], focused: 'code' });
    });

    it('finds the code field in an open shadow root, and in one nested inside another', async () => {
      await showDocument(page, `<label>City <input id="city"></label>${shadowHost('widget', '<label for="c">Verification code</label><input id="c" name="f1">')}`);
      expect(await findInPage(page)).toEqual(one('c'));
      await showDocument(page, shadowHost('outer', `<p>Sign in</p>${shadowHost('inner', '<input id="deep" autocomplete="one-time-code">')}`));
      expect(await findInPage(page)).toEqual(one('deep'));
    });

    it('does not search a closed shadow root', async () => {
      await showDocument(page, `${shadowHost('closed', '<input id="sealed" autocomplete="one-time-code">', 'closed')}${shadowHost('open', '<input id="reachable" name="totp">')}`);
      expect(await findInPage(page)).toEqual(one('reachable'));
      await showDocument(page, shadowHost('closed', '<input id="sealed" autocomplete="one-time-code">', 'closed'));
      expect(await findInPage(page)).toEqual({ found: 'none' });
    });

    it('inside a shadow root, hidden duplicates and recovery decoys are skipped as in the document', async () => {
      await showDocument(page, shadowHost('widget', `<input id="dup" autocomplete="one-time-code" style="display:none">
        <label for="rec">Recovery code</label><input id="rec" autocomplete="one-time-code">
        <input id="real" autocomplete="one-time-code">`));
      expect(await findInPage(page)).toEqual(one('real'));
    });

    for (const [how, attributes] of [
      ['aria-hidden', 'aria-hidden="true"'],
      ['inert', 'inert'],
      ['transparent', 'style="opacity:0"'],
    ] as const) {
      it(`skips the fields of a web component whose host is ${how}`, async () => {
        await showDocument(page, `${shadowHost('hidden-widget', '<input id="hidden" autocomplete="one-time-code">', 'open', attributes)}<input id="shown" name="totp">`);
        expect(await findInPage(page)).toEqual(one('shown'));
      });
    }

    it("reads aria-labelledby in the field's own shadow root, where its ids live", async () => {
      await showDocument(page, shadowHost('widget', '<span id="caption">Authenticator code</span><input id="f" aria-labelledby="caption">'));
      expect(await findInPage(page)).toEqual(one('f'));
    });

    it('takes split boxes inside a shadow root as one target', async () => {
      await showDocument(page, shadowHost('widget', `<form><fieldset><legend>Authenticator code</legend>${BOXES(6)}</fieldset></form>`));
      expect(await findInPage(page)).toEqual(one('d1', 'd2', 'd3', 'd4', 'd5', 'd6'));
    });

    it('fills a field in a shadow root: the component hears input and change, the page around it hears the (composed) input', async () => {
      await showDocument(page, shadowHost('widget', '<form id="f"><input id="code" autocomplete="one-time-code"></form>'));
      await page.evaluate(() => {
        const seen: string[] = [];
        (globalThis as unknown as { seen: string[] }).seen = seen;
        const form = document.getElementById('widget')!.shadowRoot!.getElementById('f')!;
        for (const type of ['input', 'change']) {
          form.addEventListener(type, () => seen.push(`widget:${type}`));
          document.addEventListener(type, () => seen.push(`page:${type}`));
        }
      }, null);
      expect(await fillInPage(page, '271828')).toEqual({ filled: true });
      expect(await page.evaluate(() => {
        const root = document.getElementById('widget')!.shadowRoot!;
        return { value: (root.getElementById('code') as HTMLInputElement).value, seen: (globalThis as unknown as { seen: string[] }).seen, focused: root.activeElement?.id };
      }, null)).toEqual({ value: '271828', seen: ['widget:input', 'page:input', 'widget:change'], focused: 'code' });
    });

    it("the context menu's field: the focused input inside a shadow root, never a recovery field", async () => {
      await showDocument(page, shadowHost('widget', '<input id="plain" name="x"><label for="rec">Backup code</label><input id="rec">'));
      await page.evaluate(() => (document.getElementById('widget')!.shadowRoot!.getElementById('plain') as HTMLInputElement).focus(), null);
      expect(await focusedInPage(page)).toEqual({ kind: 'single', fields: ['plain'] });
      await page.evaluate(() => (document.getElementById('widget')!.shadowRoot!.getElementById('rec') as HTMLInputElement).focus(), null);
      expect(await focusedInPage(page)).toBeNull();
    });

    it("fills a React controlled field so that React's own state holds the code", async () => {
      await showReactCodeField(page);
      expect(await fillInPage(page, '314159')).toEqual({ filled: true });
      await page.waitVisible('#react-state');
      expect(await page.text('#react-state')).toBe('314159');
      // React re-rendered with its state: the field still shows the code.
      expect(await page.evaluate(() => (document.getElementById('react-code') as HTMLInputElement).value, null)).toBe('314159');
    });

    it('refuses a code whose length does not match the boxes, leaving them empty', async () => {
      await showDocument(page, `<form><fieldset><legend>Authenticator code</legend>${BOXES(6)}</fieldset></form>`);
      expect(await fillInPage(page, '12345678')).toEqual({ filled: false, reason: 'length-mismatch' });
      expect(await page.evaluate(() => Array.from(document.querySelectorAll('input'), (box) => box.value).join(''), null)).toBe('');
      expect(await fillInPage(page, '12ab56')).toEqual({ filled: false, reason: 'not-a-code' });
    });
  });
}
