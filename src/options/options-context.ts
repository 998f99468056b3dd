/** What each options feature gets: a way to tell the others the account list changed. */
export interface OptionsContext {
  accountsChanged(): void;
  onAccountsChanged(listener: () => void): void;
}

export function createOptionsContext(): OptionsContext {
  const listeners: (() => void)[] = [];
  return {
    accountsChanged: () => listeners.forEach((listener) => listener()),
    onAccountsChanged: (listener) => listeners.push(listener),
  };
}
