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
      callbackUrl: `${publicUrl.replace(/\/+$/, '')}/api/v1/manufacturers/${manufacturerSlug}/callbacks`,
    },
  };
}
