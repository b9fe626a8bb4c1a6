import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME } from '../common/docs.js';

/*
 * What the tenant endpoints answer: the OpenAPI description and the type tenants.service.ts answers
 * with; test/openapi.e2e-spec.ts checks real answers against it.
 */

export class FeeOverridesDoc {
  @ApiProperty({ type: Number, nullable: true, description: 'null: the global default', example: 15 })
  restockingFeePercent: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units; null: the global default' })
  restockingFeeMinMinor: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Days; null: the global default' })
  returnWindowDays: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Days; null: the global default' })
  deliveryErrorWindowDays: number | null;
}

export class FeePolicyDoc {
  @ApiProperty({ example: 15 }) restockingFeePercent: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Minimum fee in minor units; null: none' })
  restockingFeeMinMinor: number | null;
  @ApiProperty({ example: 30, description: 'Order-error return window in days from delivery' })
  returnWindowDays: number;
  @ApiProperty({ example: 14, description: 'Delivery-error report window in days from delivery' })
  deliveryErrorWindowDays: number;
}

export class TenantDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'alpha-it' }) slug: string;
  @ApiProperty({ example: 'Alpha IT' }) name: string;
  @ApiProperty({ example: 'EUR', minLength: 3, maxLength: 3 }) currency: string;
  @ApiProperty({ type: String, nullable: true }) returnAddress: string | null;
  @ApiProperty({ type: FeeOverridesDoc, description: 'The overrides as stored' })
  feeOverrides: FeeOverridesDoc;
  @ApiProperty({ type: FeePolicyDoc, description: 'The policy in force: the overrides over the defaults' })
  feePolicy: FeePolicyDoc;
  @ApiProperty(DATE_TIME) createdAt: string;
}
