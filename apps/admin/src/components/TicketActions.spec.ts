import { mount, flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../api/client';
import { useTicketsStore } from '../stores/tickets';
import { GRANDSTREAM, ticketDetail } from '../test-support/fixtures';
import TicketActions from './TicketActions.vue';

describe('TicketActions', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('renders exactly the allowed actions, in order', () => {
    const ticket = ticketDetail({
      allowedActions: ['APPROVE', 'REJECT', 'REQUEST_INFO', 'AUTHORISE_DESTRUCTION'],
    });
    const w = mount(TicketActions, { props: { ticket, manufacturer: GRANDSTREAM } });
    expect(w.findAll('[data-action]').map((b) => b.attributes('data-action'))).toEqual([
      'APPROVE',
      'REJECT',
      'REQUEST_INFO',
      'AUTHORISE_DESTRUCTION',
    ]);
  });

  it('says so when nothing is allowed, and never shows system actions', () => {
    const none = mount(TicketActions, { props: { ticket: ticketDetail(), manufacturer: null } });
    expect(none.findAll('[data-action]')).toHaveLength(0);
    expect(none.text()).toContain('No action is open to you');
    const sys = mount(TicketActions, {
      props: { ticket: ticketDetail({ allowedActions: ['ROUTE', 'EXPIRE', 'CANCEL'] }), manufacturer: null },
    });
    expect(sys.findAll('[data-action]').map((b) => b.attributes('data-action'))).toEqual(['CANCEL']);
  });

  it('asks for a reason before rejecting, and shows the API field error beside the note', async () => {
    const ticket = ticketDetail({ allowedActions: ['APPROVE', 'REJECT'] });
    useTicketsStore().setCurrent(ticket);
    const fetchMock = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            statusCode: 400,
            code: 'VALIDATION_FAILED',
            message: 'note: A note explaining why is required.',
            errors: [{ field: 'note', message: 'A note explaining why is required.' }],
          }),
          { status: 400 },
        ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const w = mount(TicketActions, { props: { ticket, manufacturer: GRANDSTREAM }, attachTo: document.body });
    await w.get('[data-action="REJECT"]').trigger('click');
    await w.get('form.action-form').trigger('submit');
    expect(w.get('.field-error').text()).toBe('Please say why.');
    expect(fetchMock).not.toHaveBeenCalled();

    await w.get('textarea[name="note"]').setValue('  ');
    await w.get('textarea[name="note"]').setValue('Physical damage on the housing');
    await w.get('form.action-form').trigger('submit');
    await flushPromises();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/v1/tickets/${ticket.id}/transitions`);
    expect(JSON.parse(init.body as string)).toEqual({
      action: 'REJECT',
      note: 'Physical damage on the housing',
    });
    expect(w.get('.field-error').text()).toBe('A note explaining why is required.');
    w.unmount();
  });

  it('checks the support-ticket number against the vendor pattern as it is typed', async () => {
    const ticket = ticketDetail({
      status: 'AWAITING_PREREQUISITE',
      allowedActions: ['PROVIDE_SUPPORT_TICKET', 'CANCEL'],
    });
    const w = mount(TicketActions, { props: { ticket, manufacturer: GRANDSTREAM } });
    await w.get('[data-action="PROVIDE_SUPPORT_TICKET"]').trigger('click');
    const input = w.get('input[name="supportTicketNumber"]');
    await input.setValue('GS-12');
    expect(w.text()).toContain("not the vendor's format");
    await input.setValue('GS-123456');
    expect(w.text()).toContain('valid format');
  });

  it('offers only the outcomes allowed from the status, and sends the credit in minor units', async () => {
    const ticket = ticketDetail({
      status: 'DESTRUCTION_AUTHORISED',
      allowedActions: ['RESOLVE'],
      decision: {
        reason: 'DEFECT',
        route: 'IN_HOUSE',
        handling: 'DESTROY_AND_CREDIT',
        warranty: {
          status: 'IN_WARRANTY',
          basis: 'DISTRIBUTOR_SALE',
          startsOn: '2026-01-01',
          endsOn: '2027-12-31',
          usageLimit: null,
          usage: null,
          usageRemaining: null,
          exclusions: [],
        },
        prerequisites: [],
        amounts: {
          invoicedPrice: { amountMinor: 1290, currency: 'EUR' },
          restockingFee: null,
          credit: { amountMinor: 1290, currency: 'EUR' },
        },
        portalUrl: null,
        adapter: 'IN_HOUSE',
        reasons: [],
        rulesVersion: '1.0.0',
      },
    });
    useTicketsStore().setCurrent(ticket);
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(ticket), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    const w = mount(TicketActions, { props: { ticket, manufacturer: null } });
    await w.get('[data-action="RESOLVE"]').trigger('click');
    const options = w
      .findAll('select[name="outcome"] option:not([disabled])')
      .map((o) => o.attributes('value'));
    expect(options).toEqual(['DESTROYED_AND_CREDITED']);
    expect((w.get('input[name="creditMinor"]').element as HTMLInputElement).value).toBe('12.90');
    await w.get('input[name="creditMinor"]').setValue('10,5');
    await w.get('form.action-form').trigger('submit');
    await flushPromises();
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(JSON.parse(init.body as string)).toEqual({
      action: 'RESOLVE',
      outcome: 'DESTROYED_AND_CREDITED',
      creditMinor: 1050,
    });
  });
});
