import { Module } from '@nestjs/common';
import { RmaFormController } from './rma-form.controller.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ParcelsModule } from '../parcels/parcels.module.js';
import { RmaFormService } from './rma-form.service.js';

@Module({
  imports: [TicketsModule, ParcelsModule],
  controllers: [RmaFormController],
  providers: [RmaFormService],
})
export class RmaFormModule {}
