import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CreateUserDto } from '../users/dto.js';

/** An admin's e-mail, name and password, under the rules of any user's (the password policy included). */
export class AdminAccountDto extends PickType(CreateUserDto, ['email', 'name', 'password'] as const) {}

export class CreateFirstAdminDto extends AdminAccountDto {
  @ApiProperty({ description: 'The setup token the API printed in its log when it started' })
  @IsString()
  @Length(1, 200)
  token: string;
}
