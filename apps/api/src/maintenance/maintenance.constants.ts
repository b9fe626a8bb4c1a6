export const MAINTENANCE_QUEUE = 'maintenance';
export const EXPIRE_RMAS_JOB = 'expire-rmas';
export const HOUSEKEEPING_JOB = 'housekeeping';
