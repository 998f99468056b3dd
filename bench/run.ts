/**
 * `npm run bench`: runs every module in bench/sections/*.ts in name order, one after another in
 * this process. Each section exports `run(): Promise<void>` and prints its own table. Benches
 * print; they never assert (timings on a shared machine are not test material).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Section {
  run(): Promise<void>;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), 'sections');
const only = process.argv.slice(2); // optional: `npm run bench -- srp` runs only matching sections
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file.replace(/\.ts$/, '')} ===`);
  const started = performance.now();
  try {
    const section = (await import(pathToFileURL(join(dir, file)).href)) as Partial<Section>;
    if (typeof section.run !== 'function') throw new Error('does not export run(): Promise<void>');
    await section.run();
  } catch (err) {
    // One broken section should not hide the others' numbers.
    failed++;
    console.log(`section ${file} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
  console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
if (failed > 0) process.exitCode = 1;
