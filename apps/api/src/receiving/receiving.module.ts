import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ReceivingController } from './receiving.controller.js';
import { ReceivingRepository } from './receiving.repository.js';
import { ReceivingService } from './receiving.service.js';

@Module({
  imports: [TicketsModule],
  controllers: [ReceivingController],
  providers: [ReceivingRepository, ReceivingService],
})
export class ReceivingModule {}
