/**
 * Runs an action with its button disabled and relabelled ("Unlocking…"), so a second press cannot
 * send the request twice and the person sees that something is happening.
 */
export async function whileBusy<T>(button: HTMLButtonElement, busyLabel: string, action: () => Promise<T>): Promise<T> {
  const idleLabel = button.textContent;
  button.disabled = true;
  button.textContent = busyLabel;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.textContent = idleLabel;
  }
}
