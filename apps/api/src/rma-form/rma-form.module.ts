import { Module } from '@nestjs/common';
import { RmaFormController } from './rma-form.controller.js';
import { RmaFormRepository } from './rma-form.repository.js';
import { RmaFormService } from './rma-form.service.js';

@Module({
  controllers: [RmaFormController],
  providers: [RmaFormRepository, RmaFormService],
})
export class RmaFormModule {}
