import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import FilterSelect from './FilterSelect.vue';

const options = [
  { value: 'PENDING', label: 'Waiting' },
  { value: 'FAILED', label: 'Failed' },
];

describe('FilterSelect', () => {
  it('names the select by its label, offers "all" first with the empty value, and takes the attributes', () => {
    const w = mount(FilterSelect, {
      props: { id: 'o-status', label: 'Status', all: 'All statuses', value: 'FAILED', options },
      attrs: { 'data-testid': 'outbox-status' },
    });
    const label = w.get('label');
    expect(label.attributes('for')).toBe('o-status');
    expect(label.text()).toBe('Status');
    expect(label.classes()).toContain('sr-only');
    const select = w.get('select');
    expect(select.attributes('id')).toBe('o-status');
    expect(select.attributes('data-testid')).toBe('outbox-status');
    expect(w.findAll('option').map((o) => [o.attributes('value'), o.text()])).toEqual([
      ['', 'All statuses'],
      ['PENDING', 'Waiting'],
      ['FAILED', 'Failed'],
    ]);
    expect((select.element as HTMLSelectElement).value).toBe('FAILED');
  });

  it('emits the chosen value; without "all" there is no empty option, and no value shows the first', async () => {
    const w = mount(FilterSelect, { props: { id: 'f-sort', label: 'Sort', value: undefined, options } });
    expect(w.findAll('option')).toHaveLength(2);
    const select = w.get('select');
    await select.setValue('PENDING');
    expect(w.emitted('change')).toEqual([['PENDING']]);
  });
});
