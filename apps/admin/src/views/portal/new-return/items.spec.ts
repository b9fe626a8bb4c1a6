import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { reactive } from 'vue';
import type { Manufacturer } from '../../../api/manufacturers';
import type { InvoiceLine } from '../../../api/products';
import { useCatalogStore } from '../../../stores/catalog';
import { FEES, GRANDSTREAM, INNOVAPHONE } from '../../../test-support/fixtures';
import { emptyItem, emptyShared, itemPreview } from '../../../utils/return-items';
import ReturnItemCard from './ReturnItemCard.vue';
import ReturnPreviewList from './ReturnPreviewList.vue';

const grandstream = GRANDSTREAM as unknown as Manufacturer;
const innovaphone = INNOVAPHONE as unknown as Manufacturer;
const LINE = {
  id: 'l1',
  sku: 'GS-GRP2612',
  serialNumber: 'GSA1001',
  invoiceNumber: 'INV-A-1010',
  invoicedOn: '2026-05-04',
  unitPriceMinor: 12900,
  currency: 'EUR',
} as InvoiceLine;

function card(over: Partial<InstanceType<typeof ReturnItemCard>['$props']> = {}) {
  const item = reactive(emptyItem('DEFECT'));
  const w = mount(ReturnItemCard, {
    props: {
      item,
      index: 2,
      errors: {},
      line: undefined,
      manufacturer: null,
      support: null,
      supportState: 'empty',
      alone: false,
      ...over,
    },
  });
  return { w, item: (over.item as typeof item | undefined) ?? item };
}

describe('ReturnItemCard', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    const catalog = useCatalogStore();
    catalog.manufacturers = [grandstream, innovaphone];
    catalog.products = [
      { id: 'p1', manufacturerId: 'm1', manufacturer: 'grandstream', sku: 'GS-GRP2612', name: 'GRP2612' },
      { id: 'p2', manufacturerId: 'm2', manufacturer: 'innovaphone', sku: 'IP-112', name: 'IP112' },
    ] as never;
  });

  it('names its fields by the item’s index and writes them into the item', async () => {
    const { w, item } = card();
    expect(w.find('h3').text()).toBe('Item 3');
    await w.find('select[name="items[2].product.manufacturer"]').setValue('innovaphone');
    await w.find('input[name="items[2].product.serialNumber"]').setValue('IP-9');
    await w.find('textarea[name="items[2].faultDescription"]').setValue('No boot');
    expect(item.product).toMatchObject({ manufacturer: 'innovaphone', serialNumber: 'IP-9' });
    expect(item.faultDescription).toBe('No boot');
    // The references offered are the manufacturer's.
    expect(w.findAll('select[name="items[2].product.sku"] option').map((o) => o.attributes('value'))).toEqual(
      ['', 'IP-112'],
    );
  });

  it('shows its problems beside their fields', () => {
    const { w } = card({ errors: { 'product.serialNumber': 'Already item 1 of this return.' } });
    const serial = w.find('input[name="items[2].product.serialNumber"]');
    expect(serial.attributes('aria-invalid')).toBe('true');
    expect(w.text()).toContain('Already item 1 of this return.');
  });

  it('shows the invoice line its serial was sold on, with the price', () => {
    const item = reactive(emptyItem('DEFECT'));
    item.product.serialNumber = 'GSA1001';
    const { w } = card({ item, line: { line: LINE, bySerial: true, pending: false } });
    expect(w.find('[data-testid="item-invoice-line"]').text()).toMatch(/INV-A-1010.*129/);
  });

  it('asks for the support ticket number where the manufacturer asks for one, and checks its format', () => {
    const item = reactive(emptyItem('DEFECT'));
    item.product.manufacturer = 'grandstream';
    const { w } = card({
      item,
      manufacturer: grandstream,
      support: grandstream.supportTicket!,
      supportState: 'bad',
    });
    expect(w.find('input[name="items[2].supportTicketNumber"]').exists()).toBe(true);
    expect(w.text()).toContain("Not in Grandstream's format");
    expect(w.find('a[href="https://helpdesk.grandstream.com/"]').exists()).toBe(true);
  });

  it('asks an order error for its condition, as yes or no', async () => {
    const item = reactive(emptyItem('ORDER_ERROR'));
    const { w } = card({ item });
    expect(w.find('details.exclusions').exists()).toBe(false);
    await w.find('input[name="items[2].unused"][value="false"]').setValue();
    await w.find('input[name="items[2].originalPackaging"][value="true"]').setValue();
    expect([item.unused, item.originalPackaging]).toEqual([false, true]);
  });

  it('duplicates, and removes unless it is the only item', async () => {
    const { w } = card();
    await w.find('[data-testid="duplicate-item"]').trigger('click');
    await w.find('[data-testid="remove-item"]').trigger('click');
    expect(Object.keys(w.emitted())).toEqual(expect.arrayContaining(['duplicate', 'remove']));
    expect(card({ alone: true }).w.find('[data-testid="remove-item"]').exists()).toBe(false);
  });
});

describe('ReturnPreviewList', () => {
  it('shows each item’s decision, its status on submit, or what it waits for, and what it lacks', () => {
    const shared = emptyShared();
    const a = emptyItem('DEFECT');
    a.product.manufacturer = 'innovaphone';
    a.product.serialNumber = 'IP-9';
    const b = emptyItem('DEFECT');
    const items = [a, b];
    const manufacturerOf = (i: typeof a) => (i.product.manufacturer === 'innovaphone' ? innovaphone : null);
    const w = mount(ReturnPreviewList, {
      props: {
        items,
        previews: items.map((i) =>
          itemPreview(shared, i, {
            manufacturer: manufacturerOf(i),
            line: null,
            fees: FEES,
            today: '2026-12-01',
          }),
        ),
        manufacturerOf,
        missing: [1, 3],
        pending: [false, true],
      },
    });
    const rows = w.findAll('[data-testid="item-preview"]');
    expect(rows[0]?.text()).toContain('Item 1 · IP-9');
    expect(rows[0]?.text()).toContain('Goes to the innovaphone portal');
    expect(rows[0]?.find('[data-testid="item-on-submit"]').attributes('data-status')).toBe('REDIRECTED');
    expect(rows[0]?.find('[data-testid="item-missing"]').text()).toBe('1 field to complete');
    expect(rows[1]?.text()).toContain('Choose the manufacturer.');
    expect(rows[1]?.text()).toContain('checking invoice');
    expect(rows[1]?.find('[data-testid="item-missing"]').text()).toBe('3 fields to complete');
  });
});
