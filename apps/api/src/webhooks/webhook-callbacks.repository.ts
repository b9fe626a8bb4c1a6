import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';

/** A manufacturer's callback applied to a ticket, to record. */
export interface NewCallback {
  tenantId: string;
  manufacturerId: string;
  webhookId: string;
  ticketId: string;
  eventType: string;
  rawBody: string;
  action: string;
  fromStatus: string;
  toStatus: string;
}

/** A callback recorded before: the ticket it moved and where to. */
export interface RecordedCallback {
  ticketId: string;
  toStatus: string;
}

/** The manufacturers' callbacks, one per (manufacturer, webhook-id): how a replay is recognised. */
@Injectable()
export class WebhookCallbacksRepository {
  /**
   * Records a callback; false when this (manufacturer, webhook-id) was recorded before (a replay).
   * A concurrent copy waits here for the first one's transaction, then finds the conflict.
   */
  async insert(c: NewCallback): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO webhook_callbacks (tenant_id, manufacturer_id, webhook_id, ticket_id, event_type, raw_body, result, action, from_status, to_status)
       VALUES ($1, $2, $3, $4, $5, $6, 'APPLIED', $7, $8, $9)
       ON CONFLICT (manufacturer_id, webhook_id) DO NOTHING RETURNING id`,
      [
        c.tenantId,
        c.manufacturerId,
        c.webhookId,
        c.ticketId,
        c.eventType,
        c.rawBody,
        c.action,
        c.fromStatus,
        c.toStatus,
      ],
    );
    return rows.length > 0;
  }

  async find(manufacturerId: string, webhookId: string): Promise<RecordedCallback | null> {
    const rows: RecordedCallback[] = await tx.query(
      `SELECT ticket_id AS "ticketId", to_status AS "toStatus" FROM webhook_callbacks WHERE manufacturer_id = $1 AND webhook_id = $2`,
      [manufacturerId, webhookId],
    );
    return rows[0] ?? null;
  }
}
