// The welcome page opens on a new install only: an update or a browser update must not open a tab
// for someone who already uses the extension. (The install path itself is proven in real
// browsers by test/e2e/first-run.test.ts; the harness fails any launch without the welcome tab.)
import { expect, it } from 'vitest';
import { openWelcomeOnInstall, WELCOME_PAGE_PATH } from '../../src/background/welcome-on-install';

it('opens the welcome page, active, on install and on nothing else', async () => {
  const opened: { url: string; active: boolean }[] = [];
  const deps = { getURL: (path: string) => `chrome-extension://id/${path}`, createTab: async (props: { url: string; active: boolean }) => { opened.push(props); } };
  for (const reason of ['update', 'chrome_update', 'shared_module_update', 'browser_update']) {
    expect(await openWelcomeOnInstall(reason, deps)).toBe(false);
  }
  expect(opened).toEqual([]);
  expect(await openWelcomeOnInstall('install', deps)).toBe(true);
  expect(opened).toEqual([{ url: `chrome-extension://id/${WELCOME_PAGE_PATH}`, active: true }]);
});
