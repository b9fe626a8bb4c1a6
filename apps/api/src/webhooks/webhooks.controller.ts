import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, STAFF_ROLES } from '../auth/principal.js';
import { ListDeliveriesQuery, RedeliverFailedDto, WebhookEndpointDto } from './dto.js';
import { WebhooksService } from './webhooks.service.js';

/** Staff: each manufacturer's webhook endpoint and secrets (admins), and the delivery log (all staff). */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller()
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get('manufacturers/:slug/webhook-endpoint')
  @Roles(...STAFF_ROLES)
  getEndpoint(@Param('slug') slug: string) {
    return this.webhooks.getEndpoint(slug);
  }

  @Put('manufacturers/:slug/webhook-endpoint')
  @Roles('DISTRIBUTOR_ADMIN')
  putEndpoint(@Param('slug') slug: string, @Body() dto: WebhookEndpointDto) {
    return this.webhooks.putEndpoint(slug, dto);
  }

  @Post('manufacturers/:slug/webhook-endpoint/secret')
  @Roles('DISTRIBUTOR_ADMIN')
  rotateSecret(@Param('slug') slug: string) {
    return this.webhooks.rotateSecret(slug);
  }

  @Post('manufacturers/:slug/webhook-endpoint/inbound-secret')
  @Roles('DISTRIBUTOR_ADMIN')
  rotateInboundSecret(@Param('slug') slug: string) {
    return this.webhooks.rotateInboundSecret(slug);
  }

  @Get('webhook-deliveries')
  @Roles(...STAFF_ROLES)
  list(@Query() q: ListDeliveriesQuery) {
    return this.webhooks.listDeliveries(q);
  }

  @Post('webhook-deliveries/redeliver-failed')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  redeliverFailed(@Body() dto: RedeliverFailedDto) {
    return this.webhooks.redeliverFailed(dto);
  }

  @Get('webhook-deliveries/:id')
  @Roles(...STAFF_ROLES)
  get(@Param('id') id: string) {
    return this.webhooks.getDelivery(id);
  }

  @Post('webhook-deliveries/:id/redeliver')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  redeliver(@Param('id') id: string) {
    return this.webhooks.redeliver(id);
  }
}
