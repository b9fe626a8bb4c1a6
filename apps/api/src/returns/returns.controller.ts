import { Body, Controller, Get, Headers, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, RESELLER_ROLES, Roles, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { UuidParam } from '../common/params.js';
import { parseIdempotencyKey } from '../tickets/tickets.controller.js';
import { CreateReturnDto, ReturnContentDto } from './dto.js';
import { ReturnPreviewDoc, ReturnTimelineEntryDoc, ReturnViewDoc } from './returns.docs.js';
import { ReturnsService } from './returns.service.js';

@ApiTags('returns')
@Controller()
export class ReturnsController {
  constructor(private readonly returns: ReturnsService) {}

  @ApiOperation({
    summary: 'Submit or save a return with several items',
    description:
      'The shared information (end customer, delivery, reference) once and 1..100 items; with submit, each item is decided on its own. A problem of an item is named by its index (items[3].product.serialNumber), and nothing is written.',
  })
  @ApiCreatedResponse({
    type: ReturnViewDoc,
    description: 'The return and its items, decided when submitted',
  })
  @Post('returns')
  @Roles(...RESELLER_ROLES)
  @ApiErrors(ErrorCode.CONFLICT, ErrorCode.IDEMPOTENCY_IN_PROGRESS, ErrorCode.IDEMPOTENCY_KEY_REUSED)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat-safe creation; kept 24 hours per tenant',
  })
  create(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateReturnDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.returns.create(p, dto, parseIdempotencyKey(key));
  }

  @ApiOperation({ summary: "Preview every item's routing decision" })
  @ApiCreatedResponse({ type: ReturnPreviewDoc, description: "Each item's decision, stored nowhere" })
  @Post('returns/preview')
  @Roles(...RESELLER_ROLES)
  @ApiErrors(ErrorCode.CONFLICT)
  preview(@CurrentPrincipal() p: Principal, @Body() dto: ReturnContentDto) {
    return this.returns.preview(p, dto);
  }

  @ApiOperation({ summary: 'Get a return with its items' })
  @ApiOkResponse({ type: ReturnViewDoc, description: "The return and every item's ticket view, in order" })
  @Get('returns/:id')
  @Roles(...ALL_ROLES)
  @ApiErrors(ErrorCode.NOT_FOUND)
  get(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.returns.get(p, id);
  }

  @ApiOperation({
    summary: "Every item's timeline as one",
    description: 'Oldest first; entries at the same moment by item, then in their timeline order.',
  })
  @ApiOkResponse({ type: [ReturnTimelineEntryDoc], description: 'Each entry names its item' })
  @Get('returns/:id/timeline')
  @Roles(...ALL_ROLES)
  @ApiErrors(ErrorCode.NOT_FOUND)
  timeline(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.returns.timeline(p, id);
  }
}
