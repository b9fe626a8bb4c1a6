/**
 * The database roles and NOTIFY channels that the migrations create and the running platform uses:
 * defined once, here, for both.
 */

/** The API's role: neither superuser nor table owner; sees only the tenant its transaction sets (RLS). */
export const APP_ROLE = 'rma_app';

/** The role distributor staff and system jobs take for a transaction (SET LOCAL ROLE): every tenant's rows. */
export const STAFF_ROLE = 'rma_staff';

/** Channels a table's trigger NOTIFYs when a row commits, so every process drops what it cached of it. */
export const MANUFACTURERS_CHANNEL = 'rma_manufacturers';
export const USERS_CHANNEL = 'rma_users';
export const API_KEYS_CHANNEL = 'rma_api_keys';
