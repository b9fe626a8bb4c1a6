import { Injectable } from '@nestjs/common';
import { tx, type Write } from '../database/database.service.js';
import { uuidv7 } from '../common/ids.js';
import { isoDate } from '../database/sql.js';
import {
  EVENT_COLUMNS,
  eventParams,
  type TicketEventRow,
  type TicketEventValues,
} from './ticket-event-row.js';
import {
  COLUMNS,
  encode,
  INSERT_KEYS,
  SELECT_TICKET,
  SELECT_TICKET_T,
  selectTicket,
  type TicketRow,
  type TicketValues,
} from './ticket-row.js';

export { newTicketRow, type TicketRow, type TicketValues } from './ticket-row.js';
export type { TicketEventRow, TicketEventValues } from './ticket-event-row.js';

/** The facts the rules need that live in the database, fetched in one round trip. */
export interface StoredFacts {
  tenant: {
    currency: string;
    restocking_fee_percent: string | null;
    restocking_fee_min_minor: number | null;
    return_window_days: number | null;
    delivery_error_window_days: number | null;
  } | null;
  line: { unit_price_minor: number; currency: string; invoiced_on: string } | null;
  replacement: { replaced_on: string; original_ends_on: string | null } | null;
}

export interface ListFilter {
  tenantId?: string;
  status?: string;
  reason?: string;
  route?: string;
  manufacturerId?: string;
  slaBreachedBefore?: string;
  q?: string;
  /** What `q` is: an RMA number, a short ticket id (`#` and the id's last 8 hex digits), or text. */
  qKind?: 'RMA_NUMBER' | 'SHORT_ID' | 'TEXT';
  sort: '-createdAt' | 'createdAt' | 'slaDueOn';
  after?: [string, string];
  limit: number;
  /** Also read what an export adds to a list row ({@link TicketExportRow}). */
  forExport?: boolean;
}

/** A timestamptz as JavaScript's toISOString() writes it (UTC, milliseconds truncated as pg's dates are). */
const ISO_UTC = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface TicketListRow {
  id: string;
  tenantId: string;
  tenantName: string;
  status: string;
  reason: string;
  route: string | null;
  handling: string | null;
  manufacturerId: string | null;
  sku: string | null;
  serialNumber: string | null;
  customerName: string | null;
  rmaNumber: string | null;
  slaDueOn: string | null;
  /** ISO 8601 in UTC to the millisecond, as the answer shows it (formatted by PostgreSQL, not parsed). */
  createdAt: string;
  updatedAt: string;
  sortKey: string;
  /** The ticket's return, its place in it, and how many of the return's items are in each status. */
  returnId: string;
  position: number;
  returnItemsByStatus: Record<string, number>;
}

/** A list row with what a spreadsheet of tickets adds: the outcome, the credit, the RMA's validity. */
export interface TicketExportRow extends TicketListRow {
  resellerReference: string | null;
  warrantyStatus: string | null;
  rmaValidUntil: string | null;
  vendorRmaNumber: string | null;
  outcome: string | null;
  creditMinor: number | null;
  currency: string | null;
  submittedAt: Date | null;
}

/** The columns {@link TicketExportRow} adds to a list row. */
const EXPORT_COLUMNS = `, t.reseller_reference AS "resellerReference", t.warranty_status AS "warrantyStatus",
  to_char(t.rma_valid_until, 'YYYY-MM-DD') AS "rmaValidUntil", t.vendor_rma_number AS "vendorRmaNumber",
  t.outcome, t.credit_minor::float8 AS "creditMinor", t.currency, t.submitted_at AS "submittedAt"`;

