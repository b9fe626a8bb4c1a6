import { Injectable } from '@nestjs/common';
import { tx } from '../database/database.service.js';

export interface ParcelTicket {
  id: string;
  status: string;
  rmaValidUntil: string | null;
  shippedOn: string | null;
  serialNumber: string | null;
  sku: string | null;
}

@Injectable()
export class ReceivingRepository {
  /** The ticket an RMA number was issued to, across tenants (staff scope). */
  async byRmaNumber(rmaNumber: string): Promise<ParcelTicket | null> {
    const rows: ParcelTicket[] = await tx.query(
      `SELECT id, status, to_char(rma_valid_until, 'YYYY-MM-DD') AS "rmaValidUntil",
              to_char(shipped_on, 'YYYY-MM-DD') AS "shippedOn", serial_number AS "serialNumber", sku
         FROM tickets WHERE rma_number = $1`,
      [rmaNumber],
    );
    return rows[0] ?? null;
  }
}
