/**
 * What a ticket must say before it can be submitted (DOMAIN.md, "What a ticket holds"): the one check the
 * API runs on submit and the reseller's wizard runs before it sends, so both name the same fields.
 */
import type { Reason } from './types.js';

/** The content the check reads: a ticket's content as the API takes it, every part optional. */
export interface SubmissionContent {
  reason?: Reason | null;
  customer?: { name?: string | null } | null;
  delivery?: { deliveredOn?: string | null } | null;
  product?: { sku?: string | null; serialNumber?: string | null } | null;
  faultDescription?: string | null;
  unused?: boolean | null;
  originalPackaging?: boolean | null;
}

export interface SubmissionContext {
  /** Whether `product.manufacturer` names a manufacturer the distributor knows (a defect needs one). */
  manufacturerKnown: boolean;
}

export const SUBMISSION_FIELDS = [
  'reason',
  'customer.name',
  'product.sku',
  'product.manufacturer',
  'product.serialNumber',
  'faultDescription',
  'delivery.deliveredOn',
  'unused',
  'originalPackaging',
] as const;
export type SubmissionField = (typeof SUBMISSION_FIELDS)[number];

/** A field that stops the submit, with the API's message for it. */
export interface SubmissionProblem {
  field: SubmissionField;
  message: string;
}

/**
 * The fields missing for a submit, in the order of the form, each with its message; empty when the
 * ticket can be submitted. A defect needs the manufacturer, the serial number and the fault; any other
 * reason needs the delivery day (the return window counts from it), and an order error the product's
 * condition. A value is missing when it is absent, null or the empty string; `false` is an answer.
 */
export function submissionProblems(
  content: SubmissionContent,
  { manufacturerKnown }: SubmissionContext,
): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  const need = (value: unknown, field: SubmissionField) => {
    if (value === undefined || value === null || value === '')
      problems.push({ field, message: `${field} is required to submit` });
  };
  need(content.reason, 'reason');
  need(content.customer?.name, 'customer.name');
  if (!content.product?.sku && !content.product?.serialNumber)
    problems.push({
      field: 'product.sku',
      message: 'product.sku or product.serialNumber is required to submit',
    });
  if (content.reason === 'DEFECT') {
    need(manufacturerKnown ? true : null, 'product.manufacturer');
    need(content.product?.serialNumber, 'product.serialNumber');
    need(content.faultDescription, 'faultDescription');
  } else {
    need(content.delivery?.deliveredOn, 'delivery.deliveredOn');
  }
  if (content.reason === 'ORDER_ERROR') {
    need(content.unused, 'unused');
    need(content.originalPackaging, 'originalPackaging');
  }
  return problems;
}
