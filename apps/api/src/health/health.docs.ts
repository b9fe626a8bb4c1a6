import { ApiProperty } from '@nestjs/swagger';

/* What GET /health answers when the API and its database are up (otherwise an error, 500). */

export class HealthDoc {
  @ApiProperty({ enum: ['ok'] }) status: string;
  @ApiProperty({ enum: ['up'] }) database: string;
  @ApiProperty({ example: '1.0.0', description: 'The routing rules in force' }) rulesVersion: string;
}
