/**
 * The minimal policy that allows one request: the page's origin, the request's method when it
 * needs listing, its CORS-unsafe request-header names (Fetch "CORS-unsafe request-header names",
 * the names a preflight's Access-Control-Request-Headers carries), and credentials when sent.
 */
import type { Scenario } from '../engine/index.js';
import { isCorsSafelistedMethod, normalizeMethod } from '../engine/method.js';
import { parseUrl, serializeOrigin } from '../engine/origin.js';
import { corsUnsafeRequestHeaderNames } from '../engine/request-headers.js';
import type { PolicyConfig } from '../policy/config.js';
import { isLoopbackHost } from '../policy/origin-pattern.js';
import { FixgenError } from './types.js';

/**
 * True when a policy allowing these origins with credentials needs `dangerouslyAllowInsecureOrigins`:
 * one is an `http:` origin other than loopback, which the policy compiler refuses otherwise.
 *
 * @example
 * needsInsecureOriginSwitch(['http://intranet.example'], true) // → true
 */
export function needsInsecureOriginSwitch(origins: readonly string[], credentials: boolean): boolean {
  if (!credentials) return false;
  return origins.some((o) => {
    const u = parseUrl(o);
    return u !== null && u.protocol === 'http:' && !isLoopbackHost(u.hostname);
  });
}

/**
 * Derives the policy that fixes a scenario's cross-origin request. A credentialed request from an
 * `http:` page other than loopback gets `dangerouslyAllowInsecureOrigins` (the policy compiler
 * refuses it otherwise; the rendered fix then warns about it).
 *
 * @throws FixgenError when the page has no origin a server can allow (opaque, unparsable).
 * @example
 * policyForScenario({ page: 'https://app.example.com/', request: { url: 'https://api.example.com/x',
 *   method: 'PUT', headers: [['Authorization', 'Bearer t']], credentials: 'include' } })
 * // → { origins: ['https://app.example.com'], credentials: true, methods: ['PUT'], requestHeaders: ['authorization'] }
 */
export function policyForScenario(s: Scenario): PolicyConfig {
  const page = parseUrl(s.page);
  if (page === null || (page.protocol !== 'http:' && page.protocol !== 'https:')) {
    throw new FixgenError(`the page '${s.page}' has no http(s) origin a server can allow (opaque origins serialize as 'null', which must never be allowed)`);
  }
  const origin = serializeOrigin(page);
  const method = normalizeMethod(s.request.method ?? 'GET');
  const headers = corsUnsafeRequestHeaderNames(s.request.headers ?? [], { combineDuplicates: false, enforceTotalLimit: true });
  const credentials = s.request.credentials === 'include';
  return {
    origins: [origin],
    ...(credentials ? { credentials: true } : {}),
    ...(isCorsSafelistedMethod(method) ? {} : { methods: [method] }),
    ...(headers.length ? { requestHeaders: headers } : {}),
    ...(needsInsecureOriginSwitch([origin], credentials) ? { dangerouslyAllowInsecureOrigins: true } : {}),
  };
}
