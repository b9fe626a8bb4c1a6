import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';

export interface TicketStats {
  byStatus: Record<string, number>;
  byReason: Record<string, number>;
  byRoute: Record<string, number>;
  byManufacturerId: Record<string, number>;
  sla: { breached: number; dueSoon: number };
  creditsThisMonth: Array<{ currency: string; amountMinor: number }>;
  defects: Array<{ manufacturerId: string; defects: number; sold: number }>;
}

const COUNTED_BY = 'status, reason, route, manufacturer_id';
const COUNT_DIMENSIONS = `tenant_id, ${COUNTED_BY}`;

/**
 * The ticket counts of all tenants, or of the tenant in `$1`, as a relation `c` (status, reason, route,
 * manufacturer_id, n): the folded counts and the deltas not folded yet, read in one statement, so one
 * snapshot, so exact (migration 1764000001100).
 */
function keptCounts(ofTenant: boolean): string {
  const where = ofTenant ? 'WHERE tenant_id = $1' : '';
  return `(SELECT ${COUNTED_BY}, n FROM ticket_counts ${where}
           UNION ALL
           SELECT ${COUNTED_BY}, delta FROM ticket_count_deltas ${where}) c`;
}

/**
 * The day figures (migration 1764000002000) of all tenants, or of the tenant in `$1`, as a relation `f`
 * (figure, day, currency, n, amount_minor): the folded figures and the deltas not folded yet, in one
 * statement, so exact. `since` keeps only the days a figure's reader needs.
 */
function keptDayFigures(ofTenant: boolean, since: string): string {
  const where = `WHERE ${ofTenant ? 'tenant_id = $1 AND ' : ''}${since}`;
  const cols = 'figure, day, currency';
  return `(SELECT ${cols}, n, amount_minor FROM ticket_day_figures ${where}
           UNION ALL
           SELECT ${cols}, n, amount_minor FROM ticket_day_figure_deltas ${where}) f`;
}

/**
 * The dashboard's figures as one row of JSON columns, the tenant in `$1` if `ofTenant` and today in the
 * last parameter: `groups` (the kept counts by status, reason, route and manufacturer), `sla`
 * (breached: due before today; due soon: today to two days on), `credits` (today's month, UTC, per
 * currency) and `defects` (per manufacturer: defects submitted, units sold).
 */
const STATS_SQL = (ofTenant: boolean) => {
  const today = `$${ofTenant ? 2 : 1}::date`;
  const since = `(figure = 'SLA_DUE' OR (figure = 'CREDITED' AND day >= date_trunc('month', ${today})::date))`;
  return `WITH c AS MATERIALIZED (SELECT * FROM ${keptCounts(ofTenant)}),
         f AS MATERIALIZED (SELECT * FROM ${keptDayFigures(ofTenant, since)}),
         sold AS (
           SELECT p.manufacturer_id, count(l.id)::int AS sold
             FROM products p LEFT JOIN invoice_lines l ON l.sku = p.sku ${ofTenant ? 'AND l.tenant_id = $1' : ''}
            GROUP BY p.manufacturer_id),
         defects AS (
           SELECT manufacturer_id, sum(n)::int AS defects FROM c
            WHERE reason = 'DEFECT' AND status <> 'DRAFT' GROUP BY manufacturer_id)
    SELECT (SELECT coalesce(json_agg(g), '[]') FROM (
              SELECT CASE WHEN GROUPING(status) = 0 THEN 'status' WHEN GROUPING(reason) = 0 THEN 'reason'
                          WHEN GROUPING(route) = 0 THEN 'route' ELSE 'manufacturer' END AS dim,
                     coalesce(status, reason, route, manufacturer_id::text) AS key, sum(n)::int AS n
                FROM c GROUP BY GROUPING SETS ((status), (reason), (route), (manufacturer_id)) HAVING sum(n) <> 0) g) AS groups,
           json_build_object(
             'breached', (SELECT coalesce(sum(n), 0) FROM f WHERE figure = 'SLA_DUE' AND day < ${today})::int,
             'dueSoon', (SELECT coalesce(sum(n), 0) FROM f WHERE figure = 'SLA_DUE' AND day >= ${today} AND day <= ${today} + 2)::int
           ) AS sla,
           (SELECT coalesce(json_agg(json_build_object('currency', currency, 'amountMinor', amount) ORDER BY currency), '[]')
              FROM (SELECT currency, sum(amount_minor)::float8 AS amount FROM f WHERE figure = 'CREDITED'
                     GROUP BY currency HAVING sum(n) <> 0) cr) AS credits,
           (SELECT coalesce(json_agg(json_build_object('manufacturerId', s.manufacturer_id, 'defects', coalesce(d.defects, 0), 'sold', s.sold)), '[]')
              FROM sold s LEFT JOIN defects d ON d.manufacturer_id = s.manufacturer_id) AS defects`;
};

