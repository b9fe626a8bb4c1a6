import { Module } from '@nestjs/common';
import { AdminAccountsModule } from './admin-accounts.module.js';
import { SetupController } from './setup.controller.js';
import { SetupService } from './setup.service.js';

@Module({
  imports: [AdminAccountsModule],
  controllers: [SetupController],
  providers: [SetupService],
})
export class SetupModule {}
