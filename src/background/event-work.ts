// How the background's event listeners run their work: the listener returns the work's promise.
//
// Firefox suspends an event page once it has been idle for `extensions.background.idle.timeout`
// (30 s; the test browsers use 3 s), counted from the last event, however much asynchronous work
// the last event started is still running: a refresh waiting on the network, a sign-in observed
// in a page whose record is still being written. It waits, though, while a listener's returned
// promise is pending. So a listener that starts work with `void work()` and returns nothing lets
// Firefox stop that work half-way; one that returns it does not. Chromium ignores what these
// listeners return (its workers live on while extension APIs are in use).
//
// Failures are settled here: nothing is logged (details could name accounts), and an event has
// no one to answer. Work that must report a failure stores it (a refresh keeps its error with
// the tokens, list-accounts names unreadable records).

/** A listener that runs `work` for each event and returns its promise, settled. */
export function eventWork<A extends unknown[]>(work: (...args: A) => Promise<unknown> | void): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await work(...args);
    } catch {
      // settled: see above
    }
  };
}
