/**
 * Starts the local user pool, seeded with the demo pool, on 127.0.0.1 at the preferred port or,
 * when that one is taken (another demo, a debugger on 9229), the next free one after it.
 */
import { fileURLToPath } from 'node:url';
import { acceptsTotpCode, startLocalPool, type LocalPool } from 'cognito-local-user-pool';

export const DEMO_SEED_PATH = fileURLToPath(new URL('./seed.json', import.meta.url));

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

export async function startDemoPool(preferredPort: number, attempts = 20): Promise<LocalPool> {
  for (let port = preferredPort; port < preferredPort + attempts && port <= 65535; port++) {
    try {
      return await startLocalPool({
        port,
        host: '127.0.0.1',
        seedPath: DEMO_SEED_PATH,
        // The codes a pool "sends" (none in this demo's flows) would otherwise go nowhere visible.
        onCode: (_poolId, username, purpose) => process.stdout.write(`[pool] a ${purpose} code was issued to ${username}\n`),
      });
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
    }
  }
  throw new Error(`ports ${preferredPort}-${preferredPort + attempts - 1} on 127.0.0.1 are all in use; pass --port N`);
}

/**
 * Whether `code` is a TOTP code the pool itself would accept now for this user: the check that a
 * code shown by the extension comes from the secret the pool holds (seeded or enrolled in the demo).
 */
export function poolAcceptsTotp(pool: LocalPool, userPoolId: string, username: string, code: string): boolean {
  return acceptsTotpCode(pool, userPoolId, username, code, Date.now());
}