/** The facts the rules need that live in the database ($1 tenant, $2 serial, $3 SKU), in one statement. */
const FACTS_SQL = `SELECT
   (SELECT row_to_json(x) FROM (SELECT currency, restocking_fee_percent, restocking_fee_min_minor, return_window_days,
      delivery_error_window_days FROM tenants WHERE id = $1::uuid) x) AS tenant,
   coalesce(
     (SELECT row_to_json(x) FROM (SELECT unit_price_minor::float8 AS unit_price_minor, currency, ${isoDate('invoiced_on')} AS invoiced_on
        FROM invoice_lines WHERE tenant_id = $1::uuid AND $2::text IS NOT NULL AND serial_number = $2::text ORDER BY invoiced_on DESC LIMIT 1) x),
     (SELECT row_to_json(x) FROM (SELECT unit_price_minor::float8 AS unit_price_minor, currency, ${isoDate('invoiced_on')} AS invoiced_on
        FROM invoice_lines WHERE tenant_id = $1::uuid AND $3::text IS NOT NULL AND sku = $3::text ORDER BY invoiced_on DESC LIMIT 1) x)
   ) AS line,
   (SELECT row_to_json(x) FROM (SELECT ${isoDate('r.at')} AS replaced_on, t.decision->'warranty'->>'endsOn' AS original_ends_on
      FROM tickets t CROSS JOIN LATERAL (SELECT at FROM ticket_events WHERE ticket_id = t.id AND to_status = 'RESOLVED' ORDER BY id DESC LIMIT 1) r
      WHERE $2::text IS NOT NULL AND t.replacement_serial = $2::text AND t.outcome = 'REPLACED' ORDER BY r.at DESC LIMIT 1) x) AS replacement`;

/** What the receiving desk checks of the ticket an RMA number was issued to. */
export type ParcelTicket = Pick<
  TicketRow,
  'id' | 'status' | 'rmaValidUntil' | 'shippedOn' | 'serialNumber' | 'sku'
>;
const PARCEL_COLUMNS = selectTicket('', [
  'id',
  'status',
  'rmaValidUntil',
  'shippedOn',
  'serialNumber',
  'sku',
]);

/** What the RMA form prints: the ticket's, with its reseller's, manufacturer's and product's names. */
export interface RmaFormRow extends Pick<
  TicketRow,
  | 'id'
  | 'status'
  | 'reason'
  | 'rmaNumber'
  | 'rmaIssuedOn'
  | 'rmaValidUntil'
  | 'sku'
  | 'serialNumber'
  | 'invoiceRef'
  | 'faultDescription'
  | 'resellerReference'
  | 'supportTicketNumber'
  | 'customer'
  | 'delivery'
  | 'parcelId'
> {
  tenantName: string;
  tenantReturnAddress: string | null;
  manufacturerName: string | null;
  manufacturerReturnAddress: string | null;
  productName: string | null;
}
const RMA_FORM_COLUMNS = selectTicket('t.', [
  'id',
  'status',
  'reason',
  'rmaNumber',
  'rmaIssuedOn',
  'rmaValidUntil',
  'sku',
  'serialNumber',
  'invoiceRef',
  'faultDescription',
  'resellerReference',
  'supportTicketNumber',
  'customer',
  'delivery',
  'parcelId',
]);

/** The columns an item copies from its return (the return is their source of truth). */
const SHARED_KEYS = ['customer', 'customerName', 'delivery', 'resellerReference'] as const;
const SHARED_SET = (from: string) =>
  SHARED_KEYS.map((k) => `${COLUMNS[k]} = ${from}.${COLUMNS[k]}`).join(', ');
/**
 * A change of an item's shared information is the return's: written to the return and to its other
 * items in the same statement, from the updated row `t` (only a draft's can change).
 */
const SHARED_CTE = `, rs AS (UPDATE returns r SET ${SHARED_SET('t')}, updated_at = t.updated_at FROM t WHERE r.id = t.return_id RETURNING r.id),
       si AS (UPDATE tickets s SET ${SHARED_SET('t')}, updated_at = t.updated_at, version = s.version + 1
                FROM t WHERE s.return_id = t.return_id AND s.id <> t.id RETURNING s.id)`;

/** The columns an item copies from its parcel (the parcel is their source of truth). */
const PARCEL_KEYS = ['carrier', 'trackingNumber', 'shippedOn', 'receivedAt'] as const;
/** The parcel follows its item's shipment and receipt, from the updated row `t`, in the same statement. */
const PARCEL_CTE = `, ps AS (UPDATE parcels pc SET ${PARCEL_KEYS.map((k) => `${COLUMNS[k]} = t.${COLUMNS[k]}`).join(', ')}
                FROM t WHERE pc.id = t.parcel_id RETURNING pc.id)`;

@Injectable()
export class TicketsRepository {
  async gatherFacts(tenantId: string, serial: string | null, sku: string | null): Promise<StoredFacts> {
    const rows = await tx.prepared<StoredFacts>(FACTS_SQL, [tenantId, serial, sku]);
    return rows[0]!;
  }

