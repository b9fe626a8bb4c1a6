import { describe, expect, it } from 'vitest';
import { csvRows, manufacturerNames, parseItemsCsv, parseSerialColumn } from './return-import';

const ctx = {
  manufacturers: manufacturerNames([
    { slug: 'grandstream', name: 'Grandstream' },
    { slug: 'innovaphone', name: 'innovaphone' },
  ]),
  today: '2026-12-01',
};

describe('a pasted column of serial numbers', () => {
  it('gives one serial a line, trimmed, skipping blank lines, whatever the line ends', () => {
    expect(parseSerialColumn(' GSA1001 \r\n\r\nGSA1002\n\n  \nIP-77\r')).toEqual({
      serials: ['GSA1001', 'GSA1002', 'IP-77'],
      duplicates: [],
    });
  });

  it('keeps a serial given twice once (case apart) and names it', () => {
    expect(parseSerialColumn('GSA1001\ngsa1001\nGSA1002\nGSA1001')).toEqual({
      serials: ['GSA1001', 'GSA1002'],
      duplicates: ['gsa1001', 'GSA1001'],
    });
  });

  it('takes the first cell of a row copied from a sheet with more columns', () => {
    expect(parseSerialColumn('GSA1001\tGS-GRP2612\tdark\nGSA1002;GS-GRP2612').serials).toEqual([
      'GSA1001',
      'GSA1002',
    ]);
  });

  it('gives nothing for an empty paste', () => {
    expect(parseSerialColumn('\n \n')).toEqual({ serials: [], duplicates: [] });
  });
});

describe('CSV rows', () => {
  it('reads quoted cells with delimiters, doubled quotes and line breaks, numbering rows by their first line', () => {
    const rows = csvRows('a,b\n"x, y","say ""hi"""\n"two\nlines",z\nlast,row', ',');
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
      { line: 5, cells: ['last', 'row'] },
    ]);
  });
});

describe('a CSV file of items', () => {
  const header = 'reason,manufacturer,sku,serial,fault,purchase date,usage';

  it('reads every good row into an item with its line', () => {
    const csv = `${header}\nDEFECT,grandstream,GS-GRP2612,GSA1001,Dark display,2026-01-15,\r\norder error,,GS-GRP2612,,,,\n`;
    const r = parseItemsCsv(csv, ctx);
    expect(r.problems).toEqual([]);
    expect(r.items).toEqual([
      {
        line: 2,
        reason: 'DEFECT',
        manufacturer: 'grandstream',
        sku: 'GS-GRP2612',
        serialNumber: 'GSA1001',
        faultDescription: 'Dark display',
        purchaseDate: '2026-01-15',
        usage: '',
      },
      {
        line: 3,
        reason: 'ORDER_ERROR',
        manufacturer: '',
        sku: 'GS-GRP2612',
        serialNumber: '',
        faultDescription: '',
        purchaseDate: '',
        usage: '',
      },
    ]);
  });

  it('reports each bad row by its line and takes the good ones', () => {
    const csv = [
      header,
      'DEFECT,grandstream,,GSA1,,,', // 2: good
      'BROKEN,grandstream,,GSA2,,,', // 3: reason
      'DEFECT,Acme,,GSA3,,,', // 4: manufacturer
      'DEFECT,grandstream,,,,,', // 5: no serial nor sku
      'DEFECT,grandstream,,GSA4,,15/01/2026,', // 6: date format
      'DEFECT,grandstream,,GSA5,,2027-01-01,', // 7: future
      'DEFECT,grandstream,,GSA6,,2026-02-30,', // 8: no such day
      'DEFECT,grandstream,,GSA7,,,lots', // 9: usage
      'DEFECT,grandstream,,GSA8,,,,extra', // 10: too many cells
      '',
      'DEFECT,Grandstream,,GSA9,,,3,5', // 12: too many cells too (the comma is the delimiter)
      'defect,Grandstream,,GSA10,,,"3,5"', // 13: good: a name, a quoted decimal comma
    ].join('\n');
    const r = parseItemsCsv(csv, ctx);
    expect(r.items.map((i) => [i.line, i.serialNumber, i.manufacturer, i.usage])).toEqual([
      [2, 'GSA1', 'grandstream', ''],
      [13, 'GSA10', 'grandstream', '3,5'],
    ]);
    expect(r.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 12]);
    const at = (line: number) => r.problems.find((p) => p.line === line)?.message;
    expect(at(3)).toMatch(/reason "BROKEN" is not one of ORDER_ERROR, DELIVERY_ERROR, DEFECT/i);
    expect(at(4)).toMatch(/unknown manufacturer "Acme"/i);
    expect(at(5)).toMatch(/a serial or an SKU is needed/i);
    expect(at(6)).toMatch(/not YYYY-MM-DD/);
    expect(at(7)).toMatch(/in the future/);
    expect(at(8)).toMatch(/not YYYY-MM-DD/);
    expect(at(9)).toMatch(/usage "lots" is not a number/i);
    expect(at(10)).toMatch(/8 cells where the header has 7/);
  });

  it('reads a semicolon file with its headers in any case and order', () => {
    const r = parseItemsCsv('Serial Number;Reason;Fault_Description\nGSA1;Defect;"Dark; no boot"\n', ctx);
    expect(r.problems).toEqual([]);
    expect(r.items[0]).toMatchObject({
      serialNumber: 'GSA1',
      reason: 'DEFECT',
      faultDescription: 'Dark; no boot',
    });
  });

  it('refuses a header it does not know, or one without a reason or a serial/SKU, on line 1', () => {
    expect(parseItemsCsv('reason,colour\nDEFECT,red', ctx).problems).toEqual([
      { line: 1, message: expect.stringMatching(/Unknown column "colour"/) },
      { line: 1, message: 'A "serial" or "sku" column is needed.' },
    ]);
    expect(parseItemsCsv('serial\nGSA1', ctx).problems).toEqual([
      { line: 1, message: 'The "reason" column is missing.' },
    ]);
    expect(parseItemsCsv('', ctx).problems[0]?.line).toBe(1);
  });
});
