import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@rma/rules';
import { DATE_TIME } from '../common/docs.js';

/*
 * What the user endpoints answer: the OpenAPI description and the type users.service.ts answers with;
 * never a password or its hash.
 */

export class UserDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for distributor staff' })
  tenantId: string | null;
  @ApiProperty({ example: 'agent@alpha-it.example' }) email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty() disabled: boolean;
  @ApiProperty({
    ...DATE_TIME,
    type: String,
    nullable: true,
    description: 'Last sign-in with a password; null: never',
  })
  lastSignInAt: string | null;
  @ApiProperty(DATE_TIME) createdAt: string;
}
