import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/principal.js';
import { AppException, ErrorCode, NotFoundException } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Metrics } from './metrics.service.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** GET /metrics (outside /api/v1) for Prometheus, with METRICS_TOKEN as a bearer token; not served without one. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metricsToken === null ? null : digest(config.metricsToken);
  }

  @Get()
  @Public()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response) {
    if (!this.token) throw new NotFoundException('Metrics');
    const [scheme, given] = (authorization ?? '').split(' ', 2);
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (scheme?.toLowerCase() !== 'bearer' || !given || !timingSafeEqual(digest(given), this.token))
      throw new AppException(ErrorCode.UNAUTHENTICATED, 'The metrics token is missing or wrong');
    const text = await this.metrics.scrape();
    res.setHeader('Cache-Control', 'no-store');
    res.type(this.metrics.registry.contentType).send(text);
  }
}
