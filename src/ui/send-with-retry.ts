/**
 * Sends one message to the background, once more if no one received it. While the browser starts
 * or restarts the worker (after an update, a crash, or being stopped at the wrong moment) a message
 * can find no listener: the browser then says "Receiving end does not exist" and the background
 * never saw the request, so sending it again cannot do it twice. Any other failure (the worker
 * stopped while answering, "message port closed") may come after the request took effect, and is
 * passed on as it is. Kept apart from ask-background.ts so node tests can run it.
 */

const NOT_RECEIVED = /receiving end does not exist|could not establish connection/i;
/** Long enough for the browser to finish starting the worker. */
const RETRY_DELAY_MS = 200;

export async function sendWithRetry(send: (message: unknown) => Promise<unknown>, message: unknown, delayMs = RETRY_DELAY_MS): Promise<unknown> {
  try {
    return await send(message);
  } catch (error) {
    if (!(error instanceof Error) || !NOT_RECEIVED.test(error.message)) throw error;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return send(message);
  }
}
