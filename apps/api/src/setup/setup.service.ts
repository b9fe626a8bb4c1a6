import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { LoginResultDoc } from '../auth/auth.docs.js';
import { AuthService } from '../auth/auth.service.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AdminAccounts } from './admin-accounts.service.js';
import type { CreateFirstAdminDto } from './dto.js';
import type { SetupStatusDoc } from './setup.docs.js';

/** How long a setup token printed at start stays valid. */
export const SETUP_TOKEN_HOURS = 24;

/**
 * The first-run page: while the installation has no distributor admin, an API process prints a setup
 * token when it starts, and whoever holds it creates the first admin and is signed in.
 */
@Injectable()
export class SetupService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Setup');

  constructor(
    private readonly accounts: AdminAccounts,
    private readonly auth: AuthService,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(): Promise<SetupStatusDoc> {
    return { needed: await this.accounts.setupNeeded() };
  }

  async createFirstAdmin(dto: CreateFirstAdminDto): Promise<LoginResultDoc> {
    const user = await this.accounts.createFirst(dto.token, dto);
    return this.auth.startSession(user.id);
  }

  /** Issues and prints a setup token while no admin exists (API processes only: a worker serves no page). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.adapterHost.httpAdapter) return;
    const token = await this.openSetup();
    if (token === null) return;
    this.logger.warn(
      `No distributor admin exists yet. Open ${this.config.publicUrl.replace(/\/$/, '')}/setup and give ` +
        `the setup token ${token} (valid ${SETUP_TOKEN_HOURS} h, once), or run: npm run create-admin -- --email <e-mail> --name <name>`,
    );
  }

  /** A new setup token while no admin exists (null once one does). */
  openSetup(): Promise<string | null> {
    return this.accounts.openSetup(SETUP_TOKEN_HOURS * 3600);
  }
}
