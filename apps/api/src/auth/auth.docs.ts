import { ApiProperty } from '@nestjs/swagger';
import { ROLES } from '@rma/rules';

/*
 * What the auth endpoints answer, the OpenAPI description and the type auth.service.ts answers with: a
 * login's token, and who the caller is.
 */

export class LoginUserDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for distributor staff' })
  tenantId: string | null;
}

export class LoginResultDoc {
  @ApiProperty({ description: 'A JWT, sent as `Authorization: Bearer <token>`' }) accessToken: string;
  @ApiProperty({ description: 'Seconds the token is valid', example: 28800 }) expiresIn: number;
  @ApiProperty({ type: LoginUserDoc }) user: LoginUserDoc;
}

export class MeDoc {
  @ApiProperty({ format: 'uuid', description: "The user's or the API key's id" }) id: string;
  @ApiProperty({ enum: ['user', 'apiKey'] }) kind: string;
  @ApiProperty({ description: "The user's name, or `API key <name>`" }) name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for distributor staff' })
  tenantId: string | null;
}

export class SessionsEndedDoc {
  @ApiProperty({
    format: 'date-time',
    description: 'Every session of the user signed in before this has ended',
  })
  endedAt: string;
}
