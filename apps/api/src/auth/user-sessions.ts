import { Injectable } from '@nestjs/common';
import type { Role } from '@rma/rules';
import { USERS_CHANNEL } from '../database/database.constants.js';
import { PgNotifications } from '../database/notifications.js';
import { AuthRepository } from './auth.repository.js';
import { NotifiedCache } from './notified-cache.js';

/** A user as the auth guard needs them now: who they are, and which of their sessions are valid. */
export interface UserSession {
  id: string;
  tenantId: string | null;
  name: string;
  role: Role;
  /** Tokens carry the epoch they were issued at; one from an earlier epoch is a session that ended. */
  epoch: number;
}

/**
 * The auth guard's view of users, by id: an active user's role, name and session epoch; null for a
 * disabled or deleted one. Kept current as {@link NotifiedCache} says (migration 1764000001200).
 */
@Injectable()
export class UserSessions extends NotifiedCache<UserSession | null> {
  constructor(
    private readonly repo: AuthRepository,
    notifications: PgNotifications,
  ) {
    super(notifications, USERS_CHANNEL);
  }

  /** The user's current state; null when the user is disabled or gone. */
  current(userId: string): Promise<UserSession | null> {
    return this.get(userId);
  }

  protected load(userId: string): Promise<UserSession | null> {
    return this.repo.findUserSession(userId);
  }
}
