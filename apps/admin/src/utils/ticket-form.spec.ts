import { submissionProblems } from '@rma/rules';
import { describe, expect, it } from 'vitest';
import { ticketDetail } from '../test-support/fixtures';
import {
  emptyTicketForm,
  fillForm,
  formContent,
  stepOf,
  wizardProblems,
  type TicketForm,
} from './ticket-form';

/** A defect the wizard can submit. */
function defect(): TicketForm {
  const f = emptyTicketForm();
  f.customer.name = 'Café Lumière';
  f.product.manufacturer = 'grandstream';
  f.product.sku = 'GS-GRP2612';
  f.product.serialNumber = 'GSA1001';
  f.faultDescription = 'Dark display';
  return f;
}

describe('the new-ticket form → the content the API takes', () => {
  it('trims, leaves blanks out, reads the usage with a decimal comma', () => {
    const f = defect();
    f.customer.contactName = '  ';
    f.product.serialNumber = ' GSA1001 ';
    f.product.usage = '12,5';
    f.exclusions = ['LIQUID'];
    expect(formContent(f, false)).toEqual({
      reason: 'DEFECT',
      customer: { name: 'Café Lumière' },
      product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1001', usage: 12.5 },
      faultDescription: 'Dark display',
      exclusions: ['LIQUID'],
    });
  });

  it('sends the support ticket number only where the manufacturer asks for one', () => {
    const f = defect();
    f.supportTicketNumber = 'GS-123456';
    expect(formContent(f, true).supportTicketNumber).toBe('GS-123456');
    expect(formContent(f, false)).not.toHaveProperty('supportTicketNumber');
  });

  it('sends the condition only for an order error, the exclusions only for a defect', () => {
    const f = defect();
    f.unused = false;
    f.originalPackaging = true;
    f.exclusions = ['LIQUID'];
    expect(formContent(f, false)).not.toHaveProperty('unused');
    f.reason = 'ORDER_ERROR';
    expect(formContent(f, false)).toMatchObject({ unused: false, originalPackaging: true });
    expect(formContent(f, false)).not.toHaveProperty('exclusions');
  });

  it('leaves out a usage that is not a number', () => {
    const f = defect();
    f.product.usage = 'lots';
    expect(formContent(f, false).product).not.toHaveProperty('usage');
  });

  it('a saved draft fills the form, and the form gives back its content', () => {
    const f = emptyTicketForm();
    f.customer.phone = 'stale';
    fillForm(
      f,
      ticketDetail({
        status: 'DRAFT',
        customer: { name: 'Café Lumière' },
        product: {
          sku: 'GS-GRP2612',
          serialNumber: 'GSA1001',
          invoiceRef: null,
          purchaseDate: null,
          usage: 3,
        },
      }),
    );
    expect(f.customer).toEqual({ name: 'Café Lumière', contactName: '', email: '', phone: '' });
    expect(f.product).toMatchObject({ manufacturer: 'grandstream', usage: '3' });
    expect(formContent(f, true)).toEqual({
      reason: 'DEFECT',
      customer: { name: 'Café Lumière' },
      product: { manufacturer: 'grandstream', sku: 'GS-GRP2612', serialNumber: 'GSA1001', usage: 3 },
      faultDescription: 'Dark display',
      supportTicketNumber: 'GS-123456',
    });
  });
});

describe("the wizard's checks", () => {
  it.each([
    ['customer.name', 0],
    ['customer.email', 0],
    ['reason', 0],
    ['resellerReference', 0],
    ['delivery.deliveredOn', 1],
    ['product.sku', 2],
    ['unused', 2],
    ['supportTicketNumber', 2],
    ['attachments', 3],
    ['customerish', 3],
  ])('the field %s is on step %i', (field, step) => {
    expect(stepOf(field)).toBe(step);
  });

  it('a complete defect has nothing to fix', () => {
    expect(wizardProblems(defect(), { manufacturerKnown: true })).toEqual({});
  });

  it("names what the rules' completeness check names, in the wizard's words", () => {
    const f = emptyTicketForm();
    f.reason = 'ORDER_ERROR';
    const problems = wizardProblems(f, { manufacturerKnown: false });
    expect(problems).toEqual({
      'customer.name': "Enter the end customer's name.",
      'product.sku': 'Choose the reference.',
      'delivery.deliveredOn': 'Enter the day you received the goods.',
      unused: 'Say whether the product is unused.',
      originalPackaging: 'Say whether it is in its original packaging.',
    });
    expect(Object.keys(problems).sort()).toEqual(
      submissionProblems(formContent(f, false), { manufacturerKnown: false })
        .map((p) => p.field)
        .sort(),
    );
  });

  it('a defect needs a known manufacturer, its serial and the fault; a blank counts as missing', () => {
    const f = defect();
    f.product.serialNumber = '   ';
    f.faultDescription = ' ';
    expect(wizardProblems(f, { manufacturerKnown: false })).toEqual({
      'product.manufacturer': 'Choose the manufacturer.',
      'product.serialNumber': 'Enter the serial number.',
      faultDescription: 'Describe the fault.',
    });
  });

  it('checks the formats the API would refuse', () => {
    const f = defect();
    f.customer.email = 'marie@';
    f.delivery.contactEmail = 'desk at example';
    f.product.usage = 'a lot';
    expect(wizardProblems(f, { manufacturerKnown: true })).toEqual({
      'customer.email': 'Enter a valid e-mail address.',
      'delivery.contactEmail': 'Enter a valid e-mail address.',
      'product.usage': 'Enter a number.',
    });
    f.customer.email = ' marie@cafe-lumiere.example ';
    f.delivery.contactEmail = '';
    f.product.usage = '12,5';
    expect(wizardProblems(f, { manufacturerKnown: true })).toEqual({});
  });

  it("with a step, only that step's fields", () => {
    const f = emptyTicketForm();
    f.reason = 'DELIVERY_ERROR';
    f.customer.email = 'nope';
    expect(wizardProblems(f, { manufacturerKnown: false, step: 0 })).toEqual({
      'customer.name': "Enter the end customer's name.",
      'customer.email': 'Enter a valid e-mail address.',
    });
    expect(Object.keys(wizardProblems(f, { manufacturerKnown: false, step: 1 }))).toEqual([
      'delivery.deliveredOn',
    ]);
    expect(Object.keys(wizardProblems(f, { manufacturerKnown: false, step: 2 }))).toEqual(['product.sku']);
    expect(wizardProblems(f, { manufacturerKnown: false, step: 3 })).toEqual({});
  });
});
