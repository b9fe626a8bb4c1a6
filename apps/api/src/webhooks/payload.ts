import type { WarrantyVerdict } from '@rma/rules';
import type { TicketRow } from '../tickets/tickets.repository.js';
import type { OutboundEvent } from './webhooks.constants.js';

/** An attachment (photos, logs, proof of purchase) as a signed link that works without auth until `expiresAt`. */
export interface AttachmentLink {
  /** The attachment's id (added within v1; links written before it lack it). */
  id?: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
  expiresAt: string;
}

/**
 * Version 1 of the document manufacturers receive (docs/webhooks.md). Fields are only ever added
 * within a version; a change that removes or retypes one is a new `version`.
 */
export interface RmaEventV1 {
  type: OutboundEvent;
  version: 1;
  /** When the event happened (ISO 8601, UTC). */
  timestamp: string;
  data: {
    ticket: {
      id: string;
      status: string;
      reason: string;
      submittedAt: string | null;
      resellerReference: string | null;
    };
    product: {
      manufacturer: string;
      sku: string | null;
      serialNumber: string | null;
      invoiceRef: string | null;
      purchaseDate: string | null;
      usage: number | null;
    };
    fault: { description: string | null; exclusions: string[] };
    warranty: WarrantyVerdict | null;
    supportTicketNumber: string | null;
    attachments: AttachmentLink[];
    /** Where to send callbacks about this ticket. */
    callbackUrl: string;
  };
}

/** One item of a version 2 message: what v1 says of its ticket, with its position and decision. */
export interface RmaItemV2 {
  ticket: RmaEventV1['data']['ticket'] & {
    /** The item's position in the return (1..100). */
    position: number;
  };
  product: RmaEventV1['data']['product'];
  fault: RmaEventV1['data']['fault'];
  warranty: WarrantyVerdict | null;
  /** Our decision about the item, in short: its route and the reasons a person can read. */
  decision: { route: string; reasons: string[]; rulesVersion: string } | null;
  supportTicketNumber: string | null;
  attachments: AttachmentLink[];
}

/**
 * Version 2 (docs/webhooks.md): one message per return and manufacturer, listing that manufacturer's
 * items of the return, with the return's shared information once and one callback URL. A later event
 * about one item (`rma.info_supplied`, `rma.cancelled`) is a list of that one item.
 */
export interface RmaEventV2 {
  type: OutboundEvent;
  version: 2;
  timestamp: string;
  data: {
    return: { id: string; resellerReference: string | null };
    items: RmaItemV2[];
    /** Where to send callbacks about these items (each names its item's ticket id). */
    callbackUrl: string;
  };
}

export type RmaEvent = RmaEventV1 | RmaEventV2;

const callbackUrlOf = (publicUrl: string, slug: string) =>
  `${publicUrl.replace(/\/+$/, '')}/api/v1/manufacturers/${slug}/callbacks`;

/**
 * The version 2 message about `tickets`: items of one return for one manufacturer, in their order.
 * `attachments` gives each item's links by ticket id (none where absent).
 */
export function buildPayloadV2(
  type: OutboundEvent,
  tickets: TicketRow[],
  manufacturerSlug: string,
  publicUrl: string,
  at: Date,
  attachments: ReadonlyMap<string, AttachmentLink[]> = new Map(),
): RmaEventV2 {
  const first = tickets[0]!;
  return {
    type,
    version: 2,
    timestamp: at.toISOString(),
    data: {
      return: { id: first.returnId, resellerReference: first.resellerReference },
      items: [...tickets]
        .sort((a, b) => a.position - b.position)
        .map((ticket) => {
          const v1 = buildPayload(type, ticket, manufacturerSlug, publicUrl, at).data;
          return {
            ticket: { ...v1.ticket, position: ticket.position },
            product: v1.product,
            fault: v1.fault,
            warranty: v1.warranty,
            decision: ticket.decision
              ? {
                  route: ticket.decision.route,
                  reasons: ticket.decision.reasons,
                  rulesVersion: ticket.decision.rulesVersion,
                }
              : null,
            supportTicketNumber: v1.supportTicketNumber,
            attachments: attachments.get(ticket.id) ?? [],
          };
        }),
      callbackUrl: callbackUrlOf(publicUrl, manufacturerSlug),
    },
  };
}

export function buildPayload(
  type: OutboundEvent,
  ticket: TicketRow,
  manufacturerSlug: string,
  publicUrl: string,
  at: Date,
  attachments: AttachmentLink[] = [],
): RmaEventV1 {
  return {
    type,
    version: 1,
    timestamp: at.toISOString(),
    data: {
      ticket: {
        id: ticket.id,
        status: ticket.status,
        reason: ticket.reason,
        submittedAt: ticket.submittedAt ? new Date(ticket.submittedAt).toISOString() : null,
        resellerReference: ticket.resellerReference,
      },
      product: {
        manufacturer: manufacturerSlug,
        sku: ticket.sku,
        serialNumber: ticket.serialNumber,
        invoiceRef: ticket.invoiceRef,
        purchaseDate: ticket.facts.purchaseDate ?? null,
        usage: ticket.facts.usage ?? null,
      },
      fault: { description: ticket.faultDescription, exclusions: ticket.facts.exclusions ?? [] },
      warranty: ticket.decision?.warranty ?? null,
      supportTicketNumber: ticket.supportTicketNumber,
      attachments,
      callbackUrl: callbackUrlOf(publicUrl, manufacturerSlug),
    },
  };
}
