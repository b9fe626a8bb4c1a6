import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ParcelsModule } from '../parcels/parcels.module.js';
import { ReceivingController } from './receiving.controller.js';
import { ReceivingService } from './receiving.service.js';

@Module({
  imports: [TicketsModule, ParcelsModule],
  controllers: [ReceivingController],
  providers: [ReceivingService],
})
export class ReceivingModule {}
