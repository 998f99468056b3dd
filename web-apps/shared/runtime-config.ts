// Where the test apps learn which user pool to sign in to: at runtime, so one build serves any
// pool on any port. The query string wins (a test or a person can point a tab anywhere); without
// it, the server's /config.json (written by web-apps/server.ts from the pool it was given).
export interface PoolConfig {
  userPoolId: string;
  clientId: string;
  /** The user pool API endpoint (the local pool's http://127.0.0.1:<port>/). */
  endpoint: string;
}

/** The query parameters that carry a PoolConfig; server.ts builds URLs with the same names. */
export const CONFIG_PARAMS = ['userPoolId', 'clientId', 'endpoint'] as const satisfies readonly (keyof PoolConfig)[];

function fromQuery(search: string): PoolConfig | undefined {
  const query = new URLSearchParams(search);
  const [userPoolId, clientId, endpoint] = CONFIG_PARAMS.map((name) => query.get(name));
  return userPoolId && clientId && endpoint ? { userPoolId, clientId, endpoint } : undefined;
}

export async function loadPoolConfig(): Promise<PoolConfig> {
  const given = fromQuery(location.search);
  if (given) return given;
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`no pool configured: /config.json answered ${response.status}`);
  const served = (await response.json()) as { pool?: PoolConfig };
  if (!served.pool) throw new Error('no pool configured: pass userPoolId, clientId and endpoint in the query string');
  return served.pool;
}

/** Shows a start-up failure on the page itself, where a test's failure screenshot will see it. */
export function showFatal(error: unknown): void {
  const box = document.createElement('p');
  box.dataset['testid'] = 'app-error';
  box.textContent = `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
  document.body.append(box);
}
