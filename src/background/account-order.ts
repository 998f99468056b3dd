// The popup's pins and order (src/shared/account-order.ts), in plain storage.local: ids only,
// which the vault's records already show as their keys, so nothing about an account is revealed.
// A stored value that fails validation reads as no order (the by-service sort) until the next save.
import * as v from 'valibot';
import { AccountOrderSchema, EMPTY_ACCOUNT_ORDER, type AccountOrder } from '../shared/account-order';
import type { StorageArea } from './storage';

const ORDER_KEY = 'accountOrder';

export class AccountOrderStore {
  constructor(private readonly local: StorageArea) {}

  async get(): Promise<AccountOrder> {
    const parsed = v.safeParse(AccountOrderSchema, (await this.local.get(ORDER_KEY))[ORDER_KEY]);
    return parsed.success ? parsed.output : structuredClone(EMPTY_ACCOUNT_ORDER);
  }

  async set(order: AccountOrder): Promise<AccountOrder> {
    await this.local.set({ [ORDER_KEY]: order });
    return order;
  }
}
