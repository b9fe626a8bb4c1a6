import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Role } from '@rma/rules';
import { USERS_CHANNEL } from '../database/migrations/1764000001200-user-sessions.js';
import { PgNotifications } from '../database/notifications.js';
import { AuthRepository } from './auth.repository.js';

/** A user as the auth guard needs them now: who they are, and which of their sessions are valid. */
export interface UserSession {
  id: string;
  tenantId: string | null;
  name: string;
  role: Role;
  /** Tokens carry the epoch they were issued at; one from an earlier epoch is a session that ended. */
  epoch: number;
}

/** How long an entry is trusted without a notification: the bound on staleness while LISTEN is down. */
const TRUST_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * The auth guard's view of users, cached per process so a signed-in request costs no extra query:
 * an active user's role, name and session epoch; null for a disabled or deleted one. A committed change
 * to a user, by any process, is announced by the table's trigger and drops that user's entry here
 * (all entries after the notification connection was lost); writes in this process drop theirs at
 * once, which is all the single-process embedded database has. Entries are read again after a minute
 * whatever happens, so a missed notification cannot keep a session alive for long.
 */
@Injectable()
export class UserSessions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly cache = new Map<string, { session: UserSession | null; at: number }>();
  /** Counts invalidations: a read that began before one does not fill the cache with what it read. */
  private generation = 0;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly repo: AuthRepository,
    private readonly notifications: PgNotifications,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.unsubscribe = await this.notifications.subscribe(USERS_CHANNEL, {
      onNotify: (id) => this.forget(id || undefined),
      onGap: () => this.forget(),
    });
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
  }

  /** The user's current state; null when the user is disabled or gone. */
  async current(userId: string): Promise<UserSession | null> {
    const hit = this.cache.get(userId);
    const now = Date.now();
    if (hit && now - hit.at < TRUST_MS) return hit.session;
    const generation = this.generation;
    const session = await this.repo.findUserSession(userId);
    if (generation === this.generation) {
      this.cache.delete(userId); // re-inserted last: the map's order is the order entries were read
      this.cache.set(userId, { session, at: now });
      if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    return session;
  }

  /** Drops a user's entry (every entry without an id), after a change to them committed. */
  forget(userId?: string): void {
    this.generation++;
    if (userId === undefined) this.cache.clear();
    else this.cache.delete(userId);
  }
}
