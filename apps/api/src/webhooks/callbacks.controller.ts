import { Body, Controller, Headers, HttpCode, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/principal.js';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { CallbacksService } from './callbacks.service.js';
import { CallbackResultDoc } from './webhooks.docs.js';

/**
 * Manufacturers call back here (docs/webhooks.md). Public: the Standard Webhooks signature with the
 * manufacturer's inbound secret is the authentication, checked over the raw body.
 */
@ApiTags('webhooks')
@Controller()
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @ApiOperation({ summary: "Receive a manufacturer's callback" })
  @ApiOkResponse({ type: CallbackResultDoc })
  @Post('manufacturers/:slug/callbacks')
  @Public()
  @HttpCode(200)
  // UNAUTHENTICATED: no inbound secret, or the signature does not verify against it.
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.UNAUTHENTICATED,
    ErrorCode.TRANSITION_NOT_ALLOWED,
    ErrorCode.CONFLICT,
    ErrorCode.SECRET_UNAVAILABLE,
  )
  @ApiHeader({
    name: 'webhook-id',
    required: true,
    description: 'Unique per message; a repeated id is applied once',
  })
  @ApiHeader({ name: 'webhook-timestamp', required: true, description: 'Unix seconds; at most 300 s off' })
  @ApiHeader({
    name: 'webhook-signature',
    required: true,
    description: 'v1,<base64 HMAC-SHA256 of id.timestamp.body>',
  })
  receive(
    @Param('slug') slug: string,
    @Headers('webhook-id') id: string | undefined,
    @Headers('webhook-timestamp') timestamp: string | undefined,
    @Headers('webhook-signature') signature: string | undefined,
    @Req() req: RawBodyRequest<Request>,
    @Body() body: unknown,
  ) {
    return this.callbacks.receive(slug, { id, timestamp, signature }, req.rawBody, body);
  }
}
