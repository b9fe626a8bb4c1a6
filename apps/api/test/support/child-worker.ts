import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The webhook worker (src/worker.ts) as a real child process, run from the TypeScript sources, so a
 * test can SIGKILL it mid-request and start it again.
 */
export class ChildWorker {
  private child: ChildProcess | null = null;
  output = '';

  constructor(private readonly env: Record<string, string>) {}

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) throw new Error('the worker is already running');
    const child = spawn(process.execPath, ['--import', './test/support/register-ts.mjs', 'src/worker.ts'], {
      cwd: API_DIR,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the worker did not start in ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
      const onData = (d: Buffer) => {
        this.output = (this.output + d.toString()).slice(-20_000);
        if (this.output.includes('worker ready')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the worker exited with ${code}:\n${this.output}`));
      });
    });
  }

  /** Ends the worker with `signal` (SIGKILL: no cleanup at all) and waits until it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
