import type { Principal } from '../auth/principal.js';
import type { TicketEventValues } from './ticket-event-row.js';

/** Who wrote a timeline entry: the caller (a user or an API key), the platform, or a manufacturer. */

export function actorEntry(
  p: Principal,
  action: string,
  from: string | null,
  to: string,
  note?: string | null,
): TicketEventValues {
  return {
    actorType: p.kind === 'user' ? 'USER' : 'API_KEY',
    actorId: p.id,
    actorLabel: p.label,
    action,
    fromStatus: from,
    toStatus: to,
    note: note ?? null,
  };
}

export function systemEntry(
  action: string,
  from: string,
  to: string,
  note: string | null,
): TicketEventValues {
  return {
    actorType: 'SYSTEM',
    actorId: null,
    actorLabel: 'RMA platform',
    action,
    fromStatus: from,
    toStatus: to,
    note,
  };
}

export function manufacturerEntry(
  mf: { id: string; name: string },
  action: string,
  from: string,
  to: string,
  note: string | null,
): TicketEventValues {
  return {
    actorType: 'MANUFACTURER',
    actorId: mf.id,
    actorLabel: mf.name,
    action,
    fromStatus: from,
    toStatus: to,
    note,
  };
}
