import { Injectable } from '@nestjs/common';
import { API_KEYS_CHANNEL } from '../database/database.constants.js';
import { PgNotifications } from '../database/notifications.js';
import { hashApiKey, looksLikeApiKey } from './api-key-format.js';
import { AuthRepository, type ActiveApiKey } from './auth.repository.js';
import { NotifiedCache } from './notified-cache.js';

/** A key's last use is written at most this often, so a busy key costs one UPDATE a minute, not one per request. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * The auth guard's view of API keys, by the key's hash: the key's tenant, role and name while it is not
 * revoked; null for a revoked or unknown one. Kept current as {@link NotifiedCache} says (migration
 * 1764000001400): a revocation here is dropped at once, one elsewhere when its NOTIFY arrives.
 */
@Injectable()
export class ActiveApiKeys extends NotifiedCache<ActiveApiKey | null> {
  /** When each key's last use was last written. */
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly repo: AuthRepository,
    notifications: PgNotifications,
  ) {
    super(notifications, API_KEYS_CHANNEL);
  }

  /** The key's current state, its use recorded; null when it is not a key, unknown or revoked. */
  async find(key: string): Promise<ActiveApiKey | null> {
    if (!looksLikeApiKey(key)) return null;
    const found = await this.get(hashApiKey(key));
    if (found && Date.now() - (this.lastUsedWritten.get(found.id) ?? 0) > LAST_USED_EVERY_MS) {
      this.lastUsedWritten.set(found.id, Date.now());
      await this.repo.recordApiKeyUse(found.id);
    }
    return found;
  }

  protected load(hash: string): Promise<ActiveApiKey | null> {
    return this.repo.findActiveApiKey(hash);
  }
}
