import type { Tone } from '../utils/labels';

/** One bar of a BarChart. */
export interface Bar {
  key: string;
  label: string;
  value: number;
  tone?: Tone;
  /** Shown instead of the value (e.g. a percentage). */
  display?: string;
}
