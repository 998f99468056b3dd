// The one answer table (src/cognito/engine/answer-fields.ts): what the engine accepts as an answer
// to each prompt kind. The message schema runs the same function (messages-schema.test.ts).
import { describe, expect, it } from 'vitest';
import { ANSWER_FIELDS, ANSWER_KINDS, readAnswer } from '../../src/cognito/engine/answer-fields';
import { checkAnswer, type TotpCodePrompt } from '../../src/cognito/engine/prompts';

const refusal = (raw: unknown, check: (raw: unknown) => unknown = readAnswer) => {
  try {
    check(raw);
  } catch (error) {
    return error as { code: string; message: string; details: { field?: string } };
  }
  throw new Error('expected a refusal');
};

describe('readAnswer', () => {
  it('has one entry per prompt kind', () => {
    expect([...ANSWER_KINDS].sort()).toEqual(Object.keys(ANSWER_FIELDS).sort());
    expect(ANSWER_KINDS).toHaveLength(10);
  });

  it('returns a fresh object with only the fields of the kind, attributes copied', () => {
    const attributes = { email: 'a@example.com', name: '' };
    const raw = { kind: 'new-password', newPassword: 'N3w-password!', attributes };
    const answer = readAnswer(raw);
    expect(answer).toEqual(raw);
    expect(answer).not.toBe(raw);
    expect((answer as { attributes: object }).attributes).not.toBe(attributes);
    expect(readAnswer({ kind: 'mfa-setup', approve: false })).toEqual({ kind: 'mfa-setup', approve: false });
  });

  it('refuses a field the kind does not take, naming it and not its value', () => {
    const e = refusal({ kind: 'approve', approve: true, password: 'hunter2hunter2' });
    expect(e).toMatchObject({ code: 'validation', details: { field: 'answer.password' } });
    expect(e.message).not.toContain('hunter2');
  });

  it('refuses empty, over-long and mistyped values, naming the field', () => {
    expect(refusal({ kind: 'totp-code', code: '' }).details.field).toBe('answer.code');
    expect(refusal({ kind: 'totp-code', code: '1'.repeat(65) }).details.field).toBe('answer.code');
    expect(refusal({ kind: 'approve', approve: 'yes' }).details.field).toBe('answer.approve');
    expect(refusal({ kind: 'new-password', newPassword: 'x', attributes: { email: 1 } }).details.field).toBe('answer.attributes.email');
    expect(refusal({ kind: 'new-password', newPassword: 'x', attributes: ['a'] }).details.field).toBe('answer.attributes');
    expect(refusal({ kind: 'bogus' }).details.field).toBe('answer.kind');
    expect(refusal({ kind: 'toString' }).details.field).toBe('answer.kind');
    expect(refusal(null).details.field).toBe('answer');
  });

  it('checkAnswer refuses an answer of another kind than the prompt, before its fields', () => {
    const prompt: TotpCodePrompt = { kind: 'totp-code' };
    expect(refusal({ kind: 'sms-code', code: '123456' }, (raw) => checkAnswer(prompt, raw)).details.field).toBe('answer.kind');
    expect(checkAnswer(prompt, { kind: 'totp-code', code: '123456' })).toEqual({ kind: 'totp-code', code: '123456' });
  });
});
