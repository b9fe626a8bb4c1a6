import { Injectable } from '@nestjs/common';
import { FINAL_STATUSES } from '@rma/rules';
import { uuidv7 } from '../common/ids.js';
import { tx, type Write } from '../database/database.service.js';
import { isoDate } from '../database/sql.js';
import {
  EVENT_COLUMNS,
  eventParams,
  type TicketEventRow,
  type TicketEventValues,
} from '../tickets/ticket-event-row.js';
import { encode, INSERT_KEYS, SELECT_TICKET, type TicketRow } from '../tickets/ticket-row.js';
import type { StoredFacts } from '../tickets/tickets.repository.js';

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

const LINE = (where: string) =>
  `(SELECT row_to_json(x) FROM (SELECT unit_price_minor::float8 AS unit_price_minor, currency, ${isoDate('invoiced_on')} AS invoiced_on
      FROM invoice_lines WHERE tenant_id = $1::uuid AND ${where} ORDER BY invoiced_on DESC LIMIT 1) x)`;
/**
 * The facts the rules need that live in the database for every item of a return ($1 tenant, $2 the
 * items' serials, $3 their SKUs, null where not given), in one statement, one row per item in order:
 * what TicketsRepository.gatherFacts reads for one ticket.
 */
const ITEM_FACTS_SQL = `SELECT
   (SELECT row_to_json(x) FROM (SELECT currency, restocking_fee_percent, restocking_fee_min_minor, return_window_days,
      delivery_error_window_days FROM tenants WHERE id = $1::uuid) x) AS tenant,
   coalesce(${LINE('i.serial IS NOT NULL AND serial_number = i.serial')}, ${LINE('i.sku IS NOT NULL AND sku = i.sku')}) AS line,
   (SELECT row_to_json(x) FROM (SELECT ${isoDate('r.at')} AS replaced_on, t.decision->'warranty'->>'endsOn' AS original_ends_on
      FROM tickets t CROSS JOIN LATERAL (SELECT at FROM ticket_events WHERE ticket_id = t.id AND to_status = 'RESOLVED' ORDER BY id DESC LIMIT 1) r
      WHERE i.serial IS NOT NULL AND t.replacement_serial = i.serial AND t.outcome = 'REPLACED' ORDER BY r.at DESC LIMIT 1) x) AS replacement
 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS i(serial, sku, n)
 ORDER BY i.n`;

/**
 * Where each of the given tickets sits ($1 their ids): its return, its place in it, and how many of the
 * return's items are in each status. One statement for a page of the triage list: the page's tickets by
 * their key, then each of their returns' items once by the return_id index.
 */
/** Every item's timeline as one ($1 the return), by time and in each timeline's order, naming its item. */
const TIMELINE_SQL = `SELECT e.*, t.position
   FROM (SELECT ${EVENT_COLUMNS}, ticket_id AS "ticketId" FROM ticket_events
          WHERE ticket_id IN (SELECT id FROM tickets WHERE return_id = $1)) e
   JOIN tickets t ON t.id = e."ticketId"
  ORDER BY e.at, t.position, e.id`;

/** A timeline entry of a return's item: the entry, and which item it is of. */
export interface ItemEventRow extends TicketEventRow {
  ticketId: string;
  position: number;
}

/** What the unique index tickets_return_open_serial_idx (migration 1764000002100) keeps. */
const OPEN_SERIAL_SQL = `SELECT EXISTS (SELECT 1 FROM tickets WHERE return_id = $1 AND upper(serial_number) = upper($2)
   AND status NOT IN (${FINAL_STATUSES.map((status) => `'${status}'`).join(', ')}) AND id <> $3) AS taken`;

/** A new item of a return: its row (built by newTicketRow) and its first timeline entries. */
export interface NewItem {
  row: TicketRow;
  events: TicketEventValues[];
}

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

  /**
   * Queues a new return with its items and their timelines: three writes (the return, every item, every
   * timeline entry), sent as one statement with COMMIT, with the items' messages ({@link tx.defer}).
   */
  insertWithItems(row: ReturnRow, items: NewItem[]): void {
    const writes = [this.insertWrite(row), this.itemsWrite(items)];
    const events = this.eventsWrite(items);
    if (events) writes.push(events);
    tx.defer(...writes);
  }

  /** The facts for every item, in one statement: one per item, in order. */
  itemFacts(
    tenantId: string,
    items: Array<{ serial: string | null; sku: string | null }>,
  ): Promise<StoredFacts[]> {
    return tx.prepared<StoredFacts>(ITEM_FACTS_SQL, [
      tenantId,
      items.map((i) => i.serial),
      items.map((i) => i.sku),
    ]);
  }

  private itemsWrite(items: NewItem[]): Write {
    const values: unknown[] = [];
    const tuples = items.map(
      ({ row }) =>
        `(${INSERT_KEYS.map(([key, col]) => `$${values.push(encode(col, row[key as keyof TicketRow]))}`).join(', ')})`,
    );
    return {
      text: `INSERT INTO tickets (${INSERT_KEYS.map(([, col]) => col).join(', ')}) VALUES ${tuples.join(', ')} RETURNING id`,
      values,
    };
  }

  /** Every item's timeline; identity ids are taken in the order of the VALUES list: the timelines' order. */
  private eventsWrite(items: NewItem[]): Write | null {
    const values: unknown[] = [items[0]?.row.tenantId];
    const tuples = items.flatMap(({ row, events }) => {
      if (events.length === 0) return [];
      const ticket = values.push(row.id);
      const at = values.push(row.createdAt);
      return events.map(
        (e) => `($1::uuid, $${ticket}::uuid, $${at}::timestamptz, ${eventParams(e, values)})`,
      );
    });
    if (tuples.length === 0) return null;
    return {
      text: `INSERT INTO ticket_events (tenant_id, ticket_id, at, actor_type, actor_id, actor_label, action, from_status, to_status, note)
             VALUES ${tuples.join(', ')} RETURNING id`,
      values,
    };
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

  /** Whether another open item of the return (not `exceptId`) has this serial, in any case. */
  async openSerialTaken(returnId: string, serial: string, exceptId: string): Promise<boolean> {
    const rows = await tx.prepared<{ taken: boolean }>(OPEN_SERIAL_SQL, [returnId, serial, exceptId]);
    return rows[0]!.taken;
  }

  /** Every item's timeline, merged by time (each timeline's entries in their order). */
  timeline(returnId: string): Promise<ItemEventRow[]> {
    return tx.prepared<ItemEventRow>(TIMELINE_SQL, [returnId]);
  }

  /** The return's items, in their order. */
  items(returnId: string): Promise<TicketRow[]> {
    return tx.prepared<TicketRow>(ITEMS_SQL, [returnId]);
  }
}
