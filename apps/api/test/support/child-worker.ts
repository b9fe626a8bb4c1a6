import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const API_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** A platform process a test starts, kills and starts again: node `args` in apps/api, up once it prints `ready`. */
export class ChildApp {
  private child: ChildProcess | null = null;
  output = '';
  /** What it had printed when it was up. */
  readyOutput = '';
  /** How the last run ended by itself (null while it runs, or when the test stopped it). */
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(
    private readonly env: Record<string, string>,
    private readonly opts: { args: string[]; ready: string; what: string },
  ) {}

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    if (this.child) throw new Error(`${this.opts.what} is already running`);
    this.output = '';
    this.readyOutput = '';
    this.exited = null;
    const child = spawn(process.execPath, this.opts.args, {
      cwd: API_DIR,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.opts.what} did not start in ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
      const onData = (d: Buffer) => {
        this.output = (this.output + d.toString()).slice(-20_000);
        if (!this.readyOutput && this.output.includes(this.opts.ready)) {
          this.readyOutput = this.output;
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        if (this.child === child) this.exited = { code, signal };
        clearTimeout(timer);
        reject(new Error(`${this.opts.what} exited with ${code ?? signal}:\n${this.output}`));
      });
    });
  }

  /** Ends the process with `signal` (SIGKILL: no cleanup at all) and waits until it is gone. */
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

/**
 * The webhook worker (src/worker.ts) as a real child process, run from the TypeScript sources, so a
 * test can SIGKILL it mid-request and start it again.
 */
export class ChildWorker extends ChildApp {
  constructor(env: Record<string, string>) {
    super(env, {
      args: ['--import', './test/support/register-ts.mjs', 'src/worker.ts'],
      ready: 'worker ready',
      what: 'the worker',
    });
  }
}

/** The built entry point `dist/<file>`, or a clear failure when the API was not built. */
function built(file: string): string {
  const path = `dist/${file}`;
  if (!existsSync(`${API_DIR}/${path}`))
    throw new Error(`apps/api/${path} is missing: build first (pnpm exec turbo run build --filter=@rma/api)`);
  return path;
}

/** `node dist/worker.js`, as deployed. */
export class DistWorker extends ChildApp {
  constructor(env: Record<string, string>) {
    super(env, { args: [built('worker.js')], ready: 'worker ready', what: 'dist/worker.js' });
  }
}

/** `node dist/main.js`, as deployed; give it PORT=0 and read the port it took from `url`. */
export class DistApi extends ChildApp {
  constructor(env: Record<string, string>) {
    // The banner's last address line: the API's is printed before it.
    super(env, { args: [built('main.js')], ready: 'OpenAPI docs', what: 'dist/main.js' });
  }

  /** The API's base (`http://localhost:PORT/api/v1`), from the banner it prints once listening. */
  get url(): string {
    const m = /API\s+(http:\/\/\S+\/api\/v1)/.exec(this.readyOutput);
    if (!m) throw new Error(`dist/main.js printed no API address:\n${this.readyOutput}`);
    return m[1]!;
  }
}
