import { ApiProperty } from '@nestjs/swagger';
import { DATE } from '../common/docs.js';

/*
 * What the product and invoice-line endpoints answer: the OpenAPI description and the type
 * products.service.ts answers with (the rows of products.repository.ts, as they are).
 */

export class ProductDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) manufacturerId: string;
  @ApiProperty({ example: 'grandstream', description: 'Manufacturer slug' }) manufacturer: string;
  @ApiProperty({ example: 'GS-GRP2612' }) sku: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) productLine: string | null;
}

export class InvoiceLineDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ example: 'INV-2026-0042' }) invoiceNumber: string;
  @ApiProperty(DATE) invoicedOn: string;
  @ApiProperty() sku: string;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ description: 'Unit price in minor units', example: 8200 }) unitPriceMinor: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
}
