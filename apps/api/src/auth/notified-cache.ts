import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { PgNotifications } from '../database/notifications.js';

/** How long an entry is trusted without a notification: the bound on staleness while LISTEN is down. */
const TRUST_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * What the auth guard needs to know of a credential (a user's account, an API key), cached per process
 * so an authenticated request costs no query. A committed change to the table, by any process or an
 * operator's SQL, is NOTIFYed on `channel` with the entry's key by a trigger, and every process drops
 * that entry (all of them after its LISTEN connection was lost, as it may have missed one); a write in
 * this process drops its entry at once with {@link forget}, which is all the single-process embedded
 * database has. Entries are read again after a minute whatever happens.
 */
export abstract class NotifiedCache<V> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, { value: V; at: number }>();
  /** Counts invalidations: a read that began before one does not fill the cache with what it read. */
  private generation = 0;
  private unsubscribe: (() => void) | null = null;

  protected constructor(
    private readonly notifications: PgNotifications,
    private readonly channel: string,
  ) {}

  /** The entry as the database has it now. */
  protected abstract load(key: string): Promise<V>;

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = await this.notifications.subscribe(this.channel, {
      onNotify: (key) => this.forget(key || undefined),
      onGap: () => this.forget(),
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  protected async get(key: string): Promise<V> {
    const hit = this.entries.get(key);
    const now = Date.now();
    if (hit && now - hit.at < TRUST_MS) return hit.value;
    const generation = this.generation;
    const value = await this.load(key);
    if (generation === this.generation) {
      this.entries.delete(key); // re-inserted last: the map's order is the order entries were read
      this.entries.set(key, { value, at: now });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }

  /** Drops an entry (every entry without a key), after a change to it committed. */
  forget(key?: string): void {
    this.generation++;
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}
