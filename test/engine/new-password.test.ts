// NEW_PASSWORD_REQUIRED end to end: a user created by an administrator with a temporary password
// and a required attribute missing.

import { AdminCreateUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PoolClient } from '../../src/cognito/engine/types';
import { answer, expectPrompt, expectSignedIn, request, harnessForFile, startSignIn } from './harness';

const TEMPORARY = 'Temporary-Pass-1';
const CHOSEN = 'Brand-New-Pass-2';

const h = harnessForFile();
let poolId: string;
let client: PoolClient;

beforeAll(async () => {
  poolId = await h.createPool({
    PoolName: 'new-password',
    Schema: [
      { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
      { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
    ],
  });
  client = await h.createClient(poolId, { GenerateSecret: true });
  await h.admin.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: 'dana',
      TemporaryPassword: TEMPORARY,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'dana@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    }),
  );
});

describe('NEW_PASSWORD_REQUIRED', () => {
  it('asks for the new password and only the missing required attributes, then signs in', async () => {
    const deps = h.deps();
    const started = await startSignIn(deps, request(client, 'dana'), { password: TEMPORARY });
    const { state, prompt } = expectPrompt(started, 'new-password');
    expect(prompt.requiredAttributes).toEqual(['name']);

    const missing = expectPrompt(await answer(deps, state, { kind: 'new-password', newPassword: CHOSEN }), 'new-password');
    expect(missing.prompt.error?.message).toContain('name');

    const weak = expectPrompt(
      await answer(deps, missing.state, { kind: 'new-password', newPassword: 'short', attributes: { name: 'Dana' } }),
      'new-password',
    );
    expect(weak.prompt.error?.exception).toBe('InvalidPasswordException');
    expect(weak.prompt.error?.message).not.toContain('short');
    expect(weak.state.session).toBe(state.session);

    // email is already set and email_verified is never sent: echoing them would be refused.
    const out = expectSignedIn(
      await answer(deps, weak.state, {
        kind: 'new-password',
        newPassword: CHOSEN,
        attributes: { name: 'Dana', email: 'other@example.com', email_verified: 'false' },
      }),
    );
    expect(out.newPassword).toBe(CHOSEN);
    const user = await h.admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dana' }));
    const attrs = Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(attrs.name).toBe('Dana');
    expect(attrs.email).toBe('dana@example.com');

    const again = expectSignedIn(await startSignIn(h.deps(), request(client, 'dana'), { password: CHOSEN }));
    expect(again.canonicalUsername).toBe('dana');
  });
});
