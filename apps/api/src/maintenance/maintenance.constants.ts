export const MAINTENANCE_QUEUE = 'maintenance';
export const EXPIRE_RMAS_JOB = 'expire-rmas';
