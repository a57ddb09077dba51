import type { FailureCode } from '../codes.js';

/** Failures where the API refused the call before any request (outcome `rejected`). */
export const REJECTION_CODES: ReadonlySet<FailureCode> = new Set<FailureCode>([
  'FORBIDDEN_METHOD',
  'INVALID_METHOD',
  'NO_CORS_METHOD_NOT_ALLOWED',
  'URL_CONTAINS_CREDENTIALS',
  'INVALID_URL',
  'INVALID_HEADER',
  'BODY_NOT_ALLOWED',
  'INVALID_MODE',
  'ONLY_IF_CACHED_MODE',
  'STREAM_DUPLEX_REQUIRED',
  'STREAM_MODE_NOT_ALLOWED',
]);

/** The access-check failure kind without its `PREFLIGHT_` prefix (for per-browser message tables). */
export function baseKind(code: string): string {
  return code.startsWith('PREFLIGHT_') && code !== 'PREFLIGHT_INVALID_STATUS' && code !== 'PREFLIGHT_DISALLOWED_REDIRECT'
    ? code.slice('PREFLIGHT_'.length)
    : code;
}
