import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY } from '../stores/auth';
import { createAppRouter, homeFor, navFor } from './index';

function signIn(role: string) {
  localStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({
      token: 't',
      user: { id: 'u', name: 'U', role, tenantId: null },
      expiresAt: Date.now() + 3_600_000,
    }),
  );
  setActivePinia(createPinia());
}

describe('navigation by role', () => {
  beforeEach(() => localStorage.clear());

  it('shows staff and resellers their own menus', () => {
    expect(navFor('DISTRIBUTOR_AGENT').map((n) => n.name)).toEqual([
      'triage',
      'dashboard',
      'manufacturers',
      'resellers',
      'webhooks',
      'outbox',
    ]);
    expect(navFor('RESELLER_AGENT').map((n) => n.name)).toEqual(['my-tickets', 'new-ticket']);
    expect(navFor('RESELLER_ADMIN').map((n) => n.name)).toEqual(['my-tickets', 'new-ticket', 'team']);
    expect(homeFor('DISTRIBUTOR_ADMIN')).toEqual({ name: 'triage' });
    expect(homeFor('RESELLER_AGENT')).toEqual({ name: 'my-tickets' });
  });

  it('sends a visitor without a session to the login page, keeping where they were going', async () => {
    setActivePinia(createPinia());
    const router = createAppRouter();
    await router.push('/tickets/abc');
    expect(router.currentRoute.value.name).toBe('login');
    expect(router.currentRoute.value.query['redirect']).toBe('/tickets/abc');
  });

  it('answers "not found" for a page the role may not open', async () => {
    signIn('RESELLER_AGENT');
    const router = createAppRouter();
    await router.push('/triage');
    expect(router.currentRoute.value.name).toBe('not-found');
    await router.push('/');
    expect(router.currentRoute.value.name).toBe('my-tickets');
  });

  it('lets staff in and keeps a signed-in user off the login page', async () => {
    signIn('DISTRIBUTOR_AGENT');
    const router = createAppRouter();
    await router.push('/triage');
    expect(router.currentRoute.value.name).toBe('triage');
    await router.push('/login');
    expect(router.currentRoute.value.name).toBe('triage');
    await router.push('/manufacturers/new');
    expect(router.currentRoute.value.name).toBe('not-found');
  });
});
