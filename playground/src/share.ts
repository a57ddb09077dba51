/**
 * Share a scenario as a URL: the scenario v1 JSON, UTF-8, base64url-encoded, in the fragment
 * (`#s=…`). The fragment never reaches a server, so sharing needs none and leaks nothing to one.
 * Pure: only `TextEncoder`/`TextDecoder`/`btoa`/`atob`, present in browsers and Node.
 */
import { validateScenario, formatValidationError, type Scenario } from '../../src/engine/index.js';

const PREFIX = 's=';

/** The fragment (without `#`) that holds a scenario. */
export function encodeScenario(s: Scenario): string {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return PREFIX + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export type Decoded = { ok: true; scenario: Scenario } | { ok: false; error: string } | null;

/**
 * Reads a fragment (with or without `#`). Returns null when it holds no scenario, an error when it
 * holds a broken one (bad base64, bad JSON, or a scenario the validator rejects).
 */
export function decodeScenario(hash: string): Decoded {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith(PREFIX)) return null;
  const b64 = h.slice(PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
  let text: string;
  try {
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return { ok: false, error: 'the shared link is damaged (not base64url-encoded UTF-8)' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'the shared link is damaged (not JSON)' };
  }
  const v = validateScenario(value);
  if (!v.ok) return { ok: false, error: `the shared scenario is invalid: ${v.errors.map(formatValidationError).join('; ')}` };
  return { ok: true, scenario: v.scenario };
}
