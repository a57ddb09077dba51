import type { FailureCode } from '../codes.js';
import type { AllowOriginInput } from './profile.js';

/**
 * How each browser classifies `Access-Control-Allow-Origin` (checklist J). Each returns null when
 * the header passes, else the failure code of that browser's failure kind.
 */

/** Fetch § CORS check steps 2–5, as written. */
export function specAllowOrigin({ value, origin, credentials }: AllowOriginInput): FailureCode | null {
  if (value === null) return 'MISSING_ALLOW_ORIGIN_HEADER';
  if (!credentials && value === '*') return null;
  if (value === origin) return null;
  return value === '*' ? 'WILDCARD_ORIGIN_NOT_ALLOWED' : 'ALLOW_ORIGIN_MISMATCH';
}

/** Chromium `network::cors::CheckAccess` (services/network/public/cpp/cors/cors.cc). */
export function chromiumAllowOrigin({ value, origin, credentials }: AllowOriginInput): FailureCode | null {
  if (value === '*') return credentials ? 'WILDCARD_ORIGIN_NOT_ALLOWED' : null;
  if (value === null) return 'MISSING_ALLOW_ORIGIN_HEADER';
  if (value === origin) return null;
  if (/[ ,]/.test(value)) return 'MULTIPLE_ALLOW_ORIGIN_VALUES';
  if (value === 'null') return 'ALLOW_ORIGIN_MISMATCH';
  return isValidGurl(value) ? 'ALLOW_ORIGIN_MISMATCH' : 'INVALID_ALLOW_ORIGIN_VALUE';
}

/** Firefox `nsCORSListenerProxy::CheckRequestApproved` steps 5–8 (raw header lines counted). */
export function firefoxAllowOrigin({ value, lines, origin, credentials }: AllowOriginInput): FailureCode | null {
  if (lines > 1) return 'MULTIPLE_ALLOW_ORIGIN_VALUES';
  if (value === null) return 'MISSING_ALLOW_ORIGIN_HEADER';
  if (credentials && value === '*') return 'WILDCARD_ORIGIN_NOT_ALLOWED';
  if ((credentials || value !== '*') && value !== origin) return 'ALLOW_ORIGIN_MISMATCH';
  return null;
}

/** WebKit `passesAccessControlCheck` (CrossOriginAccessControl.cpp). */
export function webkitAllowOrigin({ value, origin, credentials }: AllowOriginInput): FailureCode | null {
  if (value === '*' && !credentials) return null;
  if (value === origin) return null;
  if (value === '*') return 'WILDCARD_ORIGIN_NOT_ALLOWED';
  if (value !== null && value.includes(',')) return 'MULTIPLE_ALLOW_ORIGIN_VALUES';
  return value === null ? 'MISSING_ALLOW_ORIGIN_HEADER' : 'ALLOW_ORIGIN_MISMATCH';
}

/** Approximates `GURL::is_valid()` for an ACAO value: an absolute URL that parses. */
function isValidGurl(value: string): boolean {
  if (value === '') return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
