import { onBeforeUnmount } from 'vue';

/** A debounced call that is cancelled with the component; `flush` runs it now. */
export function useDebouncedFn<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastArgs: A | null = null;
  const run = (...args: A) => {
    lastArgs = args;
    clearTimeout(timer);
    timer = setTimeout(() => {
      lastArgs = null;
      fn(...args);
    }, ms);
  };
  const cancel = () => {
    clearTimeout(timer);
    lastArgs = null;
  };
  const flush = () => {
    clearTimeout(timer);
    if (lastArgs) {
      const args = lastArgs;
      lastArgs = null;
      fn(...args);
    }
  };
  onBeforeUnmount(cancel);
  return { run, cancel, flush };
}
