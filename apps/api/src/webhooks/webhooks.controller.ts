import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, STAFF_ROLES, type Principal } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { ListDeliveriesQuery, RedeliverFailedDto, WebhookEndpointDto } from './dto.js';
import {
  DeliveryDoc,
  DeliveryPageDoc,
  RedeliveredDoc,
  SavedWebhookEndpointDoc,
  WebhookEndpointDoc,
  WebhookSecretDoc,
} from './webhooks.docs.js';
import { WebhooksService } from './webhooks.service.js';

/** Staff: each manufacturer's webhook endpoint and secrets (admins), and the delivery log (all staff). */
@ApiTags('webhooks')
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @ApiOperation({ summary: "Get a manufacturer's webhook endpoint" })
  @ApiOkResponse({ type: WebhookEndpointDoc, description: 'Without its secrets' })
  @Get('manufacturers/:slug/webhook-endpoint')
  @Roles(...STAFF_ROLES)
  getEndpoint(@Param('slug') slug: string) {
    return this.webhooks.getEndpoint(slug);
  }

  @ApiOperation({ summary: "Set a manufacturer's webhook endpoint" })
  @ApiOkResponse({
    type: SavedWebhookEndpointDoc,
    description: 'Created or updated; a created one comes with its signing secret, shown this once',
  })
  @Put('manufacturers/:slug/webhook-endpoint')
  @Roles('DISTRIBUTOR_ADMIN')
  putEndpoint(
    @CurrentPrincipal() p: Principal,
    @Param('slug') slug: string,
    @Body() dto: WebhookEndpointDto,
  ) {
    return this.webhooks.putEndpoint(p, slug, dto);
  }

  @ApiOperation({ summary: 'Rotate the webhook signing secret' })
  @ApiCreatedResponse({
    type: WebhookSecretDoc,
    description: 'A new outbound signing secret, shown this once',
  })
  @Post('manufacturers/:slug/webhook-endpoint/secret')
  @Roles('DISTRIBUTOR_ADMIN')
  @ApiErrors(ErrorCode.CONFLICT) // no endpoint and no webhookUrl to make one from
  rotateSecret(@Param('slug') slug: string) {
    return this.webhooks.rotateSecret(slug);
  }

  @ApiOperation({ summary: "Rotate the secret of the manufacturer's callbacks" })
  @ApiCreatedResponse({
    type: WebhookSecretDoc,
    description: "A new secret for the manufacturer's callbacks, shown this once",
  })
  @Post('manufacturers/:slug/webhook-endpoint/inbound-secret')
  @Roles('DISTRIBUTOR_ADMIN')
  @ApiErrors(ErrorCode.CONFLICT)
  rotateInboundSecret(@Param('slug') slug: string) {
    return this.webhooks.rotateInboundSecret(slug);
  }

  @ApiOperation({ summary: 'List webhook deliveries' })
  @ApiOkResponse({ type: DeliveryPageDoc })
  @Get('webhook-deliveries')
  @Roles(...STAFF_ROLES)
  list(@Query() q: ListDeliveriesQuery) {
    return this.webhooks.listDeliveries(q);
  }

  @ApiOperation({ summary: 'Redeliver failed webhook deliveries' })
  @ApiOkResponse({ type: RedeliveredDoc })
  @Post('webhook-deliveries/redeliver-failed')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT) // NOT_FOUND: the manufacturer the body names
  redeliverFailed(@Body() dto: RedeliverFailedDto) {
    return this.webhooks.redeliverFailed(dto);
  }

  @ApiOperation({ summary: 'Get a webhook delivery' })
  @ApiOkResponse({ type: DeliveryDoc, description: 'With the payload as sent' })
  @Get('webhook-deliveries/:id')
  @Roles(...STAFF_ROLES)
  @ApiErrors(ErrorCode.VALIDATION_FAILED) // an id that is not a delivery id
  get(@Param('id') id: string) {
    return this.webhooks.getDelivery(id);
  }

  @ApiOperation({ summary: 'Redeliver a webhook delivery' })
  @ApiOkResponse({ type: DeliveryDoc, description: 'The delivery, PENDING again' })
  @Post('webhook-deliveries/:id/redeliver')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.CONFLICT)
  redeliver(@Param('id') id: string) {
    return this.webhooks.redeliver(id);
  }
}
