import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../api/tickets';
import { ticketDetail } from '../../../test-support/fixtures';
import ResellerNextStep from './ResellerNextStep.vue';
import TicketFactsCard from './TicketFactsCard.vue';

let nextId = 1;
function entry(action: string, toStatus: TimelineEntry['toStatus'], note: string | null): TimelineEntry {
  return {
    id: nextId++,
    at: '2026-11-24T10:00:00.000Z',
    actorType: 'USER',
    actorId: null,
    actorLabel: 'Desk',
    action,
    fromStatus: 'IN_REVIEW',
    toStatus,
    note,
  };
}

const mountNext = (ticket: ReturnType<typeof ticketDetail>, pdfLoading = false) =>
  mount(ResellerNextStep, {
    props: { ticket, manufacturer: null, manufacturerName: 'Grandstream', pdfLoading },
    global: { stubs: { TicketActions: true } },
  });

describe('ResellerNextStep', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it("shows the distributor's last question while it waits for the answer", () => {
    const w = mountNext(
      ticketDetail({
        status: 'INFO_REQUESTED',
        timeline: [
          entry('REQUEST_INFO', 'INFO_REQUESTED', 'Old question'),
          entry('REQUEST_INFO', 'INFO_REQUESTED', 'Photo of the label?'),
        ],
      }),
    );
    expect(w.find('.tone-warn').text()).toBe('The distributor asks: Photo of the label?');
    expect(w.find('.tone-danger').exists()).toBe(false);
  });

  it('shows why a return was rejected, and nothing of an earlier question', () => {
    const w = mountNext(
      ticketDetail({
        status: 'REJECTED',
        timeline: [
          entry('REQUEST_INFO', 'INFO_REQUESTED', 'Photo?'),
          entry('REJECT', 'REJECTED', 'Liquid damage'),
        ],
      }),
    );
    expect(w.find('.tone-danger').text()).toBe('Reason: Liquid damage');
    expect(w.find('.tone-warn').exists()).toBe(false);
  });

  it('points to the helpdesk of an unmet prerequisite, saying the number given does not match', () => {
    const ticket = ticketDetail({ status: 'AWAITING_PREREQUISITE', supportTicketNumber: 'GS-1' });
    ticket.decision = {
      prerequisites: [
        { kind: 'SUPPORT_TICKET', satisfied: false, helpdeskUrl: 'https://helpdesk.grandstream.com/' },
      ],
    } as unknown as typeof ticket.decision;
    const w = mountNext(ticket);
    expect(w.find('a[href="https://helpdesk.grandstream.com/"]').text()).toContain('Grandstream helpdesk');
    expect(w.text()).toContain('The number given, GS-1, does not match their format.');
  });

  it('an approved ticket: the RMA number, the day to ship by, and the form to download or print', async () => {
    const w = mountNext(
      ticketDetail({
        status: 'APPROVED',
        rma: { number: 'RMA-2026-000123', issuedOn: '2026-12-01', validUntil: '2026-12-15' },
      }),
    );
    expect(w.text()).toContain('RMA-2026-000123');
    const [download, print] = w.findAll('.stack-sm button');
    await download?.trigger('click');
    await print?.trigger('click');
    expect(w.emitted('download')).toHaveLength(1);
    expect(w.emitted('print')).toHaveLength(1);
    await w.setProps({ pdfLoading: true });
    expect(w.find('.stack-sm button').attributes('disabled')).toBeDefined();
  });
});

describe('TicketFactsCard', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it("an order error's condition, the declared exclusions, the delivery contact in one line", () => {
    const w = mount(TicketFactsCard, {
      props: {
        ticket: ticketDetail({
          reason: 'ORDER_ERROR',
          unused: true,
          originalPackaging: false,
          exclusions: ['LIQUID'],
          delivery: { contactName: 'Marie', contactEmail: 'marie@cafe.example' },
        }),
        manufacturerName: 'Grandstream',
        canAttach: false,
      },
    });
    expect(w.text()).toMatch(/Unused\s*Yes/);
    expect(w.text()).toMatch(/Original packaging\s*No/);
    expect(w.text()).toMatch(/Declared\s*liquid/i);
    expect(w.text()).toContain('Marie · marie@cafe.example');
    expect(w.find('[data-testid="serial"]').text()).toBe('GSA1001');
  });

  it('a defect shows its fault and no condition', () => {
    const w = mount(TicketFactsCard, {
      props: { ticket: ticketDetail(), manufacturerName: null, canAttach: true },
    });
    expect(w.text()).toContain('Dark display');
    expect(w.text()).not.toContain('Original packaging');
    expect(w.text()).toMatch(/Manufacturer\s*—/);
  });
});
