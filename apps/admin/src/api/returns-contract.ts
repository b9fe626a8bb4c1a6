/**
 * TO BE REPLACED by the generated types (components['schemas'][...] in schema.d.ts) once the API's
 * returns routes land: the return's shapes as the design's contract states them, kept in this one file
 * so that the switch is a change of these few lines.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

/** One item of a return: today's per-product content of a ticket. */
export type ReturnItemInput = Pick<
  Schemas['TicketContentDto'],
  | 'reason'
  | 'product'
  | 'faultDescription'
  | 'unused'
  | 'originalPackaging'
  | 'exclusions'
  | 'supportTicketNumber'
>;

/** POST /returns: the shared information once and 1 to 100 items. */
export interface CreateReturnInput {
  customer?: Schemas['CustomerDto'];
  delivery?: Schemas['DeliveryDto'];
  resellerReference?: string;
  items: ReturnItemInput[];
  submit?: boolean;
}

/** A ticket as an item of a return: its return and its place in it. */
export type ReturnItemView = Schemas['TicketViewDoc'] & { returnId?: string; position?: number };

/** GET /returns/{id} and the answer to POST /returns. */
export interface ReturnView {
  id: string;
  customer: Schemas['CustomerDto'];
  delivery: Schemas['DeliveryDto'];
  resellerReference: string | null;
  createdAt: string;
  itemCount: number;
  items: ReturnItemView[];
}

/** POST /returns/preview: each item's decision, in order. */
export interface ReturnPreview {
  items: Schemas['DecisionDoc'][];
}
