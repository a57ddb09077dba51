import type { LogEvent } from '../types.js';

/** Builds a console-line event; `diagnose` holds the words for each key. */
export function log(key: string, args: Record<string, string | number | undefined>, level: 'error' | 'warning' = 'error'): LogEvent {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) if (v !== undefined) clean[k] = String(v);
  return { key, level, args: clean };
}
