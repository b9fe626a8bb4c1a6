import { DEFAULT_SLA_CONFIG, formatMoney, mailFor, shortTicketId, type MailKind } from '@rma/rules';
import type { TicketRow } from '../tickets/tickets.repository.js';
import { REASON_LABELS, returnInstructions } from '../rma-form/return-instructions.js';

export { MAIL_KINDS, type MailKind } from '@rma/rules';

export interface RenderedMail {
  subject: string;
  body: string;
}

/**
 * The message a ticket change sends its reseller, if any, by the action taken and the status reached:
 * the rules' {@link mailFor} (submitting, or giving the support ticket number, sends one whatever the
 * route: the reseller learns where the ticket went and why).
 */
export const mailKindFor: (action: string, status: string) => MailKind | null = mailFor;

export interface TicketMailContext {
  ticket: TicketRow;
  manufacturerName: string | null;
  /** The API's public base URL (links to the ticket page and the RMA form). */
  publicUrl: string;
  distributorName: string;
  /** The note given with the action (a rejection's or an information request's reason). */
  note: string | null;
}

const OUTCOME_TEXT: Record<string, string> = {
  CREDITED: 'credited',
  REPLACED: 'replaced',
  REPAIRED: 'repaired',
  NOT_DEFECTIVE: 'found not defective',
  DESTROYED_AND_CREDITED: 'destroyed and credited',
};

/** How the ticket is named to the reseller: its RMA number once it has one, else its reference. */
export function ticketLabel(t: Pick<TicketRow, 'id' | 'rmaNumber' | 'resellerReference'>): string {
  if (t.rmaNumber) return t.rmaNumber;
  if (t.resellerReference) return `your ref. ${t.resellerReference}`;
  return `ticket ${shortTicketId(t.id)}`;
}

