/**
 * Numbered screenshots of the headless demo: 01-create-the-vault.png, 02-…, in one folder per run,
 * so a reader can follow the steps in file order.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExtPage } from '../../browser-harness/launch.ts';

/** demo-screenshots/2026-11-22T04-39-05 (local time, no characters file systems dislike). */
export function defaultScreenshotDir(now: Date, base = 'demo-screenshots'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`;
  return join(base, stamp);
}

/** `3, 'Sign in demo-totp'` → `03-sign-in-demo-totp.png`. */
export function screenshotFileName(step: number, title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'step';
  return `${String(step).padStart(2, '0')}-${slug}.png`;
}

export class ScreenshotRecorder {
  readonly dir: string;
  private step = 0;
  readonly saved: string[] = [];

  constructor(dir: string) {
    this.dir = resolve(dir);
    mkdirSync(this.dir, { recursive: true });
  }

  /** Saves the page as the next numbered step: all of it, or (`fullPage: false`) what is in view. */
  async capture(page: ExtPage, title: string, { fullPage = true } = {}): Promise<string> {
    const path = join(this.dir, screenshotFileName(++this.step, title));
    await page.screenshot(path, { fullPage });
    this.saved.push(path);
    return path;
  }
}
