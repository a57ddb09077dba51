import type { FailureCode } from './codes.js';
import { getHeader } from './request-headers.js';
import type { BrowserProfile } from './profiles/profile.js';
import type { HeaderPair } from './types.js';

export interface CorsCheckFailure {
  code: FailureCode;
  /** The header the failure is about and its value as the check read it. */
  header: 'Access-Control-Allow-Origin' | 'Access-Control-Allow-Credentials';
  value: string | null;
}

/** Number of raw header lines with this name (case-insensitive). */
export function countHeaderLines(headers: readonly HeaderPair[], name: string): number {
  const lower = name.toLowerCase();
  let n = 0;
  for (const [k] of headers) if (k.toLowerCase() === lower) n++;
  return n;
}

/**
 * Fetch § CORS check (`#concept-cors-check`, checklist #63–68), with the browser's own
 * classification of a failing `Access-Control-Allow-Origin` (profile `classifyAllowOrigin`).
 * Header values are already OWS-trimmed (they are stored normalized by the server model).
 * Returns null on success.
 */
export function corsCheck(
  profile: BrowserProfile,
  responseHeaders: readonly HeaderPair[],
  origin: string,
  credentials: boolean,
): CorsCheckFailure | null {
  const value = getHeader(responseHeaders, 'Access-Control-Allow-Origin');
  const lines = countHeaderLines(responseHeaders, 'Access-Control-Allow-Origin');
  const code = profile.classifyAllowOrigin({ value, lines, origin, credentials });
  if (code !== null) return { code, header: 'Access-Control-Allow-Origin', value };
  if (!credentials) return null;
  // Step 68: with credentials, `Access-Control-Allow-Credentials` must be byte-exactly `true`.
  const acac = getHeader(responseHeaders, 'Access-Control-Allow-Credentials');
  if (acac === 'true') return null;
  return { code: 'INVALID_ALLOW_CREDENTIALS', header: 'Access-Control-Allow-Credentials', value: acac };
}
