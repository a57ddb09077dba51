/**
 * Shared pieces of the adapters: the live (atomically reconfigurable) policy, `Vary` appending,
 * and the debug log line. No framework code here.
 */
import type { PolicyConfig } from '../policy/config.js';
import { compilePolicy } from '../policy/compile.js';
import { CorsPolicy, type CorsDecision } from '../policy/policy.js';

/** What every adapter accepts: a config (compiled once, here) or an already compiled policy. */
export type PolicyInput = PolicyConfig | CorsPolicy;

/** Adapter options. */
export interface AdapterOptions {
  /**
   * Where debug mode writes its one line per refused preflight (`corsight: refused preflight: ...`).
   * Default `console.warn`. Called only when the policy has `debug: true`.
   */
  log?: (line: string) => void;
}

/** The part of every adapter that exposes and swaps its policy. */
export interface Reconfigurable {
  /** The policy in force (immutable). */
  readonly policy: CorsPolicy;
  /**
   * Compiles `input` and swaps it in atomically: each request reads the policy once, so it is
   * handled entirely by the old or entirely by the new one. Throws a `PolicyError` (and keeps the
   * old policy) when the config is invalid. Returns the new policy.
   */
  reconfigure(input: PolicyInput): CorsPolicy;
}

export function toPolicy(input: PolicyInput): CorsPolicy {
  return input instanceof CorsPolicy ? input : compilePolicy(input);
}

/** A holder whose `current` is replaced in one assignment. */
export class LivePolicy implements Reconfigurable {
  current: CorsPolicy;
  readonly log: (line: string) => void;
  constructor(input: PolicyInput, options: AdapterOptions = {}) {
    this.current = toPolicy(input);
    this.log = options.log ?? ((line) => console.warn(line));
  }
  get policy(): CorsPolicy {
    return this.current;
  }
  reconfigure(input: PolicyInput): CorsPolicy {
    const next = toPolicy(input); // throws before anything changes
    this.current = next;
    return next;
  }
  /** Debug mode: one line per refused preflight. */
  report(policy: CorsPolicy, d: CorsDecision): void {
    if (d.refusal !== null && policy.debug) this.log(d.refusal.message);
  }
}

/** Adds `policy` and `reconfigure` to an adapter function or object. */
export function attachLive<T extends object>(target: T, live: LivePolicy): T & Reconfigurable {
  Object.defineProperty(target, 'policy', { get: () => live.current, enumerable: true });
  Object.defineProperty(target, 'reconfigure', { value: (input: PolicyInput) => live.reconfigure(input), enumerable: true });
  return target as T & Reconfigurable;
}

function hasToken(list: string, token: string): boolean {
  // Case-insensitive membership of `token` in a comma-separated list (no allocation for the common miss).
  const t = token.length;
  let i = 0;
  const n = list.length;
  while (i < n) {
    while (i < n && (list.charCodeAt(i) === 0x20 || list.charCodeAt(i) === 0x09 || list.charCodeAt(i) === 0x2c)) i++;
    let j = i;
    while (j < n && list.charCodeAt(j) !== 0x2c) j++;
    let e = j;
    while (e > i && (list.charCodeAt(e - 1) === 0x20 || list.charCodeAt(e - 1) === 0x09)) e--;
    if (e - i === t && list.slice(i, e).toLowerCase() === token.toLowerCase()) return true;
    if (e - i === 1 && list.charCodeAt(i) === 0x2a) return true; // `Vary: *` already varies on everything
    i = j + 1;
  }
  return false;
}

/**
 * The new `Vary` value after adding the names in `add` (comma-separated) to an existing value,
 * never dropping what is there (RFC 9110 §12.5.5). Returns the existing value when nothing is missing.
 */
export function appendVary(existing: string | number | readonly string[] | undefined | null, add: string): string {
  if (existing === undefined || existing === null || existing === '') return add;
  const cur = typeof existing === 'string' ? existing : typeof existing === 'number' ? String(existing) : existing.join(', ');
  let out = cur;
  let start = 0;
  while (start < add.length) {
    let end = add.indexOf(',', start);
    if (end === -1) end = add.length;
    const name = add.slice(start, end).trim();
    if (name !== '' && !hasToken(cur, name)) out = `${out}, ${name}`;
    start = end + 1;
  }
  return out;
}
