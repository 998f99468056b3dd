import browser from 'webextension-polyfill';
browser.runtime.onMessage.addListener(async (msg: unknown) => ({ ok: true, echo: msg }));
