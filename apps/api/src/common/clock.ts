import { Injectable } from '@nestjs/common';

/** The platform's clock: the rules take "today" as a value; tests may move it. */
@Injectable()
export class Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today as an ISO calendar date (UTC). */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** Tests only: moves the clock by whole days. */
  travelDays(days: number): void {
    this.offsetMs += days * 86_400_000;
  }

  /**
   * Runs `work` with the clock set to `moment` (and running on from there), then puts it back as it
   * was, even if `work` fails: how the demo desk writes a history that happened weeks ago.
   */
  async at<T>(moment: Date, work: () => Promise<T>): Promise<T> {
    const saved = this.offsetMs;
    this.offsetMs = moment.getTime() - Date.now();
    try {
      return await work();
    } finally {
      this.offsetMs = saved;
    }
  }
}
