/**
 * The schedule of a dispatcher's sweeps over an outbox table: every `intervalMs`, and soon after a
 * nudge ("a row was just written"). One sweep at a time; a nudge during a sweep runs one more right
 * after it, so nothing written meanwhile waits for the interval.
 */
export class SweepLoop {
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private again = false;
  private halted = false;

  constructor(
    private readonly sweep: () => Promise<unknown>,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Sweeps now and then every `intervalMs`. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => this.nudge(0), intervalMs);
    this.timer.unref();
    this.nudge(0);
  }

  get stopped(): boolean {
    return this.halted;
  }

  /** Sweeps after `delayMs`, unless a sweep is already planned. */
  nudge(delayMs: number): void {
    if (this.halted) return;
    if (this.sweeping) {
      this.again = true;
      return;
    }
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.sweeping = this.sweep()
        .then(() => undefined)
        .catch(this.onError)
        .finally(() => {
          this.sweeping = null;
          if (this.again) {
            this.again = false;
            this.nudge(0);
          }
        });
    }, delayMs);
    this.soon.unref?.();
  }

  /** No more sweeps; resolves when the one running has finished. */
  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.sweeping?.catch(() => undefined);
  }
}
