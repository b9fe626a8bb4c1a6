/**
 * Shared set-up for unit specs (immich style: the service under test built with plain-object
 * repositories): a Database whose units of work just run the work, a clock fixed at a moment, and the
 * principals who call services.
 */
import { Clock } from '../../src/common/clock.js';
import type { Database } from '../../src/database/database.service.js';
import type { Principal } from '../../src/auth/principal.js';

/** The tenant the reseller builders belong to unless told otherwise. */
export const TENANT_ID = '0190a000-0000-7000-8000-00000000000a';

/**
 * A Database whose `run` and `reading` call the work at once, without a transaction; the scopes it
 * was asked for are kept in `scopes`, in order.
 */
export function fakeDatabase(): Database & { scopes: unknown[] } {
  const scopes: unknown[] = [];
  const work = (scope: unknown, fn: () => unknown) => {
    scopes.push(scope);
    return Promise.resolve().then(() => fn());
  };
  return { run: work, reading: work, scopes } as unknown as Database & { scopes: unknown[] };
}

/** A clock standing still at `at` (default 2026-03-10 09:00 UTC); travelDays moves it. */
export class FixedClock extends Clock {
  private moment: Date;

  constructor(at: Date | string = '2026-03-10T09:00:00.000Z') {
    super();
    this.moment = new Date(at);
  }

  override now(): Date {
    return new Date(this.moment);
  }

  override travelDays(days: number): void {
    this.moment = new Date(this.moment.getTime() + days * 86_400_000);
  }

  override async at<T>(moment: Date, work: () => Promise<T>): Promise<T> {
    const saved = this.moment;
    this.moment = new Date(moment);
    try {
      return await work();
    } finally {
      this.moment = saved;
    }
  }
}

/** A reseller's user (RESELLER_AGENT unless told), of TENANT_ID unless told. */
export function resellerUser(over: Partial<Principal> = {}): Principal {
  return {
    kind: 'user',
    id: '0190a000-0000-7000-8000-0000000000a1',
    role: 'RESELLER_AGENT',
    tenantId: TENANT_ID,
    label: 'Rita Reseller',
    ...over,
  };
}

/** A distributor's staff user (DISTRIBUTOR_AGENT unless told): every tenant's rows. */
export function staffUser(over: Partial<Principal> = {}): Principal {
  return {
    kind: 'user',
    id: '0190a000-0000-7000-8000-0000000000f1',
    role: 'DISTRIBUTOR_AGENT',
    tenantId: null,
    label: 'Theo Triage',
    ...over,
  };
}

/** A reseller's API key (RESELLER_ADMIN unless told), of TENANT_ID unless told. */
export function apiKey(over: Partial<Principal> = {}): Principal {
  return {
    kind: 'apiKey',
    id: '0190a000-0000-7000-8000-0000000000b1',
    role: 'RESELLER_ADMIN',
    tenantId: TENANT_ID,
    label: 'ERP integration',
    ...over,
  };
}
