import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { LoginResultDoc, MeDoc } from './auth.docs.js';
import { AuthService } from './auth.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { ALL_ROLES, CurrentPrincipal, Public, Roles, type Principal } from './principal.js';

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

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @ApiOkResponse({ type: LoginResultDoc })
  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginRateLimitGuard)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.email, dto.password);
  }

  @ApiOkResponse({ type: MeDoc, description: 'Who is calling: a user, or an API key' })
  @Get('me')
  @Roles(...ALL_ROLES)
  me(@CurrentPrincipal() principal: Principal) {
    return this.auth.me(principal);
  }
}
