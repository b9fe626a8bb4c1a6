import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import FormField from './FormField.vue';
import InputField from './InputField.vue';

describe('InputField', () => {
  it('ties the label to the input and passes every attribute to it', () => {
    const w = mount(InputField, {
      props: { label: 'E-mail', modelValue: '' },
      attrs: {
        type: 'email',
        name: 'email',
        autocomplete: 'username',
        placeholder: 'you@example.com',
        inputmode: 'email',
        maxlength: '80',
        class: 'input-mono',
        'data-testid': 'login-email',
      },
    });
    const input = w.get('input');
    expect(w.get('label').attributes('for')).toBe(input.attributes('id'));
    expect(input.attributes()).toMatchObject({
      type: 'email',
      name: 'email',
      autocomplete: 'username',
      placeholder: 'you@example.com',
      inputmode: 'email',
      maxlength: '80',
      'data-testid': 'login-email',
    });
    expect(input.classes()).toEqual(['input', 'input-mono']);
    // The wrapper keeps only its own attributes.
    expect(w.get('.field').attributes('name')).toBeUndefined();
    expect(w.get('.field').attributes('data-testid')).toBeUndefined();
    expect(input.attributes('aria-invalid')).toBeUndefined();
    expect(input.attributes('aria-describedby')).toBeUndefined();
  });

  it('announces the error and the hint through aria-describedby, error first', async () => {
    const w = mount(InputField, { props: { label: 'Slug', modelValue: '', hint: 'Lower-case letters' } });
    const input = w.get('input');
    const hint = w.get('.field-hint');
    expect(input.attributes('aria-describedby')).toBe(hint.attributes('id'));

    await w.setProps({ error: 'Already taken' });
    const error = w.get('.field-error');
    expect(error.text()).toBe('Already taken');
    expect(error.attributes('role')).toBe('alert');
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe(`${error.attributes('id')} ${hint.attributes('id')}`);
    expect(w.get('.field').classes()).toContain('invalid');
  });

  it('binds v-model both ways', async () => {
    const value = ref('first');
    const Host = defineComponent(
      () => () =>
        h(InputField, {
          label: 'Name',
          modelValue: value.value,
          'onUpdate:modelValue': (v: unknown) => (value.value = v as string),
        }),
    );
    const w = mount(Host);
    const input = w.get('input');
    expect((input.element as HTMLInputElement).value).toBe('first');
    await input.setValue('typed');
    expect(value.value).toBe('typed');
    value.value = 'from the form';
    await w.vm.$nextTick();
    expect((input.element as HTMLInputElement).value).toBe('from the form');
  });

  it('passes listeners to the input', async () => {
    let blurred = 0;
    const w = mount(InputField, {
      props: { label: 'Name', modelValue: '' },
      attrs: { onBlur: () => blurred++ },
    });
    await w.get('input').trigger('blur');
    expect(blurred).toBe(1);
  });

  it('renders a textarea or a select with its options', async () => {
    const area = mount(InputField, {
      props: { label: 'Note', as: 'textarea', modelValue: 'x' },
      attrs: { rows: '3' },
    });
    expect(area.find('input').exists()).toBe(false);
    expect(area.get('textarea').classes()).toEqual(['textarea']);
    expect(area.get('textarea').attributes('rows')).toBe('3');
    expect(area.get('label').attributes('for')).toBe(area.get('textarea').attributes('id'));

    const select = mount(InputField, {
      props: { label: 'Role', as: 'select', modelValue: 'B' },
      slots: { default: '<option value="A">A</option><option value="B">B</option>' },
    });
    const el = select.get('select');
    expect(el.classes()).toEqual(['select']);
    expect((el.element as HTMLSelectElement).value).toBe('B');
    await el.setValue('A');
    expect(select.emitted('update:modelValue')).toEqual([['A']]);
  });

  it('puts fieldClass on the field, marks it optional and keeps a given id', () => {
    const w = mount(InputField, {
      props: { label: 'Address', modelValue: '', optional: true, id: 'addr', fieldClass: 'span-2' },
    });
    expect(w.get('.field').classes()).toEqual(['field', 'span-2']);
    expect(w.get('label').text()).toBe('Address (optional)');
    expect(w.get('input').attributes('id')).toBe('addr');
    expect(w.get('label').attributes('for')).toBe('addr');
  });

  it('renders exactly what a FormField with its input renders', () => {
    const props = { label: 'Tracking number', error: 'Required', hint: 'From the carrier', id: 'tn' };
    const written = mount(
      defineComponent(
        () => () =>
          h(
            FormField,
            { ...props, class: 'span-2' },
            {
              default: (f: { id: string; describedby?: string; invalid?: 'true' }) =>
                h('input', {
                  id: f.id,
                  class: 'input input-mono',
                  name: 'trackingNumber',
                  autocomplete: 'off',
                  'aria-invalid': f.invalid,
                  'aria-describedby': f.describedby,
                }),
            },
          ),
      ),
    );
    const component = mount(InputField, {
      props: { ...props, modelValue: 'X1', fieldClass: 'span-2' },
      attrs: { class: 'input-mono', name: 'trackingNumber', autocomplete: 'off' },
    });
    // Attribute order aside, the same elements with the same attributes and text.
    const shape = (el: Element): string =>
      `<${el.tagName} ${[...el.attributes]
        .map((a) => `${a.name}="${a.value}"`)
        .sort()
        .join(' ')}>` +
      [...el.childNodes]
        .map((n) => (n instanceof Element ? shape(n) : n.nodeType === 3 ? (n.textContent ?? '').trim() : ''))
        .join('');
    expect(shape(component.element)).toBe(shape(written.element));
    expect((component.get('input').element as HTMLInputElement).value).toBe('X1');
  });
  it("puts the after slot between the control and the field's error and hint", () => {
    const w = mount(InputField, {
      props: { label: 'Carrier', modelValue: '', error: 'Enter the carrier.', hint: 'As on the label' },
      attrs: { list: 'carriers' },
      slots: { after: '<datalist id="carriers"><option value="DHL" /></datalist>' },
    });
    const order = w.get('.field').element.children;
    expect([...order].map((e) => e.tagName.toLowerCase())).toEqual(['label', 'input', 'datalist', 'p', 'p']);
    expect(w.get('input').attributes('list')).toBe('carriers');
    expect(w.get('input').attributes('aria-describedby')).toContain(w.get('.field-error').attributes('id'));
  });
});
