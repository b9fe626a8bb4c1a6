import { Injectable } from '@nestjs/common';
import { uuidv7 } from '../common/ids.js';
import { tx, type Write } from '../database/database.service.js';
import { SELECT_TICKET, type TicketRow } from '../tickets/ticket-row.js';

/**
 * A return as stored (migration 1764000002100): what a reseller sends in one go for one end customer,
 * the information its items share. Its items are ticket rows (return_id, position), which keep copies
 * of the shared columns; the return is their source of truth.
 */
export interface ReturnRow {
  id: string;
  tenantId: string;
  customer: Record<string, string>;
  customerName: string | null;
  delivery: Record<string, string>;
  resellerReference: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ReturnValues = Omit<ReturnRow, 'id' | 'createdAt' | 'updatedAt'>;

/** Column → ReturnRow key. */
const COLUMNS: Record<keyof ReturnRow, string> = {
  id: 'id',
  tenantId: 'tenant_id',
  customer: 'customer',
  customerName: 'customer_name',
  delivery: 'delivery',
  resellerReference: 'reseller_reference',
  createdBy: 'created_by',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
const KEYS = Object.keys(COLUMNS) as Array<keyof ReturnRow>;
const JSON_KEYS = new Set<keyof ReturnRow>(['customer', 'delivery']);
const SELECT_RETURN = KEYS.map((key) => `${COLUMNS[key]} AS "${key}"`).join(', ');
const INSERT_RETURN = `INSERT INTO returns (${KEYS.map((key) => COLUMNS[key]).join(', ')})
  VALUES (${KEYS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`;
const ITEMS_SQL = `SELECT ${SELECT_TICKET} FROM tickets WHERE return_id = $1 ORDER BY position`;

/**
 * A new return as it will be stored: its id (a UUIDv7, as a ticket's) and timestamps, built before the
 * insert so its items can name it and leave in the same statement.
 */
export function newReturnRow(values: ReturnValues, now: Date): ReturnRow {
  return { ...values, id: uuidv7(now.getTime()), createdAt: now, updatedAt: now };
}

@Injectable()
export class ReturnsRepository {
  /**
   * Queues a new return (built by {@link newReturnRow}) to be written with COMMIT ({@link tx.defer}), in
   * the same statement as its items, which are queued after it.
   */
  insert(row: ReturnRow): void {
    tx.defer(this.insertWrite(row));
  }

  /** The write of {@link insert}: a fixed text, so it runs prepared. */
  insertWrite(row: ReturnRow): Write {
    return {
      text: INSERT_RETURN,
      values: KEYS.map((key) =>
        JSON_KEYS.has(key) ? JSON.stringify(row[key] ?? {}) : (row[key] as unknown),
      ),
    };
  }

  /** The return, if the unit of work's scope may see it (row-level security: another tenant's is null). */
  async findById(id: string): Promise<ReturnRow | null> {
    const rows = await tx.prepared<ReturnRow>(`SELECT ${SELECT_RETURN} FROM returns WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The return's items, in their order. */
  items(returnId: string): Promise<TicketRow[]> {
    return tx.prepared<TicketRow>(ITEMS_SQL, [returnId]);
  }
}
