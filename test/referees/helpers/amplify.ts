// Points the Amplify v6 singleton at one pool of the local server, with an in-memory key-value
// store so tokens and device keys survive between sign-ins in node.
import { Amplify } from 'aws-amplify';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import type { RefereePool } from './setup';
import { AsyncMemoryStorage } from './memory-storage';

/**
 * Amplify reads `navigator` to name a new device for ConfirmDevice; node 20 has none, and
 * Amplify then silently skips device confirmation. A browser always has one, so give node a
 * minimal one (the same user agent string a browser would send).
 */
export function provideNavigator(): void {
  if (typeof globalThis.navigator === 'undefined') {
    Object.defineProperty(globalThis, 'navigator', {
      value: { userAgent: 'Mozilla/5.0 (referee; node) amplify-v6' },
      configurable: true,
    });
  }
}

export function configureAmplify(pool: RefereePool, storage = new AsyncMemoryStorage()): AsyncMemoryStorage {
  provideNavigator();
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: pool.userPoolId,
        userPoolClientId: pool.clientId,
        userPoolEndpoint: pool.endpoint,
      },
    },
  });
  // configure() resets the token provider's storage to the default one, so set ours afterwards.
  cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
  return storage;
}
