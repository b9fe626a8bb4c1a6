/**
 * What the live preview needs beyond the form: the invoice line of the serial (the distributor's
 * price and sale date), the reseller's fee policy, today. The invoice line is looked up as the serial
 * or SKU changes, debounced, the last answer winning.
 */
import { DEFAULT_FEE_POLICY, type FeePolicy } from '@rma/rules';
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { ApiError } from '../api/client';
import { listInvoiceLines, type InvoiceLine } from '../api/products';
import { currentTenant } from '../api/tenants';

export function useInvoiceLine(serial: Ref<string>, sku: Ref<string>, delayMs = 300) {
  const line = ref<InvoiceLine | null>(null);
  /** The line was found by serial number (not only by reference). */
  const bySerial = ref(false);
  const pending = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let abort: AbortController | null = null;

  async function lookup(s: string, k: string): Promise<void> {
    abort?.abort();
    const ctl = new AbortController();
    abort = ctl;
    try {
      let found: InvoiceLine | null = null;
      let viaSerial = false;
      if (s) {
        found = (await listInvoiceLines({ serialNumber: s, limit: 1 }, ctl.signal))[0] ?? null;
        viaSerial = found !== null;
      }
      if (!found && k) found = (await listInvoiceLines({ sku: k, limit: 1 }, ctl.signal))[0] ?? null;
      if (ctl.signal.aborted) return;
      line.value = found;
      bySerial.value = viaSerial;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'ABORTED') return;
      line.value = null;
      bySerial.value = false;
    } finally {
      if (abort === ctl) {
        pending.value = false;
        abort = null;
      }
    }
  }

  watch(
    [() => serial.value.trim(), () => sku.value.trim()],
    ([s, k]) => {
      clearTimeout(timer);
      if (!s && !k) {
        abort?.abort();
        line.value = null;
        bySerial.value = false;
        pending.value = false;
        return;
      }
      pending.value = true;
      timer = setTimeout(() => void lookup(s, k), delayMs);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    clearTimeout(timer);
    abort?.abort();
  });

  return { line, bySerial, pending };
}

/** The reseller's effective fee policy (the defaults until it is known). */
export function useOwnFeePolicy() {
  const fees = ref<FeePolicy>({ ...DEFAULT_FEE_POLICY });
  const tenantName = ref<string | null>(null);
  currentTenant()
    .then((t) => {
      fees.value = t.feePolicy;
      tenantName.value = t.name;
    })
    .catch(() => undefined);
  return { fees, tenantName };
}
