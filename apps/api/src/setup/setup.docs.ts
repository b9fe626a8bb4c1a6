import { ApiProperty } from '@nestjs/swagger';

export class SetupStatusDoc {
  @ApiProperty({
    description: 'No enabled distributor admin exists: the first one may be created with a setup token',
  })
  needed: boolean;
}
