import { ref, type Ref } from 'vue';
import { useToastStore } from '../stores/toasts';

/**
 * An action staff take on one row of a list (send a message again, redeliver a webhook): the row is busy
 * while it runs, the row the API answers takes its place, and a toast says how it went. `busy` holds the
 * id of the row at work (a page may set it to its own marker for a bulk action).
 */
export function useRowAction<T extends { id: string }>(items: Ref<T[]>) {
  const toasts = useToastStore();
  const busy = ref<string | null>(null);

  async function run(
    row: T,
    action: (id: string) => Promise<T>,
    say: { done: string; failing: string },
  ): Promise<void> {
    busy.value = row.id;
    try {
      const updated = await action(row.id);
      items.value = items.value.map((x) => (x.id === row.id ? updated : x));
      toasts.success(say.done);
    } catch (err) {
      toasts.error(err, say.failing);
    } finally {
      busy.value = null;
    }
  }

  return { busy, run };
}
