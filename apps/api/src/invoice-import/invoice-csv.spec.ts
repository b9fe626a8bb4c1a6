import { parseInvoiceCsv, priceToMinor } from './invoice-csv.js';

describe('invoice CSV', () => {
  it.each([
    ['82.00', 'EUR', 8200],
    ['82,5', 'EUR', 8250],
    ['1290', 'EUR', 129000],
    ['0.05', 'EUR', 5],
    ['1200', 'JPY', 1200],
    ['1.5', 'JPY', null],
    ['1.234', 'KWD', 1234],
    ['12.345', 'EUR', null],
    ['-1.00', 'EUR', null],
    ['1 000.00', 'EUR', null],
    ['', 'EUR', null],
  ])('price %j in %s is %j minor units', (raw, currency, minor) => {
    expect(priceToMinor(raw, currency)).toBe(minor);
  });

  it('reads a comma-separated export with quoted fields and other header spellings', () => {
    const { rows, errors, headerProblem } = parseInvoiceCsv(
      '\uFEFFTenant,Invoice_No,Invoice Date,Reference,Serial Number,Price,Currency\n' +
        'alpha-it,INV-1,2026-01-02,"GS-1","S,1","1,5",eur\n',
    );
    expect(headerProblem).toBeNull();
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        reseller: 'alpha-it',
        invoiceNumber: 'INV-1',
        invoicedOn: '2026-01-02',
        sku: 'GS-1',
        serialNumber: 'S,1',
        unitPriceMinor: 150,
        currency: 'EUR',
      },
    ]);
  });

  it('reports an unclosed quote by line and keeps the rows before it', () => {
    const r = parseInvoiceCsv(
      'reseller;invoice;date;sku;serial;price;currency\nalpha-it;I-1;2026-01-02;S;1;1.00;EUR\nalpha-it;"I-2;2026-01-02;S;2;1.00;EUR\n',
    );
    expect(r.rows.map((x) => x.invoiceNumber)).toEqual(['I-1']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('names the missing columns', () => {
    expect(parseInvoiceCsv('reseller,sku\n').headerProblem).toMatch(
      /lacks invoiceNumber, date, unitPrice, currency/,
    );
    expect(parseInvoiceCsv('').headerProblem).toBe('the file is empty');
  });
});
