import { Body, Controller, Delete, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { ApiErrors } from '../common/docs.js';
import { ErrorCode } from '../common/errors.js';
import { LoginResultDoc, MeDoc, SessionsEndedDoc } from './auth.docs.js';
import { AuthService } from './auth.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { ALL_ROLES, CurrentPrincipal, Public, Roles, SignedInOnly, type Principal } from './principal.js';

export class LoginDto {
  @ApiProperty({ example: 'agent@alpha-it.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo1234' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString()
  @Length(8, 200)
  newPassword: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiOperation({ summary: 'Sign in' })
  @ApiOkResponse({ type: LoginResultDoc })
  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiErrors(ErrorCode.INVALID_CREDENTIALS)
  @UseGuards(LoginRateLimitGuard)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.email, dto.password);
  }

  @ApiOperation({ summary: 'Change your password' })
  @ApiOkResponse({
    type: LoginResultDoc,
    description: 'A new token for this session; every other session of the user has ended',
  })
  @Post('password')
  @HttpCode(200)
  @ApiErrors(ErrorCode.CONFLICT)
  @Roles(...ALL_ROLES)
  @SignedInOnly()
  @UseGuards(LoginRateLimitGuard)
  changePassword(@CurrentPrincipal() p: Principal, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(p, dto.currentPassword, dto.newPassword);
  }

  @ApiOperation({ summary: 'Sign out everywhere' })
  @ApiOkResponse({
    type: SessionsEndedDoc,
    description: 'Every session of the user has ended, this one included',
  })
  @Delete('sessions')
  @Roles(...ALL_ROLES)
  @SignedInOnly()
  endSessions(@CurrentPrincipal() p: Principal) {
    return this.auth.endAllSessions(p);
  }

  @ApiOperation({ summary: 'Who is calling' })
  @ApiOkResponse({ type: MeDoc, description: 'Who is calling: a user, or an API key' })
  @Get('me')
  @Roles(...ALL_ROLES)
  me(@CurrentPrincipal() principal: Principal) {
    return this.auth.me(principal);
  }
}
