import { Module } from '@nestjs/common';
import { InvoiceImportController } from './invoice-import.controller.js';
import { InvoiceImportRepository } from './invoice-import.repository.js';
import { InvoiceImportService } from './invoice-import.service.js';

@Module({
  controllers: [InvoiceImportController],
  providers: [InvoiceImportRepository, InvoiceImportService],
})
export class InvoiceImportModule {}
