import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, STAFF_ROLES, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { ReceiveParcelDto, ReceiveParcelItemsDto } from './dto.js';
import { ParcelReceiptDoc } from '../parcels/parcels.docs.js';
import { TicketViewDoc } from '../tickets/ticket-view.docs.js';
import { ReceivingService } from './receiving.service.js';

@ApiTags('receiving')
@Controller()
export class ReceivingController {
  constructor(private readonly receiving: ReceivingService) {}

  /** Staff: receive a parcel by the RMA number on its box; refused (422) when unknown, expired, or for another item. */
  @ApiOperation({ summary: 'Receive a parcel' })
  @ApiOkResponse({ type: TicketViewDoc, description: 'The ticket, RECEIVED' })
  @Post('receiving')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  @ApiErrors(ErrorCode.PARCEL_REFUSED, ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.CONFLICT)
  receive(@CurrentPrincipal() p: Principal, @Body() dto: ReceiveParcelDto) {
    return this.receiving.receive(p, dto);
  }

  /**
   * Staff: receive a parcel of several items by the RMA number on its box and the serials found in it;
   * the items not in the box are flagged missing, a serial not on the parcel is a 400 naming it.
   */
  @ApiOperation({ summary: 'Receive a parcel, item by item' })
  @ApiOkResponse({
    type: ParcelReceiptDoc,
    description: 'The parcel; which items were received, which are missing',
  })
  @Post('receiving/parcels')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  @ApiErrors(ErrorCode.PARCEL_REFUSED, ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.CONFLICT)
  receiveParcel(@CurrentPrincipal() p: Principal, @Body() dto: ReceiveParcelItemsDto) {
    return this.receiving.receiveParcel(p, dto);
  }
}
