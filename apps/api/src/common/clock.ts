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
}
