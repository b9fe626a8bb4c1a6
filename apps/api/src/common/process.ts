/** Process plumbing shared by the two entry points (main.ts: the API; worker.ts: the queue worker). */

/** On SIGINT or SIGTERM: close the app, stop the embedded database if any, exit 0. */
export function stopOnSignals(app: { close(): Promise<void> }, target: { stop(): Promise<void> }): void {
  const stop = async () => {
    await app.close();
    await target.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** Runs an entry point; a failure to start is printed with its stack and exits 1. */
export function runMain(what: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(
      `${what} failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  });
}
