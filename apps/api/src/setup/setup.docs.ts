import { ApiProperty } from '@nestjs/swagger';

/* What GET /setup answers, as documented and as setup.service.ts types it; POST /setup/admin answers a login. */

export class SetupStatusDoc {
  @ApiProperty({
    description: 'No enabled distributor admin exists: the first one may be created with a setup token',
  })
  needed: boolean;
}
