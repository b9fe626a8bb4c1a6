import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { ValidationException } from '../common/errors.js';
import type { SpooledFile } from '../common/multipart.js';
import { ALL_TENANTS, Database } from '../database/database.service.js';
import { parseInvoiceCsv } from './invoice-csv.js';
import type { ImportResultDoc } from './invoice-import.docs.js';
import { InvoiceImportRepository, type ImportLine } from './invoice-import.repository.js';

const BATCH = 1000;

/**
 * The distributor's invoice export (CSV) into invoice_lines: the credit basis and the distributor-sale
 * warranty fallback. Good rows are imported, bad rows reported; importing the same file again adds nothing.
 */
@Injectable()
export class InvoiceImportService {
  constructor(
    private readonly db: Database,
    private readonly repo: InvoiceImportRepository,
  ) {}

  async import(file: SpooledFile | undefined): Promise<ImportResultDoc> {
    if (!file || file.size === 0)
      throw new ValidationException([
        { field: 'file', message: 'a CSV file is required (multipart/form-data field "file")' },
      ]);
    const bytes = await readFile(file.path);
    // UTF-8 as exported today; a spreadsheet's legacy Windows-1252 export is read as such.
    const text = new TextDecoder(file.text ? 'utf-8' : 'windows-1252').decode(bytes);
    const parsed = parseInvoiceCsv(text);
    if (parsed.headerProblem)
      throw new ValidationException([{ field: 'file', message: parsed.headerProblem }]);
    const errors = [...parsed.errors];

    return this.db.run(ALL_TENANTS, async () => {
      await this.repo.lockImports();
      const tenants = await this.repo.tenantIds([...new Set(parsed.rows.map((r) => r.reseller))]);
      const seen = new Set<string>();
      const lines: ImportLine[] = [];
      let duplicates = 0;
      for (const r of parsed.rows) {
        const tenantId = tenants.get(r.reseller);
        if (!tenantId) {
          errors.push({
            line: r.line,
            reason: `reseller "${r.reseller}" is unknown (expected a reseller's slug)`,
          });
          continue;
        }
        const key = JSON.stringify([tenantId, r.invoiceNumber, r.sku, r.serialNumber]);
        if (seen.has(key)) {
          duplicates++;
          continue;
        }
        seen.add(key);
        lines.push({ ...r, tenantId });
      }
      let imported = 0;
      for (let i = 0; i < lines.length; i += BATCH)
        imported += await this.repo.insertNew(lines.slice(i, i + BATCH));
      errors.sort((a, b) => a.line - b.line);
      return { imported, skipped: lines.length - imported + duplicates, errors };
    });
  }
}
