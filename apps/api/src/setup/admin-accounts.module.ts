import { Module } from '@nestjs/common';
import { UsersRepository } from '../users/users.repository.js';
import { AdminAccounts } from './admin-accounts.service.js';
import { SetupRepository } from './setup.repository.js';

/** Creating distributor admins outside a signed-in session: for the first-run page and the create-admin command. */
@Module({
  providers: [UsersRepository, SetupRepository, AdminAccounts],
  exports: [AdminAccounts],
})
export class AdminAccountsModule {}
