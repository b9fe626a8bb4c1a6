/** Toasts: short success and failure messages, dismissed after a while or by hand. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, errorMessage } from '../api/client';

export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

const DURATION_MS: Record<ToastKind, number> = { success: 3500, info: 5000, error: 7000 };

export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function push(kind: ToastKind, message: string): number {
    const id = nextId++;
    toasts.value = [...toasts.value.slice(-4), { id, kind, message }];
    setTimeout(() => dismiss(id), DURATION_MS[kind]);
    return id;
  }

  const success = (message: string) => push('success', message);
  const info = (message: string) => push('info', message);

  /** A failure; validation errors point at the fields instead of repeating them all. */
  function error(err: unknown, prefix?: string): number {
    const message =
      err instanceof ApiError && err.isValidation
        ? 'Some fields need attention: see the messages beside them.'
        : errorMessage(err);
    return push('error', prefix ? `${prefix}: ${message}` : message);
  }

  return { toasts, push, success, info, error, dismiss };
});
