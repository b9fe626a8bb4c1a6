/**
 * In-process nudges from a writer to its dispatcher ("a row was just written"), so the one-command
 * start sends within milliseconds instead of waiting for the next sweep. A nudge that comes before the
 * writer's commit finds nothing; the dispatcher's next sweep (or a NOTIFY) picks the row up.
 * Each outbox has its own subclass, so Nest injects each its own instance.
 */
export class Signals {
  private readonly listeners = new Set<() => void>();

  listen(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  nudge(): void {
    for (const fn of this.listeners) fn();
  }
}
