import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../api/client';
import type { User } from '../api/users';
import { SESSION_STORAGE_KEY } from '../stores/auth';
import { useToastStore } from '../stores/toasts';
import UsersPanel from './UsersPanel.vue';

const user = (over: Partial<User>): User => ({
  id: 'u',
  tenantId: null,
  email: 'x@distri.example',
  name: 'X',
  role: 'DISTRIBUTOR_AGENT',
  disabled: false,
  lastSignInAt: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  ...over,
});
const ME = user({ id: 'me', name: 'Dana Distri', email: 'admin@distri.example', role: 'DISTRIBUTOR_ADMIN' });
const THEO = user({
  id: 'theo',
  name: 'Theo Triage',
  email: 'agent@distri.example',
  lastSignInAt: '2026-11-30T09:15:00.000Z',
});

function stubApi() {
  const calls: Array<{ method: string; url: string; body: unknown }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const body = init.body ? JSON.parse(init.body as string) : undefined;
      calls.push({ method: init.method ?? 'GET', url, body });
      if ((init.method ?? 'GET') === 'GET') return new Response(JSON.stringify([ME, THEO]));
      return new Response(JSON.stringify(THEO));
    }),
  );
  return calls;
}

async function mountPanel() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<div />' } },
      { path: '/account', name: 'account', component: { template: '<div />' } },
    ],
  });
  const w = mount(UsersPanel, { props: { staff: true, canManage: true }, global: { plugins: [router] } });
  await flushPromises();
  return w;
}

describe('UsersPanel (staff)', () => {
  beforeEach(() => {
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({
        token: 't',
        user: { id: 'me', name: 'Dana Distri', role: 'DISTRIBUTOR_ADMIN', tenantId: null },
        expiresAt: Date.now() + 3_600_000,
      }),
    );
    setActivePinia(createPinia());
    configureClient({ getToken: () => 't', onUnauthorized: () => undefined });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it("lists the staff, offers staff roles, and leaves one's own account to the account page", async () => {
    const calls = stubApi();
    const w = await mountPanel();
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/users?staff=true']);
    const rows = w.findAll('tbody tr');
    expect(rows[0]!.text()).toContain('Your account');
    expect(rows[0]!.text()).toContain('Never');
    expect(rows[1]!.text()).toContain('30 Nov 2026');
    expect(rows[0]!.findAll('button')).toHaveLength(0);
    expect(rows[1]!.findAll('button').map((b) => b.text())).toEqual(['New password', 'Disable']);
    await w
      .findAll('button')
      .find((b) => b.text().includes('Add user'))!
      .trigger('click');
    expect(w.findAll('select[name="role"] option').map((o) => o.attributes('value'))).toEqual([
      'DISTRIBUTOR_ADMIN',
      'DISTRIBUTOR_AGENT',
    ]);
    expect((w.find('select[name="role"]').element as HTMLSelectElement).value).toBe('DISTRIBUTOR_AGENT');
  });

  it('sets a new password for someone, after checking its length, and says they are signed out', async () => {
    const calls = stubApi();
    const w = await mountPanel();
    await w
      .findAll('button')
      .find((b) => b.text() === 'New password')!
      .trigger('click');
    const input = w.find('input[name="newPassword"]');
    expect(input.attributes('aria-label')).toBe('New password for Theo Triage');
    await input.setValue('short');
    await w.find('form.reset').trigger('submit');
    expect(w.find('.reset .field-error').text()).toBe('At least 8 characters.');
    await input.setValue('a-new-secret');
    await w.find('form.reset').trigger('submit');
    await flushPromises();
    expect(calls.slice(1)).toEqual([
      { method: 'PATCH', url: '/api/v1/users/theo', body: { password: 'a-new-secret' } },
    ]);
    expect(w.find('form.reset').exists()).toBe(false);
    expect(useToastStore().toasts.map((t) => t.message)).toEqual([
      'Theo Triage has a new password and is signed out everywhere. Share it safely.',
    ]);
  });
});