export function renderTicketMail(kind: MailKind, c: TicketMailContext): RenderedMail {
  const t = c.ticket;
  const base = c.publicUrl.replace(/\/+$/, '');
  const ticketUrl = `${base}/tickets/${t.id}`;
  const label = ticketLabel(t);
  const item = [c.manufacturerName, t.sku, t.serialNumber ? `serial ${t.serialNumber}` : null]
    .filter(Boolean)
    .join(' ');
  const about = [
    `Item: ${item || 'not given'}`,
    `Reason: ${REASON_LABELS[t.reason] ?? t.reason}`,
    t.customerName ? `End customer: ${t.customerName}` : null,
    t.resellerReference ? `Your reference: ${t.resellerReference}` : null,
    t.rmaNumber ? `RMA number: ${t.rmaNumber}` : null,
  ].filter((l): l is string => l !== null);
  const reasons = t.decision?.reasons ?? [];
  const lines: string[] = [];
  let subject: string;
  switch (kind) {
    case 'SUBMITTED': {
      subject = `RMA request received: ${label}`;
      lines.push('We received your RMA request.', '', ...about, '', `Status: ${t.status}`);
      if (t.status === 'REDIRECTED' && t.decision?.portalUrl) {
        lines.push(
          '',
          `RMAs for ${c.manufacturerName ?? 'this manufacturer'} are handled directly by the manufacturer:`,
          `  ${t.decision.portalUrl}`,
        );
      } else if (t.status === 'FORWARDED') {
        lines.push('', `The request was forwarded to ${c.manufacturerName ?? 'the manufacturer'}.`);
      } else if (t.status === 'IN_REVIEW') {
        lines.push(
          '',
          `Our RMA desk reviews it and answers within ${DEFAULT_SLA_CONFIG.firstAnswerDays} days.`,
        );
      }
      if (reasons.length) lines.push('', 'Why:', ...reasons.map((r) => `- ${r}`));
      break;
    }
    case 'AWAITING_PREREQUISITE': {
      subject = `Action needed: support ticket number for ${label}`;
      const helpdesk = t.decision?.prerequisites.find((p) => p.kind === 'SUPPORT_TICKET' && !p.satisfied);
      lines.push(
        `${c.manufacturerName ?? 'The manufacturer'} requires its support desk to confirm the fault before an RMA can be opened.`,
        '',
        ...about,
        '',
        helpdesk
          ? `Open a support ticket at ${helpdesk.helpdeskUrl} and add its number to this RMA request.`
          : 'Add the support ticket number to this RMA request.',
        'The request waits until then.',
      );
      if (reasons.length) lines.push('', 'Why:', ...reasons.map((r) => `- ${r}`));
      break;
    }
    case 'APPROVED': {
      subject = `RMA ${t.rmaNumber} approved: ship by ${t.rmaValidUntil}`;
      lines.push(
        'Your RMA request was approved.',
        '',
        `RMA number: ${t.rmaNumber}`,
        `Valid until: ${t.rmaValidUntil} (the item must be shipped by this day; after it, re-apply)`,
        ...about.filter((l) => !l.startsWith('RMA number')),
        '',
        'Print the RMA form and put it in the parcel:',
        `  ${base}/api/v1/tickets/${t.id}/rma-form.pdf`,
        '',
        'Return instructions:',
        ...returnInstructions(
          { reason: t.reason, rmaNumber: t.rmaNumber ?? '', rmaValidUntil: t.rmaValidUntil },
          c.distributorName,
        ).map((l) => `- ${l}`),
      );
      break;
    }
    case 'INFO_REQUESTED':
      subject = `Information requested for ${label}`;
      lines.push(
        'Our RMA desk needs more information before deciding on your request:',
        '',
        `  ${c.note ?? '(no question given)'}`,
        '',
        ...about,
        '',
        'Answer on the ticket page; the request waits until then.',
      );
      break;
    case 'REJECTED':
      subject = `RMA request rejected: ${label}`;
      lines.push('Your RMA request was rejected.', '', ...about);
      if (c.note) lines.push('', `Reason: ${c.note}`);
      if (reasons.length) lines.push('', 'Why:', ...reasons.map((r) => `- ${r}`));
      break;
    case 'DESTRUCTION_AUTHORISED':
      subject = `${label}: destruction authorised, do not ship the item`;
      lines.push(
        'We authorise the destruction of the defective item instead of its return: do not ship it.',
        'A credit for the last invoiced price follows.',
        '',
        ...about,
      );
      break;
    case 'RECEIVED':
      subject = `RMA ${t.rmaNumber ?? label} received`;
      lines.push(
        `We received the returned item; it is inspected within ${DEFAULT_SLA_CONFIG.inspectionDays} days of receipt.`,
        '',
        ...about,
      );
      break;
    case 'RESOLVED': {
      const outcome = t.outcome ? (OUTCOME_TEXT[t.outcome] ?? t.outcome) : 'resolved';
      subject = `RMA ${t.rmaNumber ?? label} resolved: ${outcome}`;
      lines.push(`Your RMA is resolved: the item was ${outcome}.`, '', ...about, '');
      lines.push(`Outcome: ${t.outcome ?? 'none recorded'}`);
      if (t.creditMinor !== null && t.currency)
        lines.push(`Credit: ${formatMoney({ amountMinor: Number(t.creditMinor), currency: t.currency })}`);
      if (t.replacementSerial)
        lines.push(
          `Replacement serial: ${t.replacementSerial}${t.replacementCoveredUntil ? `, covered until ${t.replacementCoveredUntil}` : ''}`,
        );
      if (t.outcome === 'NOT_DEFECTIVE')
        lines.push('No credit is given; the item can be returned at your expense by arrangement.');
      if (c.note) lines.push('', c.note);
      break;
    }
    case 'EXPIRED':
      subject = `RMA ${t.rmaNumber ?? label} expired`;
      lines.push(
        `The RMA number ${t.rmaNumber ?? ''} lapsed on ${t.rmaValidUntil ?? 'its last day'} before the item was shipped.`,
        'A parcel with this number will be refused. Re-apply on the ticket page to get a new number.',
        '',
        ...about,
      );
      break;
    case 'VENDOR_ACCEPTED': {
      const vendor = c.manufacturerName ?? 'The manufacturer';
      subject = `${vendor} accepted ${label}${t.vendorRmaNumber ? ` (their RMA ${t.vendorRmaNumber})` : ''}`;
      lines.push(`${vendor} accepted the RMA request we forwarded.`, '', ...about);
      if (t.vendorRmaNumber) lines.push(`Manufacturer's RMA number: ${t.vendorRmaNumber}`);
      lines.push('', `${vendor} handles the return from here; quote its RMA number when you ship.`);
      break;
    }
    case 'VENDOR_REJECTED': {
      const vendor = c.manufacturerName ?? 'The manufacturer';
      subject = `${vendor} rejected ${label}`;
      lines.push(`${vendor} rejected the RMA request we forwarded.`, '', ...about);
      if (c.note) lines.push('', c.note);
      lines.push('', 'Contact our RMA desk if you disagree; the ticket stays open until it is closed.');
      break;
    }
    case 'WEBHOOK_FAILING':
    case 'PASSWORD_CHANGED':
      throw new Error(`${kind} is not a ticket message`);
  }
  lines.push('', `Ticket: ${ticketUrl}`, '', '--', `${c.distributorName} RMA desk`);
  return { subject: `[${c.distributorName} RMA] ${subject}`, body: lines.join('\n') };
}

