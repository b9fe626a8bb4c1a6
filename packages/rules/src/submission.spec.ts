import fc from 'fast-check';
import { SUBMISSION_FIELDS, submissionProblems, type SubmissionContent } from './submission.js';
import { REASONS } from './types.js';

const DEFECT: SubmissionContent = {
  reason: 'DEFECT',
  customer: { name: 'Café Lumière' },
  product: { sku: 'GS-GRP2612', serialNumber: 'GSA1001' },
  faultDescription: 'No power',
};
const ORDER_ERROR: SubmissionContent = {
  reason: 'ORDER_ERROR',
  customer: { name: 'Café Lumière' },
  product: { sku: 'GS-GRP2612' },
  delivery: { deliveredOn: '2026-11-02' },
  unused: true,
  originalPackaging: true,
};
const DELIVERY_ERROR: SubmissionContent = {
  reason: 'DELIVERY_ERROR',
  customer: { name: 'Café Lumière' },
  product: { serialNumber: 'GSA1001' },
  delivery: { deliveredOn: '2026-11-02' },
};
const known = { manufacturerKnown: true };
const fieldsOf = (content: SubmissionContent, manufacturerKnown = true) =>
  submissionProblems(content, { manufacturerKnown }).map((p) => p.field);

describe('completeness for submitting', () => {
  it.each([
    ['a defect with its manufacturer, serial and fault', DEFECT],
    ['an order error with its delivery day and condition', ORDER_ERROR],
    ['a delivery error with a serial instead of a reference', DELIVERY_ERROR],
    [
      'an order error that is used and unpacked (false is an answer)',
      { ...ORDER_ERROR, unused: false, originalPackaging: false },
    ],
  ])('complete: %s', (_, content) => {
    expect(submissionProblems(content, known)).toEqual([]);
  });

  it('names every field an empty ticket lacks, with the messages the API answers, in the form’s order', () => {
    expect(submissionProblems({}, { manufacturerKnown: false })).toEqual([
      { field: 'reason', message: 'reason is required to submit' },
      { field: 'customer.name', message: 'customer.name is required to submit' },
      { field: 'product.sku', message: 'product.sku or product.serialNumber is required to submit' },
      { field: 'delivery.deliveredOn', message: 'delivery.deliveredOn is required to submit' },
    ]);
  });

  it('a defect names its manufacturer, serial number and fault', () => {
    expect(
      submissionProblems({ reason: 'DEFECT', customer: { name: 'A' } }, { manufacturerKnown: false }),
    ).toEqual([
      { field: 'product.sku', message: 'product.sku or product.serialNumber is required to submit' },
      { field: 'product.manufacturer', message: 'product.manufacturer is required to submit' },
      { field: 'product.serialNumber', message: 'product.serialNumber is required to submit' },
      { field: 'faultDescription', message: 'faultDescription is required to submit' },
    ]);
  });

  it.each<[string, SubmissionContent, boolean, string[]]>([
    ['a defect whose manufacturer is unknown', DEFECT, false, ['product.manufacturer']],
    [
      'a defect without a serial (the reference is not enough)',
      { ...DEFECT, product: { sku: 'X' } },
      true,
      ['product.serialNumber'],
    ],
    [
      'a defect with an empty fault description',
      { ...DEFECT, faultDescription: '' },
      true,
      ['faultDescription'],
    ],
    ['a defect needs no delivery day', { ...DEFECT, delivery: {} }, true, []],
    ['a return that is not a defect needs no manufacturer', { ...DELIVERY_ERROR }, false, []],
    [
      'a delivery error without its delivery day',
      { ...DELIVERY_ERROR, delivery: { deliveredOn: '' } },
      true,
      ['delivery.deliveredOn'],
    ],
    ['a delivery error needs no condition', { ...DELIVERY_ERROR, unused: null }, true, []],
    [
      'an order error without its condition',
      { ...ORDER_ERROR, unused: null, originalPackaging: undefined },
      true,
      ['unused', 'originalPackaging'],
    ],
    [
      'neither reference nor serial',
      { ...ORDER_ERROR, product: { sku: '', serialNumber: null } },
      true,
      ['product.sku'],
    ],
    ['a blank customer name', { ...ORDER_ERROR, customer: { name: '' } }, true, ['customer.name']],
    ['no customer at all', { ...ORDER_ERROR, customer: null }, true, ['customer.name']],
  ])('%s', (_, content, manufacturerKnown, fields) => {
    expect(fieldsOf(content, manufacturerKnown)).toEqual(fields);
  });

  const content = fc.record(
    {
      reason: fc.option(fc.constantFrom(...REASONS), { nil: undefined }),
      customer: fc.record({ name: fc.option(fc.string({ maxLength: 3 })) }, { requiredKeys: [] }),
      delivery: fc.record({ deliveredOn: fc.option(fc.constant('2026-11-02')) }, { requiredKeys: [] }),
      product: fc.record(
        { sku: fc.option(fc.string({ maxLength: 3 })), serialNumber: fc.option(fc.string({ maxLength: 3 })) },
        { requiredKeys: [] },
      ),
      faultDescription: fc.option(fc.string({ maxLength: 3 })),
      unused: fc.option(fc.boolean()),
      originalPackaging: fc.option(fc.boolean()),
    },
    { requiredKeys: [] },
  );

  it('names each field at most once, only fields the API knows, each with a message naming it', () => {
    fc.assert(
      fc.property(content, fc.boolean(), (c, manufacturerKnown) => {
        const problems = submissionProblems(c, { manufacturerKnown });
        const fields = problems.map((p) => p.field);
        expect(new Set(fields).size).toBe(fields.length);
        for (const p of problems) {
          expect(SUBMISSION_FIELDS).toContain(p.field);
          expect(p.message.startsWith(`${p.field} `)).toBe(true);
        }
      }),
    );
  });

  it('filling in a missing field never adds a problem elsewhere', () => {
    fc.assert(
      fc.property(content, (c) => {
        const before = fieldsOf(c, false);
        const after = fieldsOf({ ...c, customer: { name: 'A' } }, true);
        expect(after.every((f) => before.includes(f))).toBe(true);
        expect(after).not.toContain('customer.name');
        expect(after).not.toContain('product.manufacturer');
      }),
    );
  });
});
