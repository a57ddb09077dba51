// Network failures become one line naming the host and what happened, never a CORS diagnosis.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeNetworkError } from './http-exchange.js';

const u = new URL('https://api.example.test:8443/x');
const err = (code: string, message = 'boom\n  at line two'): NodeJS.ErrnoException => Object.assign(new Error(message), { code });

const ROWS: [code: string, expected: RegExp][] = [
  ['ECONNREFUSED', /^connection refused by api\.example\.test:8443 \(nothing listens there\)$/],
  ['ENOTFOUND', /^DNS lookup failed for api\.example\.test \(ENOTFOUND\)$/],
  ['EAI_AGAIN', /^DNS lookup failed for api\.example\.test \(EAI_AGAIN\)$/],
  ['ECONNRESET', /closed the connection without an HTTP answer$/],
  ['EHOSTUNREACH', /is unreachable \(EHOSTUNREACH\)$/],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', /^TLS error with api\.example\.test:8443: .*--insecure skips certificate checks$/],
  ['ERR_TLS_CERT_ALTNAME_INVALID', /^TLS error with /],
  ['CERT_HAS_EXPIRED', /^TLS error with /],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /^TLS error with /],
  ['EPROTO', /^TLS error with /],
  ['HPE_INVALID_CONSTANT', /did not answer with valid HTTP/],
];

for (const [code, re] of ROWS) {
  test(`network error ${code}`, () => {
    const e = describeNetworkError(err(code), u);
    assert.match(e.message, re);
    assert.equal(e.errorCode, code);
    assert.ok(!e.message.includes('\n'));
  });
}

test('parseResponseHead: status, reason, raw header order and duplicates, obs-fold', async () => {
  const { parseResponseHead } = await import('./raw-http.js');
  const r = parseResponseHead('HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: a\r\naccess-control-allow-origin: b\r\nX-Long: one\r\n  two\r\nContent-Length: 0');
  assert.deepEqual(r, {
    status: 204, statusText: 'No Content', bodySize: 0,
    headers: [['Access-Control-Allow-Origin', 'a'], ['access-control-allow-origin', 'b'], ['X-Long', 'one two'], ['Content-Length', '0']],
  });
  assert.equal(parseResponseHead('HTTP/1.0 200')!.status, 200);
  assert.equal(parseResponseHead('SSH-2.0-OpenSSH'), null);
  assert.equal(parseResponseHead('HTTP/1.1 200 OK\r\nno colon here'), null);
});