  /**
   * Queues a new ticket (built by {@link newTicketRow}) and its first timeline entries, to be written
   * with the ticket's messages and COMMIT in one statement ({@link tx.defer}).
   */
  insert(row: TicketRow, events: TicketEventValues[]): void {
    tx.defer(...this.insertWrites(row, events));
  }

  /**
   * The writes of {@link insert}. Every column is always listed, so the text is fixed per number of
   * events and runs as a prepared statement.
   */
  private insertWrites(row: TicketRow, events: TicketEventValues[]): Write[] {
    const ticket: Write = {
      text: `INSERT INTO tickets (${INSERT_KEYS.map(([, col]) => col).join(', ')})
             VALUES (${INSERT_KEYS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      values: INSERT_KEYS.map(([key, col]) => encode(col, row[key as keyof TicketRow])),
    };
    if (events.length === 0) return [ticket];
    const values: unknown[] = [row.tenantId, row.id, row.createdAt];
    const tuples = events.map((e) => `($1::uuid, $2::uuid, $3::timestamptz, ${eventParams(e, values)})`);
    // Identity ids are taken in the order of the VALUES list: the timeline's order.
    const timeline: Write = {
      text: `INSERT INTO ticket_events (tenant_id, ticket_id, at, actor_type, actor_id, actor_label, action, from_status, to_status, note)
             VALUES ${tuples.join(', ')} RETURNING id`,
      values,
    };
    return [ticket, timeline];
  }

  /**
   * Updates a ticket if it is still at `version` and appends timeline entries, both dated `at` (the
   * service's clock, as a new ticket's created_at is); null when someone else changed it first.
   */
  async update(
    id: string,
    version: number,
    values: TicketValues,
    events: TicketEventValues[],
    at: Date,
  ): Promise<TicketRow | null> {
    const sets: string[] = ['updated_at = $3::timestamptz', 'version = version + 1'];
    const args: unknown[] = [id, version, at];
    for (const [key, value] of Object.entries(values)) {
      const col = COLUMNS[key as keyof TicketRow];
      if (value === undefined || !col) continue;
      sets.push(`${col} = $${args.push(encode(col, value))}`);
    }
    const parcel = this.parcelOf(values, args, sets);
    const rows: TicketRow[] = await tx.query(
      `WITH ${parcel}t AS (UPDATE tickets SET ${sets.join(', ')} WHERE id = $1 AND version = $2 RETURNING *)
       ${this.eventsCte(events, args, 't')}${SHARED_KEYS.some((k) => values[k] !== undefined) ? SHARED_CTE : ''}${PARCEL_KEYS.some((k) => values[k] !== undefined) ? PARCEL_CTE : ''}
       SELECT ${SELECT_TICKET_T} FROM t`,
      args,
    );
    return rows[0] ?? null;
  }

  /**
   * An RMA number issued without a parcel to join is a parcel of one, inserted by the same statement
   * (the CTE it returns) with the item's tenant, return, number and dates; an RMA number cleared takes
   * the item out of its parcel.
   */
  private parcelOf(values: TicketValues, args: unknown[], sets: string[]): string {
    if (values.rmaNumber === null && values.parcelId === undefined) sets.push('parcel_id = NULL');
    if (typeof values.rmaNumber !== 'string' || values.parcelId !== undefined) return '';
    const parcelId = args.push(uuidv7((args[2] as Date).getTime()));
    sets.push(`parcel_id = $${parcelId}::uuid`);
    return `p AS (INSERT INTO parcels (id, tenant_id, return_id, rma_number, rma_issued_on, rma_valid_until, created_at)
              SELECT $${parcelId}::uuid, tenant_id, return_id, $${args.push(values.rmaNumber)}::varchar,
                     $${args.push(values.rmaIssuedOn ?? null)}::date, $${args.push(values.rmaValidUntil ?? null)}::date, $3::timestamptz
                FROM tickets WHERE id = $1 AND version = $2 RETURNING id), `;
  }

  private eventsCte(events: TicketEventValues[], args: unknown[], source: string): string {
    if (events.length === 0) return '';
    const tuples = events.map((e, i) => `(${eventParams(e, args)}, ${i})`);
    return `, e AS (INSERT INTO ticket_events (tenant_id, ticket_id, at, actor_type, actor_id, actor_label, action, from_status, to_status, note)
       SELECT ${source}.tenant_id, ${source}.id, ${source}.updated_at, v.a, v.b, v.c, v.d, v.e, v.f, v.g
       FROM ${source}, (VALUES ${tuples.join(', ')}) AS v(a, b, c, d, e, f, g, ord) ORDER BY v.ord)`;
  }

  async findById(id: string, forUpdate = false): Promise<TicketRow | null> {
    const rows: TicketRow[] = await tx.query(
      `SELECT ${SELECT_TICKET} FROM tickets WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  timeline(ticketId: string): Promise<TicketEventRow[]> {
    return tx.query(`SELECT ${EVENT_COLUMNS} FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [
      ticketId,
    ]);
  }

  async nextRmaSequence(): Promise<number> {
    const [row]: Array<{ n: string }> = await tx.query(`SELECT nextval('rma_number_seq') AS n`);
    return Number(row!.n);
  }

  /**
   * A page of the triage list (or of an export, with `forExport`), filtered, sorted and after its keyset
   * cursor. It ends its unit of work ({@link tx.lastRead}): nothing may be sent in it afterwards.
   */
  list(f: ListFilter & { forExport: true }): Promise<TicketExportRow[]>;
  list(f: ListFilter): Promise<TicketListRow[]>;
  list(f: ListFilter): Promise<TicketListRow[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.tenantId) where.push(`t.tenant_id = $${args.push(f.tenantId)}`);
    if (f.status) where.push(`t.status = $${args.push(f.status)}`);
    if (f.reason) where.push(`t.reason = $${args.push(f.reason)}`);
    if (f.route) where.push(`t.route = $${args.push(f.route)}`);
    if (f.manufacturerId) where.push(`t.manufacturer_id = $${args.push(f.manufacturerId)}`);
    if (f.slaBreachedBefore) {
      where.push(`t.sla_due_on IS NOT NULL AND t.sla_due_on < $${args.push(f.slaBreachedBefore)}::date`);
    }
    if (f.q) {
      if (f.qKind === 'RMA_NUMBER') where.push(`t.rma_number = $${args.push(f.q.toUpperCase())}`);
      else if (f.qKind === 'SHORT_ID')
        // No index: found among the tenant's tickets, or by a scan for staff (an explicit, rare look-up).
        where.push(`right(t.id::text, 8) = $${args.push(f.q.slice(1).toLowerCase())}`);
      else {
        // A prefix range with the leakproof text_pattern operators, so the index works under RLS.
        const prefix = f.q.toLowerCase();
        const p = args.push(f.q);
        const from = args.push(prefix);
        const to = args.push(`${prefix}\u{10FFFF}`);
        where.push(
          `(t.serial_number = $${p} OR (t.customer_search ~>=~ $${from} AND t.customer_search ~<~ $${to}))`,
        );
      }
    }
    let order: string;
    let sortKey: string;
    let dir: 'ASC' | 'DESC' = 'ASC';
    if (f.sort === 'slaDueOn') {
      where.push('t.sla_due_on IS NOT NULL');
      sortKey = `to_char(t.sla_due_on, 'YYYY-MM-DD')`;
      if (f.after)
        where.push(
          `(t.sla_due_on, t.id) > ($${args.push(f.after[0])}::date, $${args.push(f.after[1])}::uuid)`,
        );
      order = 't.sla_due_on ASC, t.id ASC';
    } else {
      const desc = f.sort === '-createdAt';
      sortKey = `to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
      if (f.after) {
        where.push(
          `(t.created_at, t.id) ${desc ? '<' : '>'} ($${args.push(f.after[0])}::timestamp AT TIME ZONE 'UTC', $${args.push(f.after[1])}::uuid)`,
        );
      }
      order = desc ? 't.created_at DESC, t.id DESC' : 't.created_at ASC, t.id ASC';
      if (desc) dir = 'DESC';
    }
    // A prepared statement, the limit a parameter too: planning the list cost PostgreSQL more than
    // running it. The page is chosen first and the tenants' names joined to its rows after: a join
    // before the LIMIT lets the planner pick a nested loop over every tenant's tickets (row-level
    // security's predicate has no useful selectivity estimate), and a scalar subquery per row scanned
    // the tenants once per row. The sort key (a fixed-width text of the sort's columns) and the id
    // order the joined page as the keyset did. The timestamps come as the ISO text the answer shows:
    // parsing them into dates and formatting them again took about 5% of the API's CPU on a list.
    // Each row's return: its items' states counted by the (return_id, position) index, one small
    // look-up per row of the page, in the same statement (no second unit of work for the page).
    // The page is all its unit of work reads: it leaves with COMMIT (tx.lastRead).
    return tx.lastRead(
      `SELECT l.*, tn.name AS "tenantName", mix."returnItemsByStatus" FROM (
         SELECT t.id, t.tenant_id AS "tenantId", t.status, t.reason, t.route, t.handling,
                t.manufacturer_id AS "manufacturerId", t.sku, t.serial_number AS "serialNumber", t.customer_name AS "customerName",
                t.rma_number AS "rmaNumber", to_char(t.sla_due_on, 'YYYY-MM-DD') AS "slaDueOn",
                ${ISO_UTC('t.created_at')} AS "createdAt", ${ISO_UTC('t.updated_at')} AS "updatedAt",
                t.return_id AS "returnId", t.position,
                ${sortKey} AS "sortKey"${f.forExport ? EXPORT_COLUMNS : ''}
           FROM tickets t
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY ${order} LIMIT $${args.push(f.limit)}) l
       LEFT JOIN tenants tn ON tn.id = l."tenantId"
       LEFT JOIN LATERAL (
         SELECT json_object_agg(s.status, s.n) AS "returnItemsByStatus"
           FROM (SELECT i.status, count(*)::int AS n FROM tickets i WHERE i.return_id = l."returnId" GROUP BY i.status) s
       ) mix ON true
       ORDER BY l."sortKey" ${dir}, l.id ${dir}`,
      args,
    );
  }

  async lastContact(tenantId: string): Promise<Pick<TicketRow, 'customer' | 'delivery'> | null> {
    const rows: Array<Pick<TicketRow, 'customer' | 'delivery'>> = await tx.query(
      `SELECT customer, delivery FROM tickets WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [tenantId],
    );
    return rows[0] ?? null;
  }

  /** Approved tickets whose RMA number is no longer valid on `today`. */
  async approvedPastValidity(today: string, limit: number): Promise<TicketRow[]> {
    return tx.query(
      `SELECT ${SELECT_TICKET} FROM tickets WHERE status = 'APPROVED' AND rma_valid_until < $1::date ORDER BY rma_valid_until LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
      [today],
    );
  }

  /**
   * The ticket an RMA number was issued to, across tenants (staff scope): the receiving desk's look-up.
   * Of a parcel's items, the one of `serial` (as the desk normalised it: upper case, no spaces), else
   * the first still awaited.
   */
  async byRmaNumber(rmaNumber: string, serial: string | null = null): Promise<ParcelTicket | null> {
    const rows: ParcelTicket[] = await tx.query(
      `SELECT ${PARCEL_COLUMNS} FROM tickets WHERE rma_number = $1
        ORDER BY upper(regexp_replace(serial_number, '\\s', '', 'g')) = $2 DESC NULLS LAST,
                 status IN ('APPROVED', 'SHIPPED') DESC, position, id LIMIT 1`,
      [rmaNumber, serial],
    );
    return rows[0] ?? null;
  }

  /** What the RMA form of a ticket prints, in one statement under the caller's scope. */
  async rmaForm(ticketId: string): Promise<RmaFormRow | null> {
    const rows: RmaFormRow[] = await tx.query(
      `SELECT ${RMA_FORM_COLUMNS},
              tn.name AS "tenantName", tn.return_address AS "tenantReturnAddress",
              mf.name AS "manufacturerName", mf.return_address AS "manufacturerReturnAddress",
              (SELECT p.name FROM products p WHERE p.sku = t.sku) AS "productName"
         FROM tickets t
         JOIN tenants tn ON tn.id = t.tenant_id
         LEFT JOIN manufacturers mf ON mf.id = t.manufacturer_id
        WHERE t.id = $1`,
      [ticketId],
    );
    return rows[0] ?? null;
  }
}
