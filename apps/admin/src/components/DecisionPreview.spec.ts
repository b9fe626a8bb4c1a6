import type { TicketFacts } from '@rma/rules';
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { FEES, GRANDSTREAM, INNOVAPHONE } from '../test-support/fixtures';
import DecisionPreview from './DecisionPreview.vue';

const TODAY = '2026-11-23';
const defect = (over: Partial<TicketFacts> = {}): TicketFacts => ({
  reason: 'DEFECT',
  sku: 'GS-GRP2612',
  serialNumber: 'GSA1001',
  distributorSaleDate: '2026-11-13',
  invoicedPrice: { amountMinor: 6490, currency: 'EUR' },
  ...over,
});

function preview(facts: TicketFacts | null, manufacturer = GRANDSTREAM) {
  return mount(DecisionPreview, { props: { facts, manufacturer, fees: FEES, today: TODAY } });
}

describe('DecisionPreview (decideRoute from @rma/rules, live)', () => {
  it('shows the Grandstream support-ticket prerequisite when no number is given', () => {
    const w = preview(defect());
    expect(w.get('[data-testid="decision-headline"]').text()).toContain(
      'Needs a Grandstream helpdesk ticket number first',
    );
    expect(w.get('[data-testid="decision-reasons"]').text()).toContain(
      'Grandstream requires its support desk to confirm the fault first',
    );
    expect(w.find('a[href="https://helpdesk.grandstream.com/"]').exists()).toBe(true);
    // On submit it would wait for the number.
    expect(w.get('.on-submit [data-status]').attributes('data-status')).toBe('AWAITING_PREREQUISITE');
  });

  it('says the number does not match the format, then accepts a valid one', async () => {
    const w = preview(defect({ supportTicketNumber: 'GS-12' }));
    expect(w.get('[data-testid="decision-reasons"]').text()).toContain("does not match Grandstream's format");
    await w.setProps({ facts: defect({ supportTicketNumber: 'GS-123456' }) });
    expect(w.get('[data-testid="decision-headline"]').text()).toBe(
      'Returns to the distributor for inspection',
    );
    expect(w.get('[data-testid="decision-reasons"]').text()).toContain('Support ticket GS-123456');
    expect(w.get('.on-submit [data-status]').attributes('data-status')).toBe('IN_REVIEW');
  });

  it('sends an innovaphone defect to the innovaphone portal', () => {
    const w = preview(defect({ sku: 'IP-IP112', serialNumber: 'IPA1007' }), INNOVAPHONE);
    expect(w.get('[data-testid="decision-headline"]').text()).toContain('Goes to the innovaphone portal');
    expect(w.find('a[href="https://rma.innovaphone.com/"]').exists()).toBe(true);
  });

  it('prices an order error: restocking fee and credit', () => {
    const w = preview(
      {
        reason: 'ORDER_ERROR',
        deliveredOn: '2026-11-13',
        unused: true,
        originalPackaging: true,
        invoicedPrice: { amountMinor: 8200, currency: 'EUR' },
      },
      GRANDSTREAM,
    );
    expect(w.get('[data-testid="decision-headline"]').text()).toBe(
      'Order error: EUR 12.30 restocking fee, credit EUR 69.70',
    );
  });

  it('waits for facts, and reports a configuration that cannot route', () => {
    expect(preview(null).text()).toContain('Fill in the reason and the product');
    const broken = { ...GRANDSTREAM, adapter: 'NO_SUCH_ADAPTER' };
    expect(preview(defect(), broken).text()).toContain('This configuration cannot route tickets');
  });
});
