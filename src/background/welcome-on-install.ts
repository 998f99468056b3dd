// First run: the browser installs the extension and nothing says what it is. On a new install
// (not an update, not a browser update) the welcome page opens in a tab; it explains the
// extension in three lines and creates the vault. tabs.create needs no permission.
export const WELCOME_PAGE_PATH = 'src/welcome/welcome.html';

export interface WelcomeDeps {
  getURL(path: string): string;
  createTab(props: { url: string; active: boolean }): Promise<unknown>;
}

/** Opens the welcome page when `reason` is "install"; resolves whether it did. */
export async function openWelcomeOnInstall(reason: string, deps: WelcomeDeps): Promise<boolean> {
  if (reason !== 'install') return false;
  await deps.createTab({ url: deps.getURL(WELCOME_PAGE_PATH), active: true });
  return true;
}
