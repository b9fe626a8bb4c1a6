import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  DELIVERY_STATUSES,
  OUTBOUND_EVENTS,
  type DeliveryStatus,
  type OutboundEvent,
} from './webhooks.constants.js';

export class WebhookEndpointDto {
  @ApiProperty({ example: 'https://rma.example-vendor.com/hooks/distri' })
  @IsString()
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({
    enum: OUTBOUND_EVENTS,
    isArray: true,
    description: 'Events sent to the endpoint; rma.forwarded is always among them',
    example: ['rma.forwarded', 'rma.cancelled'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(OUTBOUND_EVENTS.length)
  @ArrayUnique()
  @IsIn(OUTBOUND_EVENTS, { each: true })
  events?: OutboundEvent[];

  @ApiPropertyOptional({ description: 'true re-enables a disabled endpoint; false disables it' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ description: 'Manufacturer slug' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  manufacturer?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() ticketId?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
  @ApiPropertyOptional({ description: 'Created at or after (ISO 8601)' })
  @IsOptional()
  @IsDateString()
  since?: string;
  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class RedeliverFailedDto {
  @ApiProperty({
    description: 'Every delivery that failed at or after this time (ISO 8601)',
    example: '2026-03-01T00:00:00Z',
  })
  @IsDateString()
  since: string;

  @ApiPropertyOptional({ description: 'Only this manufacturer (slug)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  manufacturer?: string;
}
