// A TOTP code already used in this 30-second step (by the enrolment or an earlier sign-in):
// the engine answers once more with the next step's code, which Cognito accepts one step early,
// and surfaces the error when that one is spent too.
//
// The pool's clock is set to run from 5 s into a step, so the whole test stays inside one step
// whatever the wall clock says; the engine learns the offset from the Date header.

import { beforeAll, describe, expect, it } from 'vitest';
import type { PoolClient } from '../../src/cognito/engine/types';
import { PASSWORD, enrolThroughMfaSetup, expectSignedIn, request, harnessForFile, startSignIn } from './harness';

const STEP_MS = 30_000;
const realStart = Date.now();
const serverStart = (Math.floor(realStart / STEP_MS) + 10) * STEP_MS + 5_000;

const h = harnessForFile({ now: () => serverStart + (Date.now() - realStart) });
let poolId: string;
let client: PoolClient;

beforeAll(async () => {
  poolId = await h.createPool({ PoolName: 'totp-replay' });
  await h.requireTotp(poolId);
  client = await h.createClient(poolId);
  await h.createUser(poolId, 'rita');
});

describe('TOTP code already used in this step', () => {
  it('retries once with the next step, then surfaces ExpiredCodeError', async () => {
    const deps = h.deps();
    const { enrolledTotpSecret } = await enrolThroughMfaSetup(deps, client, 'rita');
    const secrets = { password: PASSWORD, totpSecret: enrolledTotpSecret! };

    // The enrolment's VerifySoftwareToken used this step: the engine moves to the next one.
    const out = expectSignedIn(await startSignIn(deps, request(client, 'rita'), secrets));
    expect(out.events).toContainEqual(expect.objectContaining({ kind: 'totp-code-reused', level: 'warning' }));

    // Both usable steps are spent now: no third attempt, the service's error comes through.
    const error = await startSignIn(deps, request(client, 'rita'), secrets).catch((e: unknown) => e);
    expect(error).toMatchObject({ exception: 'ExpiredCodeException' });
    expect((error as Error).message).toMatch(/already been used/);
    expect(Date.now() - realStart).toBeLessThan(20_000);
  });
});
