import { ApiProperty } from '@nestjs/swagger';

/*
 * What GET /setup answers, the OpenAPI description and the type setup.service.ts answers with; POST
 * /setup/admin answers a login (LoginResultDoc).
 */

export class SetupStatusDoc {
  @ApiProperty({
    description: 'No enabled distributor admin exists: the first one may be created with a setup token',
  })
  needed: boolean;
}
