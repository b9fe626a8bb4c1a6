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
  PAYLOAD_VERSIONS,
  type DeliveryStatus,
  type OutboundEvent,
  type PayloadVersion,
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

  @ApiPropertyOptional({
    enum: PAYLOAD_VERSIONS,
    description:
      'The payload version of its messages (docs/webhooks.md): 2 sends one rma.forwarded per return listing ' +
      "the manufacturer's items, 1 one message per item. A new endpoint gets 2 unless given; left out, an " +
      'existing endpoint keeps its version',
    example: 2,
  })
  @IsOptional()
  @IsIn(PAYLOAD_VERSIONS)
  payloadVersion?: PayloadVersion;
}

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ description: 'Manufacturer slug' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  manufacturer?: string;
  @ApiPropertyOptional({
    description: 'Messages about this ticket, alone or among the items of a version 2 message',
  })
  @IsOptional()
  @IsUUID()
  ticketId?: string;
  @ApiPropertyOptional({ description: 'Messages about items of this return' })
  @IsOptional()
  @IsUUID()
  returnId?: string;
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
