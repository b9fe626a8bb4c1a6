/** What the reseller should do now, by status: "My tickets" and the ticket page say it the same way. */
import type { TicketStatus } from '@rma/rules';

export function resellerNextStep(status: TicketStatus): string {
  switch (status) {
    case 'DRAFT':
      return 'Finish the ticket and submit it';
    case 'SUBMITTED':
      return 'Being routed';
    case 'AWAITING_PREREQUISITE':
      return 'Add the vendor support ticket number';
    case 'REDIRECTED':
      return "Open the RMA on the vendor's portal";
    case 'FORWARDED':
      return 'Waiting for the manufacturer';
    case 'VENDOR_ACCEPTED':
      return 'Accepted by the manufacturer';
    case 'VENDOR_REJECTED':
      return 'Rejected by the manufacturer';
    case 'IN_REVIEW':
      return 'Waiting for the distributor';
    case 'INFO_REQUESTED':
      return 'Answer the question from the distributor';
    case 'APPROVED':
      return 'Print the RMA form, ship the item, enter tracking';
    case 'SHIPPED':
      return 'In transit to the distributor';
    case 'RECEIVED':
    case 'INSPECTING':
      return 'Being inspected';
    case 'DESTRUCTION_AUTHORISED':
      return 'Destroy the item; the credit follows';
    case 'RESOLVED':
      return 'Resolved';
    case 'CLOSED':
      return 'Nothing to do';
    case 'REJECTED':
      return 'Rejected: see the reasons';
    case 'EXPIRED':
      return 'RMA number lapsed: re-apply if needed';
    case 'CANCELLED':
      return 'Nothing to do';
  }
}

/** Statuses where the reseller is the one expected to act. */
export function resellerMustAct(status: TicketStatus): boolean {
  return ['DRAFT', 'AWAITING_PREREQUISITE', 'REDIRECTED', 'INFO_REQUESTED', 'APPROVED', 'EXPIRED'].includes(
    status,
  );
}
