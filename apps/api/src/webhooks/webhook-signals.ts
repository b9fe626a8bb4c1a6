import { Injectable } from '@nestjs/common';

/**
 * In-process nudges to the dispatcher ("a delivery was just written"), so the one-command start
 * without Redis sends within milliseconds instead of waiting for the next sweep. On a PostgreSQL
 * server the NOTIFY sent on commit does the same across processes; a nudge that comes before the
 * commit finds nothing, and the sweep or the NOTIFY picks the delivery up.
 */
@Injectable()
export class WebhookSignals {
  private readonly listeners = new Set<() => void>();

  listen(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  nudge(): void {
    for (const fn of this.listeners) fn();
  }
}
