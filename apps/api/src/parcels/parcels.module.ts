import { Module } from '@nestjs/common';
import { MailOutboxModule } from '../mail/mail-outbox.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ParcelsController } from './parcels.controller.js';
import { ParcelsRepository } from './parcels.repository.js';
import { ParcelsService } from './parcels.service.js';

/**
 * Parcels: items of a return approved together under one RMA number, shipped and received together.
 * The items change through the tickets module's transitions; the receiving desk and the RMA form read
 * the parcel through this module's repository and service.
 */
@Module({
  imports: [TicketsModule, MailOutboxModule],
  controllers: [ParcelsController],
  providers: [ParcelsRepository, ParcelsService],
  exports: [ParcelsRepository, ParcelsService],
})
export class ParcelsModule {}
