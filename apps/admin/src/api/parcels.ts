import { api } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

/** The answer to approving items together: per item asked, approved or refused and why; their parcel. */
export type Approval = Schemas['ApprovalDoc'];
export type ItemApproval = Schemas['ItemApprovalDoc'];
export type ParcelView = Schemas['ParcelViewDoc'];

/** Approves the listed items of a return with one RMA number (staff); the others are refused with a reason. */
export const approveItems = (returnId: string, items: string[], note?: string) =>
  api.post<Approval>(`/returns/${encodeURIComponent(returnId)}/approve`, note ? { items, note } : { items });
