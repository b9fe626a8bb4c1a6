import { ApiProperty } from '@nestjs/swagger';

/*
 * What an invoice CSV import answers: the OpenAPI description and the type invoice-import.service.ts
 * answers with.
 */

export class ImportRowErrorDoc {
  @ApiProperty({ description: 'Line number in the file; the header is line 1', example: 5 }) line: number;
  @ApiProperty({ example: 'date "2026-02-30" is not a date YYYY-MM-DD' }) reason: string;
}

export class ImportResultDoc {
  @ApiProperty({ description: 'Lines added' }) imported: number;
  @ApiProperty({ description: 'Good lines present already (an earlier import, or twice in this file)' })
  skipped: number;
  @ApiProperty({ type: [ImportRowErrorDoc], description: 'Bad lines, not imported, by line number' })
  errors: ImportRowErrorDoc[];
}
