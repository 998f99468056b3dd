// The bench's `page` section (bench/sections/page.ts) runs: one run of each path, in Chromium with
// the packaged zip, the Amplify UI test app and the local pool, printing its two tables. What is
// checked is that each path did what it names (the calls the pool saw, the code filled by the
// extension), not how fast: timings on a shared machine are not test material.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../bench/sections/page';

const APP_SIGN_IN = ['InitiateAuth(USER_SRP_AUTH)->200', 'RespondToAuthChallenge(PASSWORD_VERIFIER)->200', 'RespondToAuthChallenge(SOFTWARE_TOKEN_MFA)->200'];

describe('bench section page', () => {
  afterEach(() => { vi.restoreAllMocks(); });

  it('runs each path once and prints the fill latency and the sign-in paths with their pool calls', async () => {
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => { printed.push(args.join(' ')); });
    await run(1);
    const text = printed.join('\n');
    expect(text).toMatch(/\| field appeared → filled \|\s+\d+ ms \|/);
    const callsOf = (path: string) => printed.find((line) => line.startsWith(`${path}: `))!.slice(path.length + 2).split(', ');
    // The app's own sign-in, with the code typed and with the code filled, made the same calls:
    // the extension's fill went out as the app's own RespondToAuthChallenge(SOFTWARE_TOKEN_MFA).
    expect(callsOf('typed').slice(0, 3)).toEqual(APP_SIGN_IN);
    expect(callsOf('typed')).toContain('GetUser->200');
    expect(callsOf('fill')).toEqual(callsOf('typed'));
    // Sign in this tab: the extension's own SRP and TOTP, then the reloaded app's GetUser.
    expect(callsOf('tab').slice(0, 3)).toEqual(APP_SIGN_IN);
    expect(callsOf('tab')).toContain('GetUser->200');
    expect(text).toMatch(/\| \(b\) "Sign in this tab" → app signed in\s+\|\s+\d+ \|\s+\d+ ms \|\s+[\d.]+× \|\s+[\d.]+× \|/);
  }, 180_000);
});
