import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SecretBox, SecretBoxError } from '../common/secret-box.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { WebhookEndpointsRepository, type EndpointSecrets } from './webhook-endpoints.repository.js';

/** Which of an endpoint's secrets: the one we sign with, or the one its callbacks are signed with. */
export type SecretKind = 'outbound' | 'inbound';

/** A stored secret this process cannot open: sealed under a key it lacks, or damaged. */
export class SecretUnreadableError extends Error {
  constructor(
    public readonly manufacturerId: string,
    public readonly kind: SecretKind,
    public readonly reason: string,
  ) {
    super(`The ${kind === 'outbound' ? 'signing' : 'inbound'} secret cannot be decrypted: ${reason}`);
    this.name = 'SecretUnreadableError';
  }
}

const COLUMNS: Array<[Exclude<keyof EndpointSecrets, 'id' | 'manufacturerId'>, SecretKind, string]> = [
  ['secret', 'outbound', 'secret'],
  ['previousSecret', 'outbound', 'previous_secret'],
  ['inboundSecret', 'inbound', 'inbound_secret'],
  ['inboundPreviousSecret', 'inbound', 'inbound_previous_secret'],
];

/**
 * The webhook endpoints' secrets at rest: sealed with {@link SecretBox} under SECRETS_KEY before they
 * are written, opened only where a message is signed or a callback verified. The authenticated
 * context is the manufacturer and the direction, not the column, so a rotation can move the current
 * value to `previous_*` in SQL without opening it.
 *
 * At boot, in one transaction, every stored secret that is plain text or sealed under a previous key
 * is sealed under the current one. Doing it at boot rather than on read leaves no plain or old-key
 * value behind for an endpoint nobody reads (an idle manufacturer), so once one process has started
 * with a new key the old one can be retired, and the table is one row per manufacturer, so the pass
 * is instant. The rows are locked: processes starting together seal once, the later ones find
 * nothing to do. A value it cannot open is left as it is and reported; the start goes on, because
 * the remedy (rotating that secret) needs the API.
 */
@Injectable()
export class WebhookSecrets implements OnApplicationBootstrap {
  private readonly logger = new Logger('Webhooks');
  private readonly box: SecretBox;

  constructor(
    private readonly db: Database,
    private readonly endpoints: WebhookEndpointsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const keys = config.secretsKeys;
    this.box = new SecretBox(keys?.current ?? null, keys?.previous ?? []);
  }

  /** The value to store for a new secret of a manufacturer's endpoint. */
  seal(manufacturerId: string, kind: SecretKind, plain: string): string {
    return this.box.seal(plain, context(manufacturerId, kind));
  }

  /** The plain secrets of stored ones, in order; throws {@link SecretUnreadableError} if one cannot be opened. */
  open(manufacturerId: string, kind: SecretKind, stored: readonly string[]): string[] {
    const { secrets, unreadable } = this.openReadable(manufacturerId, kind, stored);
    if (unreadable) throw unreadable;
    return secrets;
  }

  /** The stored secrets that can be opened, and the error of the first one that cannot (if any). */
  openReadable(
    manufacturerId: string,
    kind: SecretKind,
    stored: readonly string[],
  ): { secrets: string[]; unreadable: SecretUnreadableError | null } {
    const secrets: string[] = [];
    let unreadable: SecretUnreadableError | null = null;
    for (const s of stored) {
      try {
        secrets.push(this.box.open(s, context(manufacturerId, kind)));
      } catch (err) {
        if (!(err instanceof SecretBoxError)) throw err;
        unreadable ??= new SecretUnreadableError(manufacturerId, kind, err.message);
      }
    }
    return { secrets, unreadable };
  }

  /** Whether a stored secret can be opened by this process. */
  readable(manufacturerId: string, kind: SecretKind, stored: string): boolean {
    return this.openReadable(manufacturerId, kind, [stored]).unreadable === null;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sealAtRest();
  }

  /**
   * Seals every stored secret under the current key (plain ones, and those under a previous key), in
   * one transaction; reports the ones it cannot open. Without SECRETS_KEY: a warning, and nothing
   * changes (a sealed value is never written back as plain text).
   */
  async sealAtRest(): Promise<{ sealed: number; unreadable: number }> {
    if (!this.box.encrypting) {
      this.logger.warn({
        msg: 'SECRETS_KEY is not set: webhook signing secrets are stored unencrypted in the database',
      });
    }
    return this.db.run(ALL_TENANTS, async () => {
      const rows = await this.endpoints.secretsForUpdate();
      const changed: EndpointSecrets[] = [];
      const unreadable: Array<{ manufacturerId: string; column: string; reason: string }> = [];
      let sealed = 0;
      for (const row of rows) {
        const next = { ...row };
        let rowChanged = false;
        for (const [field, kind, column] of COLUMNS) {
          const stored = row[field];
          if (stored === null) continue;
          const ctx = context(row.manufacturerId, kind);
          try {
            if (!this.box.encrypting) {
              this.box.open(stored, ctx); // only to report a sealed value nothing here can read
              continue;
            }
            const resealed = this.box.reseal(stored, ctx);
            if (resealed !== null) {
              next[field] = resealed;
              rowChanged = true;
              sealed++;
            }
          } catch (err) {
            if (!(err instanceof SecretBoxError)) throw err;
            unreadable.push({ manufacturerId: row.manufacturerId, column, reason: err.message });
          }
        }
        if (rowChanged) changed.push(next);
      }
      if (changed.length > 0) await this.endpoints.updateSecrets(changed);
      if (this.box.encrypting) {
        this.logger.log({
          msg: 'webhook secrets encrypted at rest',
          key: this.box.keyId,
          previousKeys: this.box.keyIds.slice(1),
          endpoints: rows.length,
          sealedNow: sealed,
        });
      }
      if (unreadable.length > 0) {
        this.logger.error({
          msg: 'webhook secrets that cannot be decrypted: deliveries to these manufacturers fail and their callbacks are refused until the key is configured (SECRETS_KEY, SECRETS_KEY_PREVIOUS) or the secret is rotated',
          secrets: unreadable,
        });
      }
      return { sealed, unreadable: unreadable.length };
    });
  }
}

/** The authenticated context of a stored secret: whose it is and which direction. */
function context(manufacturerId: string, kind: SecretKind): string {
  return `webhook_endpoints/${manufacturerId}/${kind}`;
}
