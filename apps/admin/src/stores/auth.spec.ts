import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureClient } from '../api/client';
import { fakeFetch } from '../test-support/fixtures';
import { readStoredSession, SESSION_STORAGE_KEY, useAuthStore } from './auth';

const USER = { id: 'u1', name: 'Alex Alpha', role: 'RESELLER_AGENT', tenantId: 't1' } as const;

function stubLogin(expiresIn: number) {
  const fake = fakeFetch(200, { accessToken: 'jwt-abc', expiresIn, user: USER });
  vi.stubGlobal('fetch', fake.fn);
  return fake;
}

describe('auth store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
    configureClient({ getToken: () => null, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('logs in and keeps the session in localStorage, so a reload finds it', async () => {
    const fake = stubLogin(8 * 3600);
    const auth = useAuthStore();
    await auth.login('  agent@alpha-it.example ', 'demo1234');
    expect(JSON.parse(fake.calls[0]!.init.body as string)).toEqual({
      email: 'agent@alpha-it.example',
      password: 'demo1234',
    });
    expect(auth.isAuthenticated).toBe(true);
    expect(auth.isReseller).toBe(true);
    expect(auth.isStaff).toBe(false);

    const stored = JSON.parse(localStorage.getItem(SESSION_STORAGE_KEY)!);
    expect(stored).toMatchObject({ token: 'jwt-abc', user: USER });
    expect(stored.expiresAt).toBe(Date.parse('2026-11-23T18:00:00Z'));

    // "Reload": a fresh pinia reads the stored session back.
    setActivePinia(createPinia());
    const reloaded = useAuthStore();
    expect(reloaded.user).toEqual(USER);
    expect(reloaded.currentToken()).toBe('jwt-abc');
  });

  it('ends the session when the token expires, and says so', async () => {
    stubLogin(60);
    const auth = useAuthStore();
    await auth.login('agent@alpha-it.example', 'demo1234');
    vi.advanceTimersByTime(50_000);
    expect(auth.isAuthenticated).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(auth.isAuthenticated).toBe(false);
    expect(auth.endedBy).toBe('expired');
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('does not restore an expired session from localStorage', () => {
    localStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ token: 'old', user: USER, expiresAt: Date.parse('2026-11-23T09:59:00Z') }),
    );
    expect(readStoredSession()).toBeNull();
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(useAuthStore().isAuthenticated).toBe(false);
  });

  it('ignores a malformed stored session', () => {
    localStorage.setItem(SESSION_STORAGE_KEY, '{"token": 1}');
    expect(useAuthStore().isAuthenticated).toBe(false);
    localStorage.setItem(SESSION_STORAGE_KEY, 'not json');
    expect(readStoredSession()).toBeNull();
  });

  it('gives no token once the expiry has passed even if the timer has not fired (a sleeping laptop)', async () => {
    stubLogin(3600);
    const auth = useAuthStore();
    await auth.login('a@b.example', 'x');
    vi.setSystemTime(new Date('2026-11-23T12:00:00Z')); // clock jumps, timers do not run
    expect(auth.currentToken()).toBeNull();
    expect(auth.endedBy).toBe('expired');
  });

  it('logout clears the session; a 401 ends it as unauthorized', async () => {
    stubLogin(3600);
    const auth = useAuthStore();
    await auth.login('a@b.example', 'x');
    auth.logout();
    expect(auth.isAuthenticated).toBe(false);
    expect(auth.endedBy).toBe('logout');
    expect(localStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();

    await auth.login('a@b.example', 'x');
    auth.handleUnauthorized();
    expect(auth.endedBy).toBe('unauthorized');
  });

  it('follows another tab that signed out', async () => {
    stubLogin(3600);
    const auth = useAuthStore();
    await auth.login('a@b.example', 'x');
    localStorage.removeItem(SESSION_STORAGE_KEY);
    auth.syncFromStorage();
    expect(auth.isAuthenticated).toBe(false);
  });
});
