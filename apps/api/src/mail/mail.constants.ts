export const MAIL_QUEUE = 'mail';
export const SEND_MAIL_JOB = 'send';
