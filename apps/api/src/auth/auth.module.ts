import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MailOutboxModule } from '../mail/mail-outbox.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthRepository } from './auth.repository.js';
import { AuthService } from './auth.service.js';
import { LoginRateLimitGuard } from './login-rate-limit.guard.js';
import { ActiveApiKeys } from './active-api-keys.js';
import { UserSessions } from './user-sessions.js';

@Global()
@Module({
  imports: [
    MailOutboxModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, not the string: given a string, jsonwebtoken probes it with createPublicKey on every
      // verify (a caught exception), which was a tenth of the API's CPU under load.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
        verifyOptions: { algorithms: ['HS256'] },
        signOptions: { expiresIn: config.jwtTtlSeconds },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthRepository,
    AuthService,
    UserSessions,
    ActiveApiKeys,
    LoginRateLimitGuard,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthRepository, AuthService, UserSessions, ActiveApiKeys],
})
export class AuthModule {}
