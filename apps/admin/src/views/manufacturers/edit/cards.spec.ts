import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { reactive } from 'vue';
import { emptyManufacturerForm } from '../../../utils/manufacturer-form';
import RoutingCard from './RoutingCard.vue';
import SupportTicketCard from './SupportTicketCard.vue';
import WarrantyCard from './WarrantyCard.vue';

describe('the manufacturer editor cards', () => {
  it("routing: the chosen adapter's fields, the errors beside them, a slug fixed once saved", async () => {
    const form = reactive(emptyManufacturerForm());
    const w = mount(RoutingCard, {
      props: { form, errors: { portalUrl: 'Must be a URL' }, canEdit: true, isNew: false },
    });
    expect(w.find('input[name="destroyBelowMinor"]').exists()).toBe(true);
    expect(w.find('input[name="portalUrl"]').exists()).toBe(false);
    expect(w.find('input[name="slug"]').attributes('disabled')).toBeDefined();
    await w.find('input[name="adapter"][value="VENDOR_PORTAL"]').setValue();
    expect(form.adapter).toBe('VENDOR_PORTAL');
    expect(w.find('input[name="portalUrl"]').attributes('aria-invalid')).toBe('true');
    expect(w.text()).toContain('Must be a URL');
    expect(w.find('input[name="destroyBelowMinor"]').exists()).toBe(false);
    await w.find('input[name="adapter"][value="VENDOR_WEBHOOK"]').setValue();
    expect(w.find('input[name="webhookUrl"]').exists()).toBe(true);
  });

  it('read only for whoever may not edit', () => {
    const w = mount(RoutingCard, {
      props: { form: reactive(emptyManufacturerForm()), errors: {}, canEdit: false, isNew: true },
    });
    expect(w.find('fieldset').attributes('disabled')).toBeDefined();
  });

  it('support ticket: the helpdesk and the pattern only once required', async () => {
    const form = reactive(emptyManufacturerForm());
    const w = mount(SupportTicketCard, { props: { form, errors: {}, canEdit: true } });
    expect(w.find('input[name="supportTicket.numberPattern"]').exists()).toBe(false);
    expect(w.text()).toContain('Not required');
    await w.find('input[name="requiresSupportTicket"]').setValue(true);
    expect(form.requiresSupportTicket).toBe(true);
    await w.find('input[name="supportTicket.numberPattern"]').setValue('^GS-\\d{6}$');
    expect(form.numberPattern).toBe('^GS-\\d{6}$');
  });

  it('warranty: the usage limit only when ticked', async () => {
    const form = reactive(emptyManufacturerForm());
    const w = mount(WarrantyCard, {
      props: { form, errors: { 'warranty.months': 'Too long' }, canEdit: true },
    });
    expect(w.text()).toContain('Too long');
    expect(w.find('input[name="warranty.usageLimit.limit"]').exists()).toBe(false);
    await w.find('input[name="hasUsageLimit"]').setValue(true);
    await w.find('input[name="warranty.usageLimit.limit"]').setValue('600');
    expect(form.usageLimit).toBe('600');
    expect(w.findAll('select[name="warranty.fallback"] option')).toHaveLength(3);
  });
});
