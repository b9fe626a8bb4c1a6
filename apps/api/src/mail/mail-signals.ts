import { Injectable } from '@nestjs/common';

/**
 * In-process nudges to the mail dispatcher ("a message was just written"). A nudge that comes before
 * the writer's commit finds nothing; the dispatcher's next sweep picks the message up.
 */
@Injectable()
export class MailSignals {
  private readonly listeners = new Set<() => void>();

  listen(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  nudge(): void {
    for (const fn of this.listeners) fn();
  }
}
