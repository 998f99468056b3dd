// The headless demo (`npm start -- --headless`, and `--browser firefox`, after `npm run package`
// and `npm run build:web-apps`) run as a person runs it, in its own process: every step passes and leaves its
// screenshot, the Amplify demo app's steps included (scripts/demo/demo-app.ts): the app's own
// sign-in with the TOTP code filled by the extension, and the app signed in by "Sign in this tab".
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });

function runDemo(browserName: string, shotsDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--browser', browserName, '--headless', '--screenshots', shotsDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

describe.each(['chromium', 'firefox'])('the headless demo in %s, as npm start runs it', (browserName) => {
  it("runs every step, the demo app's included, and saves a screenshot of each", async () => {
    const shotsDir = mkdtempSync(join(tmpdir(), `demo-headless-${browserName}-`));
    dirs.push(shotsDir);
    const { code, output } = await runDemo(browserName, shotsDir);
    expect(code, output).toBe(0);
    for (const line of ['✓ create the vault', '✓ sign in demo-totp', "✓ the app's own sign-in, the code filled by the extension", '✓ the app signed in by "Sign in this tab"']) {
      expect(output).toContain(line);
    }
    const shots = readdirSync(shotsDir);
    for (const name of ['app-the-totp-code-filled-by-the-extension', 'app-demo-totp-signed-in-by-the-app-code-from-the-extension', 'app-demo-totp-signed-in-by-sign-in-this-tab']) {
      expect(shots.some((file) => file.endsWith(`-${name}.png`)), `${name} in ${shots.join(', ')}`).toBe(true);
    }
    expect(shots.filter((file) => file.includes('failed'))).toEqual([]);
  }, 300_000);
});
