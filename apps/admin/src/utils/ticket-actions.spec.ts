import { describe, expect, it } from 'vitest';
import { ticketDetail } from '../test-support/fixtures';
import { actionInput, buttonClass, noteRequired, successMessage, type ActionForm } from './ticket-actions';

const blank = (over: Partial<ActionForm> = {}): ActionForm => ({
  note: '',
  supportTicketNumber: '',
  carrier: '',
  trackingNumber: '',
  rmaNumber: '',
  outcome: '',
  credit: '',
  replacementSerial: '',
  replacementCondition: 'NEW',
  ...over,
});
const staff = { isStaff: true, currency: 'EUR', supportNumberBad: false };
const reseller = { ...staff, isStaff: false };

describe('the transition an action form sends', () => {
  it.each([
    ['REJECT', true, true],
    ['REQUEST_INFO', true, true],
    ['REOPEN', true, true],
    ['CANCEL', true, true],
    ['CANCEL', false, false],
    ['SUPPLY_INFO', false, false],
    ['RESOLVE', true, false],
  ] as const)('%s (staff: %s) must say why: %s', (action, isStaff, required) => {
    expect(noteRequired(action, isStaff)).toBe(required);
    const { input, errors } = actionInput(action, blank(), { ...staff, isStaff });
    expect('note' in errors).toBe(required);
    if (!required && action !== 'RESOLVE') expect(input).toEqual({ action });
  });

  it('trims the note, the carrier and the tracking number', () => {
    expect(
      actionInput('SHIP', blank({ note: ' ok ', carrier: ' DHL ', trackingNumber: ' 1Z9 ' }), reseller),
    ).toEqual({
      input: { action: 'SHIP', note: 'ok', carrier: 'DHL', trackingNumber: '1Z9' },
      errors: {},
    });
    expect(actionInput('SHIP', blank(), reseller).errors).toEqual({
      carrier: 'Enter the carrier.',
      trackingNumber: 'Enter the tracking number.',
    });
  });

  it('reads the RMA number on the parcel in capitals', () => {
    expect(actionInput('RECEIVE', blank({ rmaNumber: ' rma-2026-000123 ' }), staff).input).toEqual({
      action: 'RECEIVE',
      rmaNumber: 'RMA-2026-000123',
    });
    expect(actionInput('RECEIVE', blank(), staff).errors).toEqual({
      rmaNumber: 'Enter the RMA number written on the parcel.',
    });
  });

  it('refuses a support ticket number that is missing or not in the vendor format', () => {
    expect(actionInput('PROVIDE_SUPPORT_TICKET', blank(), reseller).errors).toEqual({
      supportTicketNumber: 'Enter the number from the helpdesk.',
    });
    const bad = actionInput('PROVIDE_SUPPORT_TICKET', blank({ supportTicketNumber: 'GS-1' }), {
      ...reseller,
      supportNumberBad: true,
    });
    expect(bad).toEqual({
      input: null,
      errors: { supportTicketNumber: 'This does not look like a valid number.' },
    });
  });

  it('a credit outcome sends the credit in minor units, a replacement its serial and condition', () => {
    expect(actionInput('RESOLVE', blank(), staff).errors).toEqual({ outcome: 'Choose the outcome.' });
    expect(actionInput('RESOLVE', blank({ outcome: 'CREDITED', credit: '69,70' }), staff).input).toEqual({
      action: 'RESOLVE',
      outcome: 'CREDITED',
      creditMinor: 6970,
    });
    expect(actionInput('RESOLVE', blank({ outcome: 'CREDITED', credit: 'lots' }), staff).errors).toEqual({
      creditMinor: 'Enter an amount such as 69.70 (EUR).',
    });
    expect(
      actionInput('RESOLVE', blank({ outcome: 'REPLACED', replacementSerial: ' GSA2002 ' }), staff).input,
    ).toEqual({
      action: 'RESOLVE',
      outcome: 'REPLACED',
      replacementSerial: 'GSA2002',
      replacementCondition: 'NEW',
    });
    expect(actionInput('RESOLVE', blank({ outcome: 'REPLACED' }), staff).errors).toEqual({
      replacementSerial: 'Enter the serial number of the replacement.',
    });
  });
});

describe('what the buttons look like and what is said after', () => {
  it.each([
    ['APPROVE', 'btn-success'],
    ['REJECT', 'btn-danger'],
    ['CANCEL', 'btn-danger'],
    ['SHIP', 'btn-primary'],
    ['REQUEST_INFO', ''],
  ] as const)('%s: %s', (action, cls) => {
    expect(buttonClass(action)).toBe(cls);
  });

  it('names the RMA number issued, the credit given, a support number still not in format', () => {
    const rma = { number: 'RMA-2026-000123', issuedOn: '2026-12-01', validUntil: '2026-12-15' };
    expect(successMessage('APPROVE', ticketDetail({ rma }))).toBe(
      'Approved: RMA number RMA-2026-000123 issued.',
    );
    expect(
      successMessage('RESOLVE', ticketDetail({ credit: { amountMinor: 6970, currency: 'EUR' } })),
    ).toMatch(/^Resolved with a credit of .*69[.,]70/);
    expect(successMessage('PROVIDE_SUPPORT_TICKET', ticketDetail({ status: 'AWAITING_PREREQUISITE' }))).toBe(
      'Number saved, but it does not match the vendor format yet.',
    );
    expect(successMessage('PROVIDE_SUPPORT_TICKET', ticketDetail({ status: 'IN_REVIEW' }))).toBe(
      'Support ticket number accepted; the ticket is routed.',
    );
  });
});
