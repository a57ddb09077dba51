import { parseTokenList } from './http-syntax.js';
import { isCorsSafelistedResponseHeaderName, isForbiddenResponseHeaderName, getHeader } from './request-headers.js';
import type { HeaderPair } from './types.js';

/**
 * Header names script can read (lower-case, sorted, unique): Fetch § main fetch step 14
 * (`Access-Control-Expose-Headers`, checklist #25) and the basic / CORS filtered responses
 * (`#concept-filtered-response-basic`, `#concept-filtered-response-cors`, checklist #14–15).
 */
export function visibleHeaderNames(headers: readonly HeaderPair[], tainting: 'basic' | 'cors', credentials: boolean): string[] {
  const names: string[] = [];
  for (const [n] of headers) {
    const lower = n.toLowerCase();
    if (!names.includes(lower)) names.push(lower);
  }
  let visible: string[];
  if (tainting === 'basic') {
    visible = names.filter((n) => !isForbiddenResponseHeaderName(n));
  } else {
    const parsed = parseTokenList(getHeader(headers, 'Access-Control-Expose-Headers'));
    let exposed: string[] = parsed !== null && parsed.ok ? parsed.values : [];
    // `*` exposes every header name, but only for requests without credentials.
    if (!credentials && exposed.includes('*')) exposed = names;
    visible = names.filter((n) => isCorsSafelistedResponseHeaderName(n, exposed));
  }
  return visible.sort();
}
