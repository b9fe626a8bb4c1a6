import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * What GET /health answers when the API and its database are up (otherwise 503 NOT_READY), as the
 * controller types it. The probes answer terminus' own result, which HealthCheckDoc describes.
 */

export class HealthDoc {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ enum: ['up'] }) database: string;
  @ApiProperty({ example: '1.0.0', description: 'The routing rules in force' }) rulesVersion: string;
}

/** One check of a probe. */
export class HealthIndicatorDoc {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional({ description: 'Why it is down' }) message?: string;
  @ApiPropertyOptional({ description: 'Milliseconds the check took' }) responseTime?: number;
}

const CHECKS = {
  type: 'object',
  additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDoc' },
  example: { database: { status: 'up' }, migrations: { status: 'up' } },
} as const;

/** What a probe answers when every check passed (terminus' result). */
export class HealthCheckDoc {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ ...CHECKS, description: 'The checks that are up' }) info: Record<string, HealthIndicatorDoc>;
  @ApiProperty({ ...CHECKS, description: 'The checks that are down (none here)' }) error: Record<
    string,
    HealthIndicatorDoc
  >;
  @ApiProperty({ ...CHECKS, description: 'Every check' }) details: Record<string, HealthIndicatorDoc>;
}
