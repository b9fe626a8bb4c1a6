import { Controller, HttpCode, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Roles, STAFF_ROLES } from '../auth/principal.js';
import { ErrorCode } from '../common/errors.js';
import { MultipartInterceptor, spooledFiles } from '../common/multipart.js';
import { ImportResultDoc } from './invoice-import.docs.js';
import { InvoiceImportService } from './invoice-import.service.js';

const CsvUpload = MultipartInterceptor((c) => ({
  field: 'file',
  maxBytes: c.invoiceImportMaxBytes,
  maxFiles: 1,
  tooMany: 'send one CSV file per import',
  tooManyCode: ErrorCode.VALIDATION_FAILED,
}));

@ApiTags('products')
@Controller()
export class InvoiceImportController {
  constructor(private readonly imports: InvoiceImportService) {}

  /** Staff: the distributor's invoice export (CSV). */
  @ApiOperation({ summary: 'Import invoice lines from a CSV file' })
  @ApiOkResponse({ type: ImportResultDoc, description: 'Good lines imported, bad lines reported' })
  @Post('invoice-lines/import')
  @Roles(...STAFF_ROLES)
  @HttpCode(200)
  @UseInterceptors(CsvUpload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
    description:
      'Columns (header line): reseller (slug), invoice number, date (YYYY-MM-DD), SKU, serial, unit price (e.g. 82.00), currency',
  })
  import(@Req() req: Request) {
    return this.imports.import(spooledFiles(req)[0]);
  }
}
