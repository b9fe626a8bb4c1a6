import { Module } from '@nestjs/common';
import { ManufacturersModule } from '../manufacturers/manufacturers.module.js';
import { MailOutbox } from './mail-outbox.service.js';
import { MailSignals } from './mail-signals.js';
import { MailRepository } from './mail.repository.js';

/**
 * The mail outbox on its own, so the tickets and webhooks modules can write messages in their
 * transactions without depending on the sending side (mail.module.ts).
 */
@Module({
  imports: [ManufacturersModule],
  providers: [MailOutbox, MailRepository, MailSignals],
  exports: [MailOutbox, MailRepository, MailSignals],
})
export class MailOutboxModule {}
