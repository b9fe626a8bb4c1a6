import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DATABASE_TARGET } from './database.service.js';
import type { DatabaseTarget } from './platform-database.js';

export interface NotificationSubscriber {
  /** A NOTIFY on the channel was committed. */
  onNotify: (payload: string) => void;
  /** Notifications may have been missed: the connection was lost and is back. */
  onGap: () => void;
}

/**
 * PostgreSQL notifications for this process: one dedicated LISTEN connection shared by every
 * subscriber (a PostgreSQL server only: the embedded database serves a single process, which hears
 * its own changes directly). A lost connection is opened again after {@link retryMs}; subscribers then
 * hear `onGap`, since what was notified meanwhile is lost. Subscribers keep a fallback (a timer) for
 * the time no connection is up.
 */
@Injectable()
export class PgNotifications implements OnApplicationShutdown {
  /** Wait before opening a lost connection again. */
  retryMs = 5000;
  private readonly logger = new Logger('Notifications');
  private readonly channels = new Map<string, Set<NotificationSubscriber>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  /** Connections whose loss was handled. */
  private readonly gone = new WeakSet<pg.Client>();
  /** A connection was up before: opening one now follows a loss. */
  private connectedBefore = false;

  constructor(@Inject(DATABASE_TARGET) private readonly target: DatabaseTarget) {}

  /** Whether this process can hear other processes' notifications. */
  get available(): boolean {
    return this.target.embedded === null;
  }

  /** Listens on `channel` until the returned function is called. */
  async subscribe(channel: string, subscriber: NotificationSubscriber): Promise<() => void> {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
    if (!this.available || this.closed) return () => undefined;
    let subscribers = this.channels.get(channel);
    const isNew = !subscribers;
    if (!subscribers) this.channels.set(channel, (subscribers = new Set()));
    subscribers.add(subscriber);
    if (this.client && isNew) {
      await this.client.query(`LISTEN ${channel}`).catch((err) => this.lost(this.client!, err));
    } else if (!this.client) {
      await this.connect();
    }
    return () => {
      subscribers.delete(subscriber);
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await this.connecting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.target.runtimeUrl,
      ...(this.target.runtimeOptions ? { options: this.target.runtimeOptions } : {}),
    });
    client.on('notification', (n) => {
      for (const s of this.channels.get(n.channel) ?? []) s.onNotify(n.payload ?? '');
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
      if (this.closed) {
        await client.end();
        return;
      }
      const reconnected = this.connectedBefore;
      this.client = client;
      this.connectedBefore = true;
      if (reconnected) for (const set of this.channels.values()) for (const s of set) s.onGap();
    } catch (err) {
      this.lost(client, err);
    }
  }

  private lost(client: pg.Client, err: unknown): void {
    if (this.gone.has(client)) return; // its 'error' and 'end' both report one loss
    this.gone.add(client);
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    this.logger.warn({
      msg: `LISTEN connection lost; opening it again in ${this.retryMs} ms`,
      err: String(err),
    });
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.retryMs);
    this.retry.unref();
  }
}
