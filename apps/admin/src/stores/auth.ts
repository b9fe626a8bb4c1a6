/**
 * The session: who is signed in and their token. It survives a reload (localStorage) and ends on
 * logout, on the token's expiry (a timer, and a check whenever it is read back), on a 401 from the
 * API, and in every tab when another tab signs out.
 */
import { isReseller, isStaff, type Role } from '@rma/rules';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as authApi from '../api/auth';
import * as setupApi from '../api/setup';
import type { SessionUser } from '../api/auth';

export const SESSION_STORAGE_KEY = 'rma.session';

/** Sign out this long before the token's expiry, so no request goes out with a token about to lapse. */
const EXPIRY_MARGIN_MS = 5_000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2_147_483_647;

export interface StoredSession {
  token: string;
  user: SessionUser;
  /** Epoch milliseconds when the token expires. */
  expiresAt: number;
}

export type SessionEnd = 'logout' | 'expired' | 'unauthorized';

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<StoredSession>;
  return (
    typeof s.token === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof s.user === 'object' &&
    s.user !== null &&
    typeof s.user.role === 'string'
  );
}

/** The stored session if it is well-formed and not expired at `now`; an expired one is removed. */
export function readStoredSession(now = Date.now()): StoredSession | null {
  let raw: string | null;
  try {
    raw = localStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (isStoredSession(parsed) && parsed.expiresAt - EXPIRY_MARGIN_MS > now) return parsed;
  } catch {
    // unreadable: drop it below
  }
  localStorage.removeItem(SESSION_STORAGE_KEY);
  return null;
}

export const useAuthStore = defineStore('auth', () => {
  const session = ref<StoredSession | null>(readStoredSession());
  /** Why the last session ended (shown on the login page). */
  const endedBy = ref<SessionEnd | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const user = computed(() => session.value?.user ?? null);
  const token = computed(() => session.value?.token ?? null);
  const role = computed<Role | null>(() => session.value?.user.role ?? null);
  const isAuthenticated = computed(() => session.value !== null);
  const staff = computed(() => role.value !== null && isStaff(role.value));
  const reseller = computed(() => role.value !== null && isReseller(role.value));
  const admin = computed(() => role.value === 'DISTRIBUTOR_ADMIN' || role.value === 'RESELLER_ADMIN');

  function schedule(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!session.value) return;
    const delay = session.value.expiresAt - EXPIRY_MARGIN_MS - Date.now();
    if (delay <= 0) {
      end('expired');
      return;
    }
    timer = setTimeout(() => end('expired'), Math.min(delay, MAX_TIMER_MS));
  }

  function end(reason: SessionEnd): void {
    clearTimeout(timer);
    timer = undefined;
    if (session.value === null) return;
    session.value = null;
    endedBy.value = reason;
    localStorage.removeItem(SESSION_STORAGE_KEY);
  }

  async function login(email: string, password: string): Promise<SessionUser> {
    return start(await authApi.login(email.trim(), password));
  }

  /** The installation's first distributor admin, created with the setup token and signed in. */
  async function createFirstAdmin(input: setupApi.FirstAdminInput): Promise<SessionUser> {
    return start(await setupApi.createFirstAdmin({ ...input, email: input.email.trim() }));
  }

  /** A new password; this session goes on with the new token, every other one has ended. */
  async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
    start(await authApi.changePassword(currentPassword, newPassword));
  }

  /** Ends every session of the user on every device, this one included. */
  async function signOutEverywhere(): Promise<void> {
    await authApi.endAllSessions();
    end('logout');
  }

  function start(res: authApi.LoginResponse): SessionUser {
    const next: StoredSession = {
      token: res.accessToken,
      user: res.user,
      expiresAt: Date.now() + res.expiresIn * 1000,
    };
    session.value = next;
    endedBy.value = null;
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(next));
    schedule();
    return res.user;
  }

  function logout(): void {
    end('logout');
  }

  /** The API refused the token (expired or revoked server-side). */
  function handleUnauthorized(): void {
    end('unauthorized');
  }

  /** Another tab signed in or out: follow it. */
  function syncFromStorage(): void {
    const stored = readStoredSession();
    if (stored === null) {
      if (session.value) end('logout');
      return;
    }
    if (stored.token !== session.value?.token) {
      session.value = stored;
      schedule();
    }
  }

  /** The token if the session is still valid now (the timer may lag behind a sleeping laptop). */
  function currentToken(): string | null {
    if (session.value && session.value.expiresAt - EXPIRY_MARGIN_MS <= Date.now()) {
      end('expired');
      return null;
    }
    return session.value?.token ?? null;
  }

  schedule();

  return {
    session,
    endedBy,
    user,
    token,
    role,
    isAuthenticated,
    isStaff: staff,
    isReseller: reseller,
    isAdmin: admin,
    login,
    createFirstAdmin,
    changePassword,
    signOutEverywhere,
    logout,
    handleUnauthorized,
    syncFromStorage,
    currentToken,
  };
});
