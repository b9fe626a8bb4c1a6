import { Body, Controller, Get, Headers, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ALL_ROLES, CurrentPrincipal, RESELLER_ROLES, Roles, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode, ValidationException } from '../common/errors.js';
import { UuidParam } from '../common/params.js';
import {
  CountTicketsQuery,
  CreateTicketDto,
  ListTicketsQuery,
  TicketContentDto,
  TicketPatchDto,
  TransitionDto,
  WarrantyLookupQuery,
} from './dto.js';
import {
  DecisionDoc,
  PrefillDoc,
  TICKET_COUNTS_SCHEMA,
  TicketDetailDoc,
  TicketPageDoc,
  TicketStatsDoc,
  TicketViewDoc,
  TimelineEntryDoc,
  WarrantyLookupDoc,
} from './ticket-view.docs.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { TicketSubmissionService } from './ticket-submission.service.js';
import { TicketTransitionsService } from './ticket-transitions.service.js';

/** `Idempotency-Key` is a structured-header string: `"key"`; a bare token is accepted too. */
export function parseIdempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const key = raw.trim().replace(/^"(.*)"$/, '$1');
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new ValidationException([
      { field: 'Idempotency-Key', message: 'must be 1-255 printable ASCII characters' },
    ]);
  }
  return key;
}

@ApiTags('tickets')
@Controller()
export class TicketsController {
  constructor(
    private readonly submission: TicketSubmissionService,
    private readonly transitions: TicketTransitionsService,
    private readonly queries: TicketQueriesService,
  ) {}

  @ApiOperation({ summary: 'Submit or save a ticket' })
  @ApiCreatedResponse({ type: TicketViewDoc, description: 'The ticket, decided when submitted' })
  @Post('tickets')
  @Roles(...RESELLER_ROLES)
  @ApiErrors(ErrorCode.CONFLICT, ErrorCode.IDEMPOTENCY_IN_PROGRESS, ErrorCode.IDEMPOTENCY_KEY_REUSED)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Repeat-safe creation; kept 24 hours per tenant',
  })
  create(
    @CurrentPrincipal() p: Principal,
    @Body() dto: CreateTicketDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.submission.create(p, dto, parseIdempotencyKey(key));
  }

  @ApiOperation({ summary: 'List tickets' })
  @ApiOkResponse({ type: TicketPageDoc, description: 'Newest first unless sorted; keyset pages' })
  @Get('tickets')
  @Roles(...ALL_ROLES)
  list(@CurrentPrincipal() p: Principal, @Query() q: ListTicketsQuery) {
    return this.queries.list(p, q);
  }

  @ApiOperation({ summary: 'Count tickets by status' })
  @ApiOkResponse({ schema: TICKET_COUNTS_SCHEMA })
  @Get('tickets/counts')
  @Roles(...ALL_ROLES)
  counts(@CurrentPrincipal() p: Principal, @Query() q: CountTicketsQuery) {
    return this.queries.counts(p, q.tenantId);
  }

  @ApiOperation({ summary: 'Get the dashboard figures' })
  @ApiOkResponse({ type: TicketStatsDoc, description: 'Dashboard figures' })
  @Get('tickets/stats')
  @Roles(...ALL_ROLES)
  stats(@CurrentPrincipal() p: Principal, @Query() q: CountTicketsQuery) {
    return this.queries.stats(p, q.tenantId);
  }

  @ApiOperation({ summary: "Prefill a new ticket from the reseller's last one" })
  @ApiOkResponse({ type: PrefillDoc })
  @Get('tickets/prefill')
  @Roles(...RESELLER_ROLES)
  prefill(@CurrentPrincipal() p: Principal) {
    return this.queries.prefill(p);
  }

  @ApiOperation({ summary: 'Preview the routing decision' })
  @ApiCreatedResponse({ type: DecisionDoc, description: 'The decision for this content, stored nowhere' })
  @Post('tickets/preview')
  @Roles(...RESELLER_ROLES)
  @ApiErrors(ErrorCode.CONFLICT)
  preview(@CurrentPrincipal() p: Principal, @Body() dto: TicketContentDto) {
    return this.submission.preview(p, dto);
  }

  @ApiOperation({ summary: 'Get a ticket' })
  @ApiOkResponse({ type: TicketDetailDoc, description: 'With its timeline and attachments' })
  @Get('tickets/:id')
  @Roles(...ALL_ROLES)
  get(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.queries.get(p, id);
  }

  @ApiOperation({ summary: 'Change a draft' })
  @ApiBody({ type: TicketPatchDto })
  @ApiOkResponse({ type: TicketViewDoc })
  @Patch('tickets/:id')
  @Roles(...RESELLER_ROLES)
  @ApiErrors(ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.CONFLICT)
  update(@CurrentPrincipal() p: Principal, @UuidParam() id: string, @Body() dto: TicketContentDto) {
    return this.submission.updateDraft(p, id, dto);
  }

  @ApiOperation({ summary: 'Take an action on a ticket' })
  @ApiCreatedResponse({ type: TicketViewDoc, description: 'The ticket after the action' })
  @Post('tickets/:id/transitions')
  @Roles(...ALL_ROLES)
  @ApiErrors(ErrorCode.FORBIDDEN, ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.CONFLICT)
  act(@CurrentPrincipal() p: Principal, @UuidParam() id: string, @Body() dto: TransitionDto) {
    return this.transitions.act(p, id, dto);
  }

  @ApiOperation({ summary: "Get a ticket's timeline" })
  @ApiOkResponse({ type: [TimelineEntryDoc] })
  @Get('tickets/:id/timeline')
  @Roles(...ALL_ROLES)
  timeline(@CurrentPrincipal() p: Principal, @UuidParam() id: string) {
    return this.queries.timeline(p, id);
  }

  @ApiOperation({ summary: 'Look up the warranty of a serial number' })
  @ApiOkResponse({ type: WarrantyLookupDoc, description: "Among the caller's own purchases (staff: any)" })
  @Get('warranty')
  @Roles(...ALL_ROLES)
  @ApiErrors(ErrorCode.NOT_FOUND)
  warranty(@CurrentPrincipal() p: Principal, @Query() q: WarrantyLookupQuery) {
    return this.queries.warranty(p, q.serialNumber);
  }
}
