// The pages' message sending survives a worker that is (re)starting: a message no one received is
// sent once more; a failure after the background may have acted is never repeated.
import { describe, expect, it } from 'vitest';
import { sendWithRetry } from '../../src/ui/send-with-retry';

/** A fake runtime.sendMessage that fails with the given errors, in order, then answers. */
function flakySend(...failures: Error[]) {
  const sent: unknown[] = [];
  const send = async (message: unknown) => {
    sent.push(message);
    const failure = failures.shift();
    if (failure) throw failure;
    return { ok: true };
  };
  return { send, sent };
}

describe('sendWithRetry', () => {
  it.each([
    'Could not establish connection. Receiving end does not exist.',
    'Receiving end does not exist.',
  ])('sends again once when no one received the message: %s', async (text) => {
    const { send, sent } = flakySend(new Error(text));
    expect(await sendWithRetry(send, { type: 'status' }, 0)).toEqual({ ok: true });
    expect(sent).toEqual([{ type: 'status' }, { type: 'status' }]);
  });

  it('gives up after the second attempt', async () => {
    const missing = new Error('Could not establish connection. Receiving end does not exist.');
    const { send, sent } = flakySend(missing, missing);
    await expect(sendWithRetry(send, { type: 'status' }, 0)).rejects.toThrow(/Receiving end/);
    expect(sent).toHaveLength(2);
  });

  it('never repeats a request the background may have acted on', async () => {
    const { send, sent } = flakySend(new Error('The message port closed before a response was received.'));
    await expect(sendWithRetry(send, { type: 'hotp-next', id: 'a' }, 0)).rejects.toThrow(/port closed/);
    expect(sent).toHaveLength(1);
  });

  it.each(['hotp-next', 'add-account', 'import', 'change-vault-password', 'sign-out'])(
    'does not send %s again even when the browser says no one received it (Firefox says so of a terminated event page too)', async (type) => {
      const { send, sent } = flakySend(new Error('Could not establish connection. Receiving end does not exist.'));
      await expect(sendWithRetry(send, { type, id: 'a' }, 0)).rejects.toThrow(/Receiving end/);
      expect(sent).toHaveLength(1);
    });

  it('sends a sign-in again (the page chose its flowId, so a resend finds the same flow)', async () => {
    const { send, sent } = flakySend(new Error('Receiving end does not exist.'));
    expect(await sendWithRetry(send, { type: 'sign-in', accountId: 'a', flowId: 'f' }, 0)).toEqual({ ok: true });
    expect(sent).toHaveLength(2);
  });
});
