import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ALL_ROLES,
  CurrentPrincipal,
  RESELLER_ROLES,
  Roles,
  STAFF_ROLES,
  type Principal,
} from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { UuidParam } from '../common/params.js';
import { ApproveItemsDto, ShipParcelDto } from './dto.js';
import { ApprovalDoc, ParcelViewDoc } from './parcels.docs.js';
import { ParcelsService } from './parcels.service.js';

@ApiTags('parcels')
@Controller()
export class ParcelsController {
  constructor(private readonly parcels: ParcelsService) {}

  @ApiOperation({
    summary: "Approve several of a return's items with one RMA number",
    description:
      'Every listed item in review is approved with one new RMA number: one parcel, one form. An id that is not an item of the return is a 400 naming it (items[i]) and nothing is written; an item that cannot be approved now is refused with the reason and the others are approved.',
  })
  @ApiOkResponse({ type: ApprovalDoc, description: 'Per item, approved or refused and why; the parcel' })
  @Post('returns/:id/approve')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  approve(@CurrentPrincipal() p: Principal, @UuidParam() id: string, @Body() dto: ApproveItemsDto) {
    return this.parcels.approve(p, id, dto);
  }

  @ApiOperation({ summary: 'Get a parcel with its items' })
  @ApiOkResponse({ type: ParcelViewDoc, description: 'The parcel and its items, in order' })
  @Get('parcels/:id')
  @Roles(...ALL_ROLES)
  @ApiErrors(ErrorCode.NOT_FOUND)
  get(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.parcels.get(p, id);
  }

  @ApiOperation({
    summary: 'Ship a parcel',
    description: 'Every approved item of the parcel is shipped with the one carrier and tracking number.',
  })
  @ApiOkResponse({ type: ParcelViewDoc, description: 'The parcel, its items SHIPPED' })
  @Post('parcels/:id/ship')
  @Roles(...RESELLER_ROLES)
  @HttpCode(200)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.CONFLICT)
  ship(@CurrentPrincipal() p: Principal, @UuidParam() id: string, @Body() dto: ShipParcelDto) {
    return this.parcels.ship(p, id, dto);
  }
}
