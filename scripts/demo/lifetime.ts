/**
 * Makes sure whatever the demo started (pool, browser, temp profile) is stopped however the demo
 * ends: normal exit, Ctrl+C, SIGTERM, or an unexpected error. Cleanups run once, newest first,
 * each one's failure reported but not stopping the others.
 */
type Cleanup = { name: string; run: () => Promise<void> | void };

const cleanups: Cleanup[] = [];
let stopping: Promise<never> | undefined;

export function onShutdown(name: string, run: Cleanup['run']): void {
  cleanups.push({ name, run });
}

export function isShuttingDown(): boolean {
  return stopping !== undefined;
}

/** Runs every cleanup, then exits with `code`. Later calls wait for the first. */
export function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        // A hung browser must not keep the demo alive forever.
        await Promise.race([cleanup.run(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      } catch (error) {
        process.stderr.write(`could not stop the ${cleanup.name}: ${(error as Error).message}\n`);
      }
    }
    process.exit(code);
  })();
  return stopping;
}

/** Ctrl+C and SIGTERM stop everything; so does an error nobody caught. */
export function installShutdownHandlers(): void {
  // Exit codes follow the shell's 128 + signal number.
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      process.stdout.write(`\n${signal}: stopping the demo…\n`);
      void shutdown(code);
    });
  }
  const fail = (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    void shutdown(1);
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
}
