/*
 * The ticket_events table's mapper (a ticket's timeline): its columns as TicketEventRow keys and the
 * typed placeholders of a new entry. Only the ticket repository uses the SQL parts.
 */

export interface TicketEventValues {
  actorType: 'USER' | 'API_KEY' | 'SYSTEM' | 'MANUFACTURER';
  actorId: string | null;
  actorLabel: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
}

export interface TicketEventRow extends TicketEventValues {
  id: number;
  at: Date;
}

export const EVENT_COLUMNS = `id::int AS id, at, actor_type AS "actorType", actor_id AS "actorId", actor_label AS "actorLabel",
  action, from_status AS "fromStatus", to_status AS "toStatus", note`;

/**
 * A timeline entry's values appended to `args`, as the typed placeholders of ticket_events'
 * (actor_type, actor_id, actor_label, action, from_status, to_status, note).
 */
export function eventParams(e: TicketEventValues, args: unknown[]): string {
  const p = [e.actorType, e.actorId, e.actorLabel, e.action, e.fromStatus, e.toStatus, e.note].map(
    (v) => `$${args.push(v)}`,
  );
  return `${p[0]}::varchar, ${p[1]}::uuid, ${p[2]}::varchar, ${p[3]}::varchar, ${p[4]}::varchar, ${p[5]}::varchar, ${p[6]}::text`;
}
