// Fuzzed malformed input (Origin, Access-Control-Request-Method, Access-Control-Request-Headers:
// huge and repeated values, non-ASCII, CR/LF, NUL, near-miss origins) through the policy and the
// node:http and fetch adapters: never throws, never emits an invalid header value, never reflects
// an unvalidated value.
import assert from 'node:assert/strict';
import { IncomingMessage, ServerResponse } from 'node:http';
import { writtenHead } from '../support/written-head.js';
import { Socket } from 'node:net';
import { test } from 'node:test';
import fc from 'fast-check';
import { compilePolicy } from '../../src/policy/compile.js';
import { isSerializedOrigin } from '../../src/policy/origin-matcher.js';
import { corsight as nodeCors } from '../../src/middleware/node.js';
import { corsight as fetchCors } from '../../src/middleware/fetch.js';
import { policyArb } from './oracle.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);

const VALID = ['https://app.example.com', 'https://a.example.com', 'http://localhost:3000', 'https://x.corp.test', 'https://dev.test:1234', 'null'];
const nasty = fc.constantFrom('\r\n', '\n', '\r', '\u0000', ' ', '\t', ',', ', ', '/', ':', '*', '..', 'ä', '\u2028', '\uFFFF', '\uD800', 'A', '%0d%0a', ':0', ':80', ':443', ':65536', '[', ']');
const mutated = fc.tuple(fc.constantFrom(...VALID), fc.nat(40), nasty).map(([v, at, ins]) => {
  const i = at % (v.length + 1);
  return v.slice(0, i) + ins + v.slice(i);
});
const huge = fc.tuple(fc.constantFrom(',', 'a', 'x-a,', ' ', 'https://a.example.com', '\u00e9'), fc.integer({ min: 100, max: 20000 })).map(([s, n]) => s.repeat(n));
const anyString = fc.oneof(fc.string({ maxLength: 64 }), fc.string({ unit: 'binary', maxLength: 64 }), fc.string({ unit: fc.constantFrom(...'abcxyz-.,:/ *\r\n\t'.split('')), maxLength: 64 }));
const originArb = fc.option(fc.oneof(fc.constantFrom(...VALID), mutated, huge, anyString, fc.constantFrom(...VALID).map((v) => `${v}, ${v}`)), { nil: null });
const methodArb = fc.option(fc.oneof(fc.constantFrom('PUT', 'GET', 'DELETE', 'PATCH', 'put', 'TRACE', 'CONNECT', ''), anyString, huge), { nil: null });
const headersArb = fc.option(fc.oneof(
  fc.constantFrom('content-type', 'x-a,x-b', 'authorization', 'X-A , Content-Type', ''),
  fc.uniqueArray(fc.constantFrom('x-a', 'x-b', 'content-type', 'authorization', 'x-mixed', 'ä', 'x a', 'x\r\ny'), { maxLength: 6 }).map((xs) => xs.join(',')),
  anyString, huge,
), { nil: null });

/** RFC 9110 field-value as a header value Node and Fetch accept and a parser keeps intact. */
function validHeaderValue(v: string): boolean {
  if (v !== v.trim()) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (!(c === 0x09 || (c >= 0x20 && c <= 0x7e))) return false;
  }
  return true;
}
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

test(`fuzz: malformed request headers never throw, never emit invalid values, never reflect unvalidated input (${RUNS} runs)`, () => {
  let reflected = 0;
  fc.assert(
    fc.property(policyArb, fc.constantFrom('OPTIONS', 'GET', 'POST', 'PUT'), originArb, methodArb, headersArb, (cfg, method, origin, acrm, acrh) => {
      const policy = compilePolicy(cfg);
      const d = policy.decide(method, origin, acrm, acrh);
      for (const [name, value] of d.headers) {
        assert.ok(TOKEN.test(name));
        assert.ok(validHeaderValue(value), `${name}: ${JSON.stringify(value)}`);
        const lower = name.toLowerCase();
        if (lower === 'access-control-allow-origin') {
          assert.ok(value === '*' || value === origin, 'ACAO is * or the request origin');
          if (value !== '*') {
            reflected++;
            assert.ok(policy.allowsOrigin(value));
            assert.ok(value === 'null' || isSerializedOrigin(value), `reflected origin is a serialized origin: ${value}`);
          }
        }
        if (lower === 'access-control-allow-methods' && d.refusal === null) assert.ok(value === acrm && TOKEN.test(value));
        if (lower === 'access-control-allow-headers' && d.refusal === null) {
          for (const el of value.split(',')) assert.ok(el.trim() === '' || TOKEN.test(el.trim()), `ACAH element ${JSON.stringify(el)}`);
          assert.ok(acrh !== null && acrh.includes(value), 'ACAH answers the ACRH asked');
        }
      }
      if (d.refusal !== null) assert.ok(!/[\r\n]/.test(d.refusal.message), 'log line is one line');
      // The same request through the node:http adapter on a real ServerResponse (setHeader validates values).
      const req = new IncomingMessage(new Socket());
      req.method = method;
      req.headers = {};
      if (origin !== null) req.headers.origin = origin;
      if (acrm !== null) req.headers['access-control-request-method'] = acrm;
      if (acrh !== null) req.headers['access-control-request-headers'] = acrh;
      const res = new ServerResponse(req);
      nodeCors(policy, { log: () => undefined })(req, res);
      for (const [, v] of writtenHead(res).headers) assert.ok(validHeaderValue(v));
      return true;
    }),
    { numRuns: RUNS, seed: 7 },
  );
  assert.ok(reflected > RUNS / 100, `some origins were reflected (${reflected})`);
});

test('fuzz: the fetch adapter with byte strings the Headers API accepts', async () => {
  await fc.assert(
    fc.asyncProperty(policyArb, originArb, methodArb, headersArb, async (cfg, origin, acrm, acrh) => {
      const h = new Headers();
      try {
        if (origin !== null) h.set('origin', origin);
        if (acrm !== null) h.set('access-control-request-method', acrm);
        if (acrh !== null) h.set('access-control-request-headers', acrh);
      } catch {
        return true; // not representable as a Fetch header value: a runtime never hands it to us
      }
      const cors = fetchCors(cfg, { log: () => undefined });
      const res = await cors.wrap(() => new Response('ok'))(new Request('https://api.test/', { method: 'OPTIONS', headers: h }));
      res.headers.forEach((v) => assert.ok(validHeaderValue(v)));
      return true;
    }),
    { numRuns: Math.ceil(RUNS / 3), seed: 8 },
  );
});

test('malicious ACRH: 10,000 commas and 1 MB values are refused by the length cap', () => {
  const p = compilePolicy({ origins: ['https://a.test'], requestHeaders: ['x-a'] });
  for (const v of [','.repeat(10000), 'x-a,'.repeat(250000), ', '.repeat(5000)]) {
    const d = p.decide('OPTIONS', 'https://a.test', 'GET', v);
    assert.equal(d.status, 403);
    assert.equal(d.refusal?.reason, 'malformed');
  }
  // Within the caps, empty elements are tolerated (proxies join repeated lines with ", ").
  assert.equal(p.decide('OPTIONS', 'https://a.test', 'GET', 'x-a, , x-a').status, 204);
});
