/**
 * The reseller's return being written: the shared information, the items (added one by one, pasted as
 * a column of serials or read from a CSV file), the invoice line of each item's serial (looked up as it
 * is typed, pre-filling the SKU, the manufacturer and the invoice), each item's live preview and
 * problems, and the submit. The page owns the layout, the messages and the navigation.
 */
import { isSupportTicketSatisfied, type Reason } from '@rma/rules';
import { computed, onBeforeUnmount, reactive, watch } from 'vue';
import { ApiError } from '../api/client';
import { listInvoiceLines, type InvoiceLine } from '../api/products';
import { createReturn, type ReturnView } from '../api/returns';
import { getPrefill } from '../api/tickets';
import { useCatalogStore } from '../stores/catalog';
import { todayIso } from '../utils/format';
import { manufacturerNames, parseItemsCsv, parseSerialColumn, type CsvImport } from '../utils/return-import';
import {
  duplicateItem,
  emptyItem,
  emptyShared,
  itemPreview,
  MAX_RETURN_ITEMS,
  returnBody,
  returnProblems,
  type ReturnItemForm,
} from '../utils/return-items';
import { useOwnFeePolicy } from './useDecisionFacts';

export interface LineState {
  line: InvoiceLine | null;
  /** Found by the serial number (not only by the reference). */
  bySerial: boolean;
  pending: boolean;
}

/** How many invoice look-ups run at once (a pasted column of 100 serials waits its turn). */
const LOOKUPS_AT_ONCE = 4;

