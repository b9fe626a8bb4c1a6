import { PageQuery } from '../common/pagination.js';
import { ApiProperty, ApiPropertyOptional, DECORATORS, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  EXCLUSIONS,
  REASONS,
  ROUTES,
  type Exclusion,
  type Reason,
  type Route,
  OUTCOMES,
  ROLES,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  TRANSITIONS,
  type TicketAction,
} from '@rma/rules';

const DATE = { strict: true } as const;
const DATE_MSG = { message: '$property must be a date YYYY-MM-DD' };

export class CustomerDto {
  @ApiPropertyOptional({ example: 'Café Lumière' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) contactName?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) phone?: string;
}

export class DeliveryDto {
  @ApiPropertyOptional({ description: 'Day the reseller received the goods', example: '2026-11-02' })
  @IsOptional()
  @IsDateString(DATE, DATE_MSG)
  @Length(10, 10, DATE_MSG)
  deliveredOn?: string;
  @ApiPropertyOptional({ description: 'Where a replacement or the returned item goes back to' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) contactName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) contactPhone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) contactEmail?: string;
}

export class ProductDto {
  @ApiPropertyOptional({ example: 'grandstream', description: 'Manufacturer slug' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  manufacturer?: string;
  @ApiPropertyOptional({ example: 'GS-GRP2612' }) @IsOptional() @IsString() @Length(1, 64) sku?: string;
  @ApiPropertyOptional({ example: 'GSA1001' }) @IsOptional() @IsString() @Length(1, 64) serialNumber?: string;
  @ApiPropertyOptional({ example: 'INV-A-1010' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  invoiceRef?: string;
  @ApiPropertyOptional({ description: "End user's proof-of-purchase date", example: '2025-06-01' })
  @IsOptional()
  @IsDateString(DATE, DATE_MSG)
  @Length(10, 10, DATE_MSG)
  purchaseDate?: string;
  @ApiPropertyOptional({ description: 'Usage so far in the policy unit (e.g. TB written)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e9)
  usage?: number;
}

/** A ticket's editable content: everything optional on a draft; `submit` checks completeness. */
export class TicketContentDto {
  @ApiPropertyOptional({ enum: REASONS }) @IsOptional() @IsIn(REASONS) reason?: Reason;
  @ApiPropertyOptional({ type: CustomerDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomerDto)
  customer?: CustomerDto;
  @ApiPropertyOptional({ type: DeliveryDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeliveryDto)
  delivery?: DeliveryDto;
  @ApiPropertyOptional({ type: ProductDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProductDto)
  product?: ProductDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) faultDescription?: string;
  @ApiPropertyOptional({ description: 'Order error: the product has not been used' })
  @IsOptional()
  @IsBoolean()
  unused?: boolean;
  @ApiPropertyOptional({ description: 'Order error: still in its original packaging' })
  @IsOptional()
  @IsBoolean()
  originalPackaging?: boolean;
  @ApiPropertyOptional({ enum: EXCLUSIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EXCLUSIONS.length)
  @IsIn(EXCLUSIONS, { each: true })
  exclusions?: Exclusion[];
  @ApiPropertyOptional({ description: "The vendor support desk's ticket number, where required" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  supportTicketNumber?: string;
  @ApiPropertyOptional({ description: "The reseller's own reference" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  resellerReference?: string;
}

/**
 * `classRef` documented as a draft edit sends it: each field may be null, which clears it (IsOptional
 * lets a null through; the rules' mergeTicketContent clears the field). Documentation only.
 */
function Clearable<T extends object>(classRef: new () => T) {
  abstract class ClearableFields extends (classRef as new () => object) {}
  const keys = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, classRef.prototype) ??
    []) as string[];
  for (const key of keys) ApiProperty({ nullable: true })(ClearableFields.prototype, key.slice(1));
  return ClearableFields as unknown as new () => { [K in keyof T]?: T[K] | null };
}

export class CustomerPatchDto extends Clearable(CustomerDto) {}
export class DeliveryPatchDto extends Clearable(DeliveryDto) {}
export class ProductPatchDto extends Clearable(ProductDto) {}

/**
 * What PATCH /tickets/:id takes, as documented: the content's fields, a given one replacing the draft's;
 * inside customer, delivery and product a null clears a field. The body is validated as TicketContentDto.
 */
export class TicketPatchDto extends OmitType(TicketContentDto, ['customer', 'delivery', 'product'] as const) {
  @ApiPropertyOptional({ type: CustomerPatchDto }) customer?: CustomerPatchDto;
  @ApiPropertyOptional({ type: DeliveryPatchDto }) delivery?: DeliveryPatchDto;
  @ApiPropertyOptional({ type: ProductPatchDto }) product?: ProductPatchDto;
}

export class CreateTicketDto extends TicketContentDto {
  @ApiPropertyOptional({
    description: 'true: submit at once (routed now); false or absent: save a draft',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

/** The actions people take (the system's and the manufacturers' own are not posted here). */
export type UserTicketAction = Exclude<
  TicketAction,
  'ROUTE' | 'EXPIRE' | 'VENDOR_ACCEPT' | 'VENDOR_REJECT' | 'VENDOR_SHIP_REPLACEMENT'
>;
export const TICKET_ACTION_VALUES = TICKET_ACTIONS.filter((a): a is UserTicketAction =>
  TRANSITIONS[a].actors.some((actor) => (ROLES as readonly string[]).includes(actor)),
);

export const OUTCOME_VALUES = OUTCOMES;

export class TransitionDto {
  @ApiProperty({ enum: TICKET_ACTION_VALUES }) @IsIn(TICKET_ACTION_VALUES) action: UserTicketAction;
  @ApiPropertyOptional({ description: 'Why (required to reject, request info, reopen)' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) supportTicketNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) carrier?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) trackingNumber?: string;
  @ApiPropertyOptional({ description: 'Receiving: the RMA number on the parcel' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  rmaNumber?: string;
  @ApiPropertyOptional({ enum: OUTCOME_VALUES })
  @IsOptional()
  @IsIn(OUTCOME_VALUES)
  outcome?: (typeof OUTCOME_VALUES)[number];
  @ApiPropertyOptional({ description: 'Credit in minor units (CREDITED / DESTROYED_AND_CREDITED)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  creditMinor?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) replacementSerial?: string;
  @ApiPropertyOptional({ enum: ['NEW', 'REFURBISHED'] })
  @IsOptional()
  @IsIn(['NEW', 'REFURBISHED'])
  replacementCondition?: 'NEW' | 'REFURBISHED';
}

export const SORTS = ['-createdAt', 'createdAt', 'slaDueOn'] as const;
export const TICKET_STATUS_VALUES = TICKET_STATUSES;

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUS_VALUES })
  @IsOptional()
  @IsIn(TICKET_STATUS_VALUES)
  status?: string;
  @ApiPropertyOptional({ enum: REASONS }) @IsOptional() @IsIn(REASONS) reason?: Reason;
  @ApiPropertyOptional({ enum: ROUTES }) @IsOptional() @IsIn(ROUTES) route?: Route;
  @ApiPropertyOptional({ description: 'Manufacturer slug' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  manufacturer?: string;
  @ApiPropertyOptional({ description: 'Staff only' }) @IsOptional() @IsUUID() tenantId?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only tickets past their SLA due date' })
  @IsOptional()
  @IsIn(['true', 'false'])
  slaBreached?: 'true' | 'false';
  @ApiPropertyOptional({
    description:
      'Serial number, RMA number, a short ticket id (# and the last 8 hex digits of its id), or the start of the customer name',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
  @ApiPropertyOptional({ enum: SORTS, default: '-createdAt' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: (typeof SORTS)[number];
}

/** The list's filters and sort without its paging: what an export of the list takes. */
export class TicketFilterQuery extends OmitType(ListTicketsQuery, ['limit', 'cursor'] as const) {}

export class WarrantyLookupQuery {
  @ApiProperty() @IsString() @Length(1, 64) serialNumber: string;
}

export class CountTicketsQuery {
  @ApiPropertyOptional({ description: 'Staff only' }) @IsOptional() @IsUUID() tenantId?: string;
}