export interface WebhookFailingFacts {
  manufacturerName: string;
  url: string;
  deliveryId: string;
  ticketId: string;
  attempts: number;
  error: string;
  /** Set when the endpoint was disabled. */
  disabledReason: string | null;
}

export function renderWebhookFailing(
  f: WebhookFailingFacts,
  publicUrl: string,
  distributor: string,
): RenderedMail {
  const base = publicUrl.replace(/\/+$/, '');
  const subject = f.disabledReason
    ? `Webhook to ${f.manufacturerName} disabled`
    : `Webhook to ${f.manufacturerName} keeps failing`;
  const lines = [
    f.disabledReason
      ? `The webhook endpoint of ${f.manufacturerName} was disabled: ${f.disabledReason}.`
      : `A webhook to ${f.manufacturerName} failed after ${f.attempts} attempts and will not be retried.`,
    '',
    `Endpoint: ${f.url}`,
    `Delivery: ${f.deliveryId} (ticket ${f.ticketId})`,
    `Last error: ${f.error}`,
    '',
    'Check the endpoint with the manufacturer, then redeliver from the delivery log:',
    `  ${base}/webhooks`,
    '',
    '--',
    `${distributor} RMA platform`,
  ];
  return { subject: `[${distributor} RMA] ${subject}`, body: lines.join('\n') };
}

export interface PasswordChangedFacts {
  name: string;
  email: string;
  /** The admin who set it; null when the user changed it themselves. */
  changedBy: string | null;
  at: Date;
}

/**
 * A password was changed: its owner hears of it (a change they did not make is how a taken-over account
 * shows), with what it did to their sessions.
 */
export function renderPasswordChanged(
  f: PasswordChangedFacts,
  publicUrl: string,
  distributor: string,
): RenderedMail {
  const base = publicUrl.replace(/\/+$/, '');
  const when = `${f.at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    `Hello ${f.name},`,
    '',
    f.changedBy
      ? `${f.changedBy} set a new password for your RMA account ${f.email} on ${when}.`
      : `The password of your RMA account ${f.email} was changed on ${when}.`,
    'Every session signed in with the old password has ended.',
    '',
    f.changedBy
      ? 'Sign in with the password they give you, then choose your own under Your account:'
      : 'If you did not change it, tell your administrator at once.',
    `  ${base}/${f.changedBy ? 'account' : 'login'}`,
    '',
    '--',
    `${distributor} RMA platform`,
  ];
  return { subject: `[${distributor} RMA] Your password was changed`, body: lines.join('\n') };
}