export function useReturnDraft(delayMs = 300) {
  const catalog = useCatalogStore();
  const { fees } = useOwnFeePolicy();
  const today = todayIso();
  const shared = reactive(emptyShared());
  const items = reactive<ReturnItemForm[]>([emptyItem()]);
  const lines = reactive<Record<string, LineState>>({});

  const manufacturerOf = (item: ReturnItemForm) =>
    item.product.manufacturer ? (catalog.manufacturerBySlug.get(item.product.manufacturer) ?? null) : null;
  /** The support ticket the item's manufacturer asks for before it takes a defect. */
  const supportOf = (item: ReturnItemForm) =>
    item.reason === 'DEFECT' ? (manufacturerOf(item)?.supportTicket ?? null) : null;
  function supportState(item: ReturnItemForm): 'empty' | 'ok' | 'bad' {
    const n = item.supportTicketNumber.trim();
    const s = supportOf(item);
    if (!n || !s) return 'empty';
    try {
      return isSupportTicketSatisfied(n, s) ? 'ok' : 'bad';
    } catch {
      return 'bad';
    }
  }

  const previews = computed(() =>
    items.map((item) =>
      itemPreview(shared, item, {
        manufacturer: manufacturerOf(item),
        line: lines[item.key]?.line ?? null,
        fees: fees.value,
        today,
      }),
    ),
  );
  /** What stops a submit, by field (`items[i].…` for an item's). */
  const problems = () => returnProblems(shared, items, (i) => manufacturerOf(i) !== null);

  // ---- the invoice line of each item, looked up as its serial or SKU changes ----
  const looked = new Map<string, string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const queue: (() => Promise<void>)[] = [];
  let running = 0;
  function run(job: () => Promise<void>): void {
    queue.push(job);
    const pump = () => {
      while (running < LOOKUPS_AT_ONCE && queue.length) {
        const next = queue.shift()!;
        running++;
        void next().finally(() => {
          running--;
          pump();
        });
      }
    };
    pump();
  }

  async function findLine(
    serial: string,
    sku: string,
  ): Promise<{ line: InvoiceLine | null; bySerial: boolean }> {
    if (serial) {
      const found = (await listInvoiceLines({ serialNumber: serial, limit: 1 }))[0];
      if (found) return { line: found, bySerial: true };
    }
    if (sku) return { line: (await listInvoiceLines({ sku, limit: 1 }))[0] ?? null, bySerial: false };
    return { line: null, bySerial: false };
  }

  /** A known serial tells the reference, its manufacturer and the invoice: filled in where empty. */
  function prefillFrom(item: ReturnItemForm, l: InvoiceLine): void {
    if (!item.product.sku) item.product.sku = l.sku;
    const p = catalog.products.find((x) => x.sku === item.product.sku);
    if (p && !item.product.manufacturer) item.product.manufacturer = p.manufacturer;
    if (!item.product.invoiceRef) item.product.invoiceRef = l.invoiceNumber;
  }

  function lookup(item: ReturnItemForm, signature: string): void {
    const serial = item.product.serialNumber.trim();
    const sku = item.product.sku.trim();
    run(async () => {
      if (looked.get(item.key) !== signature) return; // changed again while it waited
      try {
        const found = await findLine(serial, sku);
        if (looked.get(item.key) !== signature) return;
        lines[item.key] = { ...found, pending: false };
        if (found.line && found.bySerial) prefillFrom(item, found.line);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'ABORTED') return;
        if (looked.get(item.key) === signature)
          lines[item.key] = { line: null, bySerial: false, pending: false };
      }
    });
  }

  watch(
    () => items.map((i) => [i, `${i.product.serialNumber.trim()}|${i.product.sku.trim()}`] as const),
    (now) => {
      for (const [item, signature] of now) {
        const before = looked.get(item.key);
        if (before === signature) continue;
        looked.set(item.key, signature);
        // Found by its serial, an item keeps its line when only the reference changes (as it is filled in).
        const state = lines[item.key];
        if (state?.bySerial && !state.pending && before?.split('|')[0] === signature.split('|')[0]) continue;
        clearTimeout(timers.get(item.key));
        if (signature === '|') {
          lines[item.key] = { line: null, bySerial: false, pending: false };
          continue;
        }
        lines[item.key] = { line: lines[item.key]?.line ?? null, bySerial: false, pending: true };
        timers.set(
          item.key,
          setTimeout(() => lookup(item, signature), delayMs),
        );
      }
      for (const key of Object.keys(lines))
        if (!now.some(([i]) => i.key === key)) {
          delete lines[key];
          looked.delete(key);
        }
    },
    { immediate: true },
  );
  watch(
    () => items.map((i) => i.product.sku),
    () => {
      // The reference names its manufacturer.
      for (const item of items) {
        const p = catalog.products.find((x) => x.sku === item.product.sku);
        if (p && !item.product.manufacturer) item.product.manufacturer = p.manufacturer;
      }
    },
  );
  onBeforeUnmount(() => timers.forEach((t) => clearTimeout(t)));

  // ---- the items ----
  const isBlank = (i: ReturnItemForm) =>
    !i.product.serialNumber.trim() && !i.product.sku && !i.product.manufacturer && !i.faultDescription.trim();
  const room = () => MAX_RETURN_ITEMS - items.length;

  function add(reason: Reason = items.at(-1)?.reason ?? 'DEFECT'): ReturnItemForm | null {
    if (room() <= 0) return null;
    items.push(emptyItem(reason));
    return items.at(-1)!;
  }
  function remove(key: string): void {
    const i = items.findIndex((x) => x.key === key);
    if (i >= 0) items.splice(i, 1);
  }
  function duplicate(key: string): void {
    const i = items.findIndex((x) => x.key === key);
    if (i >= 0 && room() > 0) items.splice(i + 1, 0, duplicateItem(items[i]!));
  }
  /** A lone blank item gives way to what is brought in. */
  function dropLoneBlank(): void {
    if (items.length === 1 && isBlank(items[0]!)) items.splice(0, 1);
  }

  /** Adds an item a pasted serial: those already in the return and those beyond the limit are left out. */
  function pasteSerials(text: string, reason: Reason) {
    const { serials, duplicates } = parseSerialColumn(text);
    const inReturn = new Set(items.map((i) => i.product.serialNumber.trim().toUpperCase()).filter(Boolean));
    const fresh = serials.filter((s) => !inReturn.has(s.toUpperCase()));
    const already = serials.filter((s) => inReturn.has(s.toUpperCase()));
    if (fresh.length) dropLoneBlank();
    const added = fresh.slice(0, Math.max(0, room()));
    for (const serial of added) {
      const item = emptyItem(reason);
      item.product.serialNumber = serial;
      items.push(item);
    }
    return { added: added.length, duplicates, already, overLimit: fresh.length - added.length };
  }

  /** Adds the good rows of a CSV file as items; the bad ones are answered by line. */
  function importCsv(text: string): CsvImport & { added: number; overLimit: number } {
    const read = parseItemsCsv(text, { manufacturers: manufacturerNames(catalog.manufacturers), today });
    if (read.items.length) dropLoneBlank();
    const take = read.items.slice(0, Math.max(0, room()));
    for (const row of take) {
      const item = emptyItem(row.reason);
      Object.assign(item.product, {
        manufacturer: row.manufacturer,
        sku: row.sku,
        serialNumber: row.serialNumber,
        purchaseDate: row.purchaseDate,
        usage: row.usage,
      });
      item.faultDescription = row.faultDescription;
      items.push(item);
    }
    return { ...read, added: take.length, overLimit: read.items.length - take.length };
  }

  /** Loads the catalog and the reseller's last customer and delivery details; true when some were filled. */
  async function load(): Promise<boolean> {
    const [prefill] = await Promise.all([
      getPrefill().catch(() => null),
      catalog.loadManufacturers(),
      catalog.loadProducts(),
    ]);
    if (!prefill) return false;
    for (const k of Object.keys(shared.customer) as (keyof typeof shared.customer)[])
      shared.customer[k] = prefill.customer[k] ?? '';
    for (const k of Object.keys(shared.delivery) as (keyof typeof shared.delivery)[])
      if (k !== 'deliveredOn') shared.delivery[k] = prefill.delivery[k] ?? '';
    return Object.keys(prefill.customer).length + Object.keys(prefill.delivery).length > 0;
  }

  // A retried submit (the same body) sends the same Idempotency-Key, so it cannot make two returns.
  let lastAttempt: { body: string; key: string } | null = null;
  async function submit(): Promise<ReturnView> {
    const body = returnBody(shared, items, (i) => supportOf(i) !== null, true);
    const text = JSON.stringify(body);
    if (lastAttempt?.body !== text) lastAttempt = { body: text, key: crypto.randomUUID() };
    return createReturn(body, lastAttempt.key);
  }

  return {
    shared,
    items,
    lines,
    fees,
    today,
    previews,
    manufacturerOf,
    supportOf,
    supportState,
    problems,
    add,
    remove,
    duplicate,
    pasteSerials,
    importCsv,
    load,
    submit,
  };
}

export type ReturnDraft = ReturnType<typeof useReturnDraft>;
