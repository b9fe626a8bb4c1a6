/**
 * The return instructions printed on the RMA form and repeated in the approval e-mail (seeds 000, 001,
 * 002 and 003): packaging, the number on the outer box, complete with accessories, the end user's
 * receipt, who pays the transport, and that a parcel without a valid number is refused.
 */

export interface ReturnFacts {
  reason: string;
  rmaNumber: string;
  rmaValidUntil: string | null;
}

/**
 * Who pays the return transport. The reseller ships at its own cost, Delivered Duty Paid (seed 003),
 * except after a delivery error, which is the distributor's mistake (seed 001: replacement or full
 * credit, no fee), where the distributor arranges and pays the return.
 */
export function returnShippingPaidBy(reason: string): 'RESELLER_DDP' | 'DISTRIBUTOR' {
  return reason === 'DELIVERY_ERROR' ? 'DISTRIBUTOR' : 'RESELLER_DDP';
}

export function returnInstructions(f: ReturnFacts, distributorName: string): string[] {
  const lines = [
    'Pack the item in sturdy packaging that protects it during transport; a damaged parcel delays the return.',
    `Write the RMA number ${f.rmaNumber} clearly on the outside of the box, and put this form in the parcel.`,
    'Return the item complete, with its accessories (power supply, battery, peripherals); at the very least those needed to diagnose the fault.',
    "Add a copy of the end user's purchase receipt, or the original invoice, showing the purchase date.",
    'Back up and remove any data on the product before sending it; data on returned items is not kept.',
  ];
  lines.push(
    returnShippingPaidBy(f.reason) === 'RESELLER_DDP'
      ? `Ship at your own cost, DDP (Delivered Duty Paid) to ${distributorName}'s return address on this form; keep the tracking number and enter it on the ticket.`
      : `This return follows a delivery error: ${distributorName} pays the transport. Contact the RMA desk for a pick-up or a shipping label before sending.`,
  );
  lines.push(
    f.rmaValidUntil
      ? `The RMA number is valid until ${f.rmaValidUntil}: ship by then. Parcels without a valid RMA number are refused.`
      : 'Parcels without a valid RMA number are refused.',
  );
  return lines;
}

export const REASON_LABELS: Record<string, string> = {
  ORDER_ERROR: 'Order error (wrong reference ordered)',
  DELIVERY_ERROR: 'Delivery error (received a product other than ordered)',
  DEFECT: 'Defective product',
};
