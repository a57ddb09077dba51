import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isCorsSafelistedMethod, isForbiddenMethod, isMethod, normalizeMethod } from './method.js';

interface Row {
  input: string;
  method: boolean;
  forbidden: boolean;
  normalized: string;
  safelisted: boolean;
  source: string;
}

const rows: Row[] = [
  { input: 'GET', method: true, forbidden: false, normalized: 'GET', safelisted: true, source: 'checklist A.1' },
  { input: 'HEAD', method: true, forbidden: false, normalized: 'HEAD', safelisted: true, source: 'checklist A.1' },
  { input: 'POST', method: true, forbidden: false, normalized: 'POST', safelisted: true, source: 'checklist A.1' },
  { input: 'get', method: true, forbidden: false, normalized: 'GET', safelisted: false, source: 'checklist A.1 byte-exact; A.3 normalizes' },
  { input: 'Head', method: true, forbidden: false, normalized: 'HEAD', safelisted: false, source: 'checklist A.1/A.3' },
  { input: 'pOsT', method: true, forbidden: false, normalized: 'POST', safelisted: false, source: 'checklist A.1/A.3' },
  { input: 'PUT', method: true, forbidden: false, normalized: 'PUT', safelisted: false, source: 'checklist A.3' },
  { input: 'put', method: true, forbidden: false, normalized: 'PUT', safelisted: false, source: 'checklist A.3' },
  { input: 'delete', method: true, forbidden: false, normalized: 'DELETE', safelisted: false, source: 'checklist A.3' },
  { input: 'options', method: true, forbidden: false, normalized: 'OPTIONS', safelisted: false, source: 'checklist A.3' },
  { input: 'patch', method: true, forbidden: false, normalized: 'patch', safelisted: false, source: 'checklist A.3 [obs] patch is NOT normalized' },
  { input: 'Patch', method: true, forbidden: false, normalized: 'Patch', safelisted: false, source: 'checklist A.3' },
  { input: 'PATCH', method: true, forbidden: false, normalized: 'PATCH', safelisted: false, source: 'checklist A.3' },
  { input: 'CHICKEN', method: true, forbidden: false, normalized: 'CHICKEN', safelisted: false, source: 'Fetch #methods note' },
  { input: 'eGg', method: true, forbidden: false, normalized: 'eGg', safelisted: false, source: 'Fetch #methods note' },
  { input: 'CONNECT', method: true, forbidden: true, normalized: 'CONNECT', safelisted: false, source: 'checklist A.2' },
  { input: 'connect', method: true, forbidden: true, normalized: 'connect', safelisted: false, source: 'checklist A.2 (not normalized)' },
  { input: 'TRACE', method: true, forbidden: true, normalized: 'TRACE', safelisted: false, source: 'checklist A.2' },
  { input: 'trace', method: true, forbidden: true, normalized: 'trace', safelisted: false, source: 'checklist A.2' },
  { input: 'TRACK', method: true, forbidden: true, normalized: 'TRACK', safelisted: false, source: 'checklist A.2' },
  { input: 'tRaCk', method: true, forbidden: true, normalized: 'tRaCk', safelisted: false, source: 'checklist A.2' },
  { input: 'TRAC\u212a', method: false, forbidden: false, normalized: 'TRAC\u212a', safelisted: false, source: 'byte-case-insensitive: KELVIN SIGN is not K' },
  { input: 'po\u017ft', method: false, forbidden: false, normalized: 'po\u017ft', safelisted: false, source: 'byte-uppercase: LONG S is not S' },
  { input: 'CONNECTX', method: true, forbidden: false, normalized: 'CONNECTX', safelisted: false, source: 'checklist A.2 (exact match)' },
  { input: 'GET ', method: false, forbidden: false, normalized: 'GET ', safelisted: false, source: 'Fetch #concept-method (token)' },
  { input: 'G ET', method: false, forbidden: false, normalized: 'G ET', safelisted: false, source: 'Fetch #concept-method (token)' },
  { input: '', method: false, forbidden: false, normalized: '', safelisted: false, source: 'Fetch #concept-method (token is 1*tchar)' },
  { input: 'M-SEARCH', method: true, forbidden: false, normalized: 'M-SEARCH', safelisted: false, source: 'RFC 9110 token' },
  { input: 'GET/', method: false, forbidden: false, normalized: 'GET/', safelisted: false, source: 'RFC 9110 token' },
  { input: 'G\u00c9T', method: false, forbidden: false, normalized: 'G\u00c9T', safelisted: false, source: 'RFC 9110 token' },
];

describe('method predicates (Fetch #methods)', () => {
  for (const r of rows) {
    test(`${JSON.stringify(r.input)} (${r.source})`, () => {
      assert.equal(isMethod(r.input), r.method, 'isMethod');
      assert.equal(isForbiddenMethod(r.input), r.forbidden, 'isForbiddenMethod');
      assert.equal(normalizeMethod(r.input), r.normalized, 'normalizeMethod');
      assert.equal(isCorsSafelistedMethod(r.input), r.safelisted, 'isCorsSafelistedMethod');
    });
  }
});
