/**
 * `npm run pool -- [--port 9229] [--host 127.0.0.1] [--state FILE] [--seed FILE] [--triggers DIR] [--local-issuer]`
 * Runs the local user pool until SIGINT/SIGTERM. Codes the pool "sends" are printed here.
 */
import { parseArgs } from 'node:util';
import { startLocalPool } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9229' },
    host: { type: 'string', default: '127.0.0.1' },
    state: { type: 'string' },
    seed: { type: 'string' },
    triggers: { type: 'string' },
    'local-issuer': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write('usage: npm run pool -- [--port 9229] [--host 127.0.0.1] [--state FILE] [--seed FILE] [--triggers DIR] [--local-issuer]\n');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be 0..65535, got ${values.port}\n`);
  process.exit(2);
}

const pool = await startLocalPool({
  port,
  host: values.host,
  statePath: values.state,
  seedPath: values.seed,
  triggersDir: values.triggers,
  localIssuer: values['local-issuer'],
  onCode: (poolId, username, purpose, code) => process.stdout.write(`[code] ${poolId} ${username} ${purpose}: ${code}\n`),
});
process.stdout.write(`local user pool listening on ${pool.endpoint}\n`);
for (const p of Object.values(pool.store.pools))
  process.stdout.write(`  pool ${p.id} (${p.name}) clients: ${Object.keys(p.clients).join(', ') || '-'}\n`);

const stop = () => {
  pool.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
