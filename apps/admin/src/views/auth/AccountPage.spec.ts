import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { configureClient } from '../../api/client';
import { SESSION_STORAGE_KEY, useAuthStore } from '../../stores/auth';
import { useToastStore } from '../../stores/toasts';
import AccountPage from './AccountPage.vue';

const USER = { id: 'u1', name: 'Alex Alpha', role: 'RESELLER_AGENT', tenantId: 't1' } as const;

/** The API as far as this page goes: the password change and signing out everywhere. */
function stubApi() {
  const calls: Array<{ method: string; url: string; body: unknown; auth: string | null }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string | URL | Request, init: RequestInit = {}) => {
      const body = init.body ? JSON.parse(init.body as string) : undefined;
      calls.push({
        method: init.method ?? 'GET',
        url: String(url),
        body,
        auth: new Headers(init.headers).get('authorization'),
      });
      if (String(url).endsWith('/auth/password')) {
        if (body.currentPassword !== 'demo1234') {
          return new Response(
            JSON.stringify({
              statusCode: 400,
              code: 'VALIDATION_FAILED',
              message: 'currentPassword: is not your current password',
              errors: [{ field: 'currentPassword', message: 'is not your current password' }],
            }),
            { status: 400 },
          );
        }
        return new Response(JSON.stringify({ accessToken: 'jwt-new', expiresIn: 3600, user: USER }));
      }
      if (String(url).endsWith('/auth/sessions'))
        return new Response(JSON.stringify({ endedAt: '2026-11-30T10:00:00.000Z' }));
      return new Response('{}', { status: 404 });
    }),
  );
  return calls;
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/account', name: 'account', component: AccountPage },
      { path: '/login', name: 'login', component: { template: '<div />' } },
    ],
  });
  await router.push('/account');
  const w = mount(AccountPage, { global: { plugins: [router] } });
  await flushPromises();
  return { w, router };
}

async function fill(
  w: Awaited<ReturnType<typeof mountPage>>['w'],
  current: string,
  next: string,
  again = next,
) {
  await w.find('input[name="currentPassword"]').setValue(current);
  await w.find('input[name="newPassword"]').setValue(next);
  await w.find('input[name="confirm"]').setValue(again);
  await w.find('form').trigger('submit');
  await flushPromises();
}

describe('AccountPage', () => {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ token: 'jwt-old', user: USER, expiresAt: Date.now() + 3_600_000 }),
    );
    setActivePinia(createPinia());
    const auth = useAuthStore();
    configureClient({ getToken: () => auth.currentToken(), onUnauthorized: () => auth.handleUnauthorized() });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('checks the form before asking the API', async () => {
    const calls = stubApi();
    const { w } = await mountPage();
    await fill(w, '', 'short', 'other');
    expect(w.text()).toContain('Enter your current password.');
    expect(w.text()).toContain('At least 8 characters.');
    expect(w.text()).toContain('The two new passwords differ.');
    await fill(w, 'demo1234', 'demo1234');
    expect(w.text()).toContain('Choose a password other than the current one.');
    expect(calls).toEqual([]);
  });

  it("shows the API's answer beside the field, and keeps the session", async () => {
    stubApi();
    const { w } = await mountPage();
    await fill(w, 'wrong-one', 'a-new-password');
    expect(w.find('#' + w.find('input[name="currentPassword"]').attributes('aria-describedby')).text()).toBe(
      'Is not your current password',
    );
    expect(useAuthStore().token).toBe('jwt-old');
  });

  it('changes the password and goes on with the new token', async () => {
    const calls = stubApi();
    const { w } = await mountPage();
    await fill(w, 'demo1234', 'a-new-password');
    expect(calls).toEqual([
      {
        method: 'POST',
        url: '/api/v1/auth/password',
        body: { currentPassword: 'demo1234', newPassword: 'a-new-password' },
        auth: 'Bearer jwt-old',
      },
    ]);
    expect(useAuthStore().token).toBe('jwt-new');
    expect(JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!).token).toBe('jwt-new');
    expect((w.find('input[name="currentPassword"]').element as HTMLInputElement).value).toBe('');
    expect(useToastStore().toasts.map((t) => t.message)).toContain(
      'Password changed. Your other sessions are signed out.',
    );
  });

  it('signs out everywhere after a confirmation, and lands on the sign-in page', async () => {
    const calls = stubApi();
    const { w, router } = await mountPage();
    const button = () => w.findAll('button').find((b) => b.text().includes('Sign out everywhere'))!;
    await button().trigger('click');
    expect(calls).toEqual([]);
    await w
      .findAll('button')
      .find((b) => b.text().includes('Yes, sign out everywhere'))!
      .trigger('click');
    await flushPromises();
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['DELETE /api/v1/auth/sessions']);
    expect(useAuthStore().isAuthenticated).toBe(false);
    expect(router.currentRoute.value.name).toBe('login');
  });
});
