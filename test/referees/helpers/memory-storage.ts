// In-memory stand-ins for the browser storage the official clients expect. They are not mocks of
// Cognito: they only give device keys and tokens somewhere to live between two sign-ins in node.
import type { ICognitoStorage } from 'amazon-cognito-identity-js';

/** Synchronous Web-Storage-like store for amazon-cognito-identity-js. */
export class MemoryStorage implements ICognitoStorage {
  private readonly items = new Map<string, string>();

  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }

  clear(): void {
    this.items.clear();
  }

  keys(): string[] {
    return [...this.items.keys()];
  }
}

/** Asynchronous key-value store for Amplify v6 (`KeyValueStorageInterface`). */
export class AsyncMemoryStorage {
  private readonly items = new Map<string, string>();

  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
  }

  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null;
  }

  async removeItem(key: string): Promise<void> {
    this.items.delete(key);
  }

  async clear(): Promise<void> {
    this.items.clear();
  }

  keys(): string[] {
    return [...this.items.keys()];
  }
}
