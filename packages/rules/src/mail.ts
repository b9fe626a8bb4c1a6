/**
 * The e-mail outbox's names, shared by the API (which writes and sends the messages) and the admin
 * (which lists them): what a message is about, and where it stands.
 */

/**
 * What a message is about. Ticket messages go to the reseller; WEBHOOK_FAILING goes to staff;
 * PASSWORD_CHANGED to the user whose password it was.
 */
export const MAIL_KINDS = [
  'SUBMITTED',
  'AWAITING_PREREQUISITE',
  'APPROVED',
  'INFO_REQUESTED',
  'REJECTED',
  'DESTRUCTION_AUTHORISED',
  'RECEIVED',
  'RESOLVED',
  'EXPIRED',
  'VENDOR_ACCEPTED',
  'VENDOR_REJECTED',
  'WEBHOOK_FAILING',
  'PASSWORD_CHANGED',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** HELD: kept unsent because no SMTP server is configured. */
export const MAIL_STATUSES = ['HELD', 'PENDING', 'SENDING', 'SENT', 'FAILED'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];
