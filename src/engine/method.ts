/**
 * HTTP methods as Fetch defines them (https://fetch.spec.whatwg.org/#methods).
 * Pure module.
 */
import { byteCaseInsensitiveEquals, byteUppercase, isToken } from './http-syntax.js';

/**
 * Fetch "method" (https://fetch.spec.whatwg.org/#concept-method): matches the RFC 9110 `method`
 * production, i.e. `token`. Checklist A.2 (the Request constructor throws otherwise).
 */
export function isMethod(s: string): boolean {
  return isToken(s);
}

const FORBIDDEN_METHODS = ['CONNECT', 'TRACE', 'TRACK'] as const;

/**
 * Fetch "forbidden method" (https://fetch.spec.whatwg.org/#forbidden-method): a byte-case-insensitive
 * match for `CONNECT`, `TRACE` or `TRACK` (ASCII case folding only). Checklist A.2.
 */
export function isForbiddenMethod(s: string): boolean {
  return FORBIDDEN_METHODS.some((m) => byteCaseInsensitiveEquals(s, m));
}

const NORMALIZED_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'] as const;

/**
 * Fetch "normalize" a method (https://fetch.spec.whatwg.org/#concept-method-normalize):
 * byte-uppercase it iff it is a byte-case-insensitive match for `DELETE`, `GET`, `HEAD`,
 * `OPTIONS`, `POST` or `PUT`. Anything else (notably `patch`) is returned unchanged.
 * Checklist A.3.
 */
export function normalizeMethod(s: string): string {
  for (const m of NORMALIZED_METHODS) {
    if (byteCaseInsensitiveEquals(s, m)) return byteUppercase(s);
  }
  return s;
}

/**
 * Fetch "CORS-safelisted method" (https://fetch.spec.whatwg.org/#cors-safelisted-method):
 * byte-exactly `GET`, `HEAD` or `POST`. Checklist A.1.
 */
export function isCorsSafelistedMethod(s: string): boolean {
  return s === 'GET' || s === 'HEAD' || s === 'POST';
}
