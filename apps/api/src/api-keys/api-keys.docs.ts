import { ApiProperty } from '@nestjs/swagger';
import { RESELLER_ROLES } from '@rma/rules';
import { DATE_TIME } from '../common/docs.js';

/*
 * What the API key endpoints answer: the OpenAPI description and the type api-keys.service.ts answers
 * with. The key itself is in the creation's answer only (CreatedApiKeyDoc); listing and revoking show
 * its prefix, never the key.
 */

export class ApiKeyDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ example: 'ERP integration' }) name: string;
  @ApiProperty({ description: "The key's public part: `rma_<prefix>_...`", example: '1a2b3c4d' })
  prefix: string;
  @ApiProperty({ enum: RESELLER_ROLES }) role: string;
  @ApiProperty(DATE_TIME) createdAt: string;
  @ApiProperty({ ...DATE_TIME, nullable: true }) lastUsedAt: string | null;
  @ApiProperty({
    ...DATE_TIME,
    nullable: true,
    description: 'Set once revoked; the key is refused from then',
  })
  revokedAt: string | null;
}

export class CreatedApiKeyDoc extends ApiKeyDoc {
  @ApiProperty({
    description:
      'The key, sent as `X-API-Key`. In this answer only: only a hash is stored, so it cannot be shown again.',
    pattern: '^rma_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$',
    // Matches the pattern, as a real key would; its random part is base64url of '0123456789abcdef' twice.
    example: 'rma_1a2b3c4d_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
  })
  key: string;
}
