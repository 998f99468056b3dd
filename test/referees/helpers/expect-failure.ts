// Turns "this call must fail" into a value a test can make assertions on.

/**
 * Waits for the promise and returns what it rejected with; throws if it resolved, so a referee
 * expecting an error can never pass on a success.
 */
export async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  const kind = (outcome as { kind?: string } | null)?.kind ?? typeof outcome;
  throw new Error(`Expected the call to fail, but it succeeded (${kind})`);
}