const DAY_FIGURE_KEY = 'tenant_id, figure, day, currency';

/** The ticket figures the status chips and the dashboard read: kept counts, SLA, credits, defect rates. */
@Injectable()
export class TicketStatsRepository {
  /**
   * Dashboard figures in one statement, reading no tickets: the kept counts (by status, reason, route
   * and manufacturer, and the defects), the kept day figures (SLA, the month's credits) and the units
   * sold; scoped by RLS and, for staff, optionally by tenant. It ends its unit of work (tx.lastRead):
   * under load each round trip of the three statements it was cost more than their reading.
   */
  async stats(today: string, tenantId?: string): Promise<TicketStats> {
    const ofTenant = Boolean(tenantId);
    const [row]: Array<{
      groups: Array<{ dim: string; key: string | null; n: number }>;
      sla: { breached: number; dueSoon: number };
      credits: Array<{ currency: string; amountMinor: number }>;
      defects: Array<{ manufacturerId: string; defects: number; sold: number }>;
    }> = await tx.lastRead(STATS_SQL(ofTenant), tenantId ? [tenantId, today] : [today]);
    const by = (dim: string) =>
      Object.fromEntries(row!.groups.filter((g) => g.dim === dim && g.key !== null).map((g) => [g.key, g.n]));
    return {
      byStatus: by('status'),
      byReason: by('reason'),
      byRoute: by('route'),
      byManufacturerId: by('manufacturer'),
      sla: row!.sla,
      creditsThisMonth: row!.credits,
      defects: row!.defects,
    };
  }

  /**
   * Tickets per status, of one tenant or all, from the kept counts (exact: see {@link keptCounts}). It
   * ends its unit of work (tx.lastRead): one round trip for the status chips.
   */
  async countByStatus(tenantId?: string): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: number }> = await tx.lastRead(
      `SELECT status, sum(n)::int AS n FROM ${keptCounts(Boolean(tenantId))}
        GROUP BY status HAVING sum(n) <> 0`,
      tenantId ? [tenantId] : [],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Folds the count and day-figure deltas committed so far into the counts and figures; how many deltas it took. Staff scope. */
  async foldCounts(): Promise<number> {
    const [row]: Array<{ n: number }> = await tx.query(
      `WITH gone AS (DELETE FROM ticket_count_deltas RETURNING ${COUNT_DIMENSIONS}, delta),
            sums AS (SELECT ${COUNT_DIMENSIONS}, sum(delta) AS d FROM gone GROUP BY ${COUNT_DIMENSIONS}),
            saved AS (INSERT INTO ticket_counts AS c (${COUNT_DIMENSIONS}, n)
                        SELECT ${COUNT_DIMENSIONS}, d FROM sums WHERE d <> 0
                      ON CONFLICT (${COUNT_DIMENSIONS}) DO UPDATE SET n = c.n + EXCLUDED.n RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    );
    await tx.query(`DELETE FROM ticket_counts WHERE n = 0`);
    const [day]: Array<{ n: number }> = await tx.query(
      `WITH gone AS (DELETE FROM ticket_day_figure_deltas RETURNING ${DAY_FIGURE_KEY}, n, amount_minor),
            sums AS (SELECT ${DAY_FIGURE_KEY}, sum(n) AS n, sum(amount_minor) AS amount FROM gone GROUP BY ${DAY_FIGURE_KEY}),
            saved AS (INSERT INTO ticket_day_figures AS f (${DAY_FIGURE_KEY}, n, amount_minor)
                        SELECT ${DAY_FIGURE_KEY}, n, amount FROM sums WHERE n <> 0 OR amount <> 0
                      ON CONFLICT (${DAY_FIGURE_KEY})
                      DO UPDATE SET n = f.n + EXCLUDED.n, amount_minor = f.amount_minor + EXCLUDED.amount_minor RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
    );
    await tx.query(`DELETE FROM ticket_day_figures WHERE n = 0`);
    return (row?.n ?? 0) + (day?.n ?? 0);
  }
}
