/**
 * Sends one message to the background, once more if no one received it. While the browser starts
 * or restarts the worker (after an update, a crash, or being stopped at the wrong moment) a message
 * can find no listener: the browser then says "Receiving end does not exist". Chromium says so only
 * when the background never saw the request; Firefox also when its event page was terminated while
 * handling it, so only requests that are safe to do twice are sent again (RESENDABLE, one decision
 * per request type). Any other failure (the worker stopped while answering, "message port closed")
 * may come after the request took effect, and is passed on as it is. Kept apart from
 * ask-background.ts so node tests can run it.
 */
import { RESENDABLE, type RequestType } from '../shared/requests';


const NOT_RECEIVED = /receiving end does not exist|could not establish connection/i;
/** Long enough for the browser to finish starting the worker. */
const RETRY_DELAY_MS = 200;

export async function sendWithRetry(send: (message: unknown) => Promise<unknown>, message: unknown, delayMs = RETRY_DELAY_MS): Promise<unknown> {
  try {
    return await send(message);
  } catch (error) {
    if (!(error instanceof Error) || !NOT_RECEIVED.test(error.message) || !isResendable(message)) throw error;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return send(message);
  }
}

function isResendable(message: unknown): boolean {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && Object.hasOwn(RESENDABLE, type) && RESENDABLE[type as RequestType];
}
