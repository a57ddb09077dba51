// `corsight check` against plain node:http servers on loopback: what reaches the server (exactly
// the browser's requests), verdicts, findings, exit codes, network errors.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { checkJson, cli, codes, findingCodes, freePort, startServer, type TestServer } from '../support/check-helpers.js';

const ORIGIN = 'http://localhost:3000';
let srv: TestServer;
let other: TestServer;
let endlessClosed = 0;

function send(res: http.ServerResponse, status: number, headers: [string, string][] = []): void {
  res.writeHead(status, headers.flat() as unknown as http.OutgoingHttpHeaders);
  res.end(status === 204 ? undefined : 'body that is never downloaded'.repeat(1000));
}

before(async () => {
  other = await startServer((req, res) => {
    if (req.url === '/login') return send(res, 200, [['Content-Type', 'text/html']]);
    if (req.url === '/put-target') {
      const o = req.headers.origin ?? '';
      if (req.method === 'OPTIONS') return send(res, 204, [['Access-Control-Allow-Origin', o], ['Access-Control-Allow-Methods', 'PUT'], ['Vary', 'Origin']]);
      return send(res, 200, [['Access-Control-Allow-Origin', o], ['Vary', 'Origin']]);
    }
    // Allows only the tainted origin after a redirect.
    return send(res, 200, [['Access-Control-Allow-Origin', req.headers.origin === 'null' ? 'null' : 'http://nope.test']]);
  });
  srv = await startServer((req, res) => {
    const o = req.headers.origin ?? '';
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    switch (path) {
      case '/ok':
        if (req.method === 'OPTIONS') {
          return send(res, 204, [['Access-Control-Allow-Origin', o], ['Access-Control-Allow-Methods', 'PUT'], ['Access-Control-Allow-Headers', 'content-type, x-zeta, x-alpha'], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']]);
        }
        return send(res, 200, [['Access-Control-Allow-Origin', o], ['Access-Control-Allow-Credentials', 'true'], ['Vary', 'Origin']]);
      case '/no-acao': return send(res, 200);
      case '/two-acao': return send(res, 200, [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Origin', ORIGIN]]);
      case '/reflect-no-vary': return send(res, 200, [['Access-Control-Allow-Origin', o]]);
      case '/options-405':
        if (req.method === 'OPTIONS') return send(res, 405, [['Allow', 'GET, DELETE']]);
        return send(res, 200, [['Access-Control-Allow-Origin', o]]);
      case '/redirect-other':
        return send(res, 302, [['Access-Control-Allow-Origin', '*'], ['Location', `${other.url}/data`]]);
      case '/redirect-put':
        if (req.method === 'OPTIONS') return send(res, 204, [['Access-Control-Allow-Origin', o], ['Access-Control-Allow-Methods', 'PUT']]);
        return send(res, 307, [['Access-Control-Allow-Origin', o], ['Location', `${other.url}/put-target`]]);
      case '/redirect-login':
        return send(res, 302, [['Location', `${other.url}/login?next=/api`]]);
      case '/redirect-loop':
        return send(res, 302, [['Access-Control-Allow-Origin', '*'], ['Location', '/redirect-loop']]);
      case '/auth-star':
        if (req.method === 'OPTIONS') return send(res, 204, [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Headers', '*']]);
        return send(res, 200, [['Access-Control-Allow-Origin', '*']]);
      case '/endless': {
        // A body that never ends: the probe must not wait for it.
        res.writeHead(200, { 'Access-Control-Allow-Origin': '*' });
        const chunk = Buffer.alloc(64 * 1024, 120);
        const timer = setInterval(() => res.write(chunk), 5);
        res.on('close', () => { clearInterval(timer); endlessClosed += 1; });
        return;
      }
      case '/case-sensitive':
        // A router that matches methods case-sensitively (as Go's net/http and many others do).
        if (req.method === 'OPTIONS') return send(res, 204, [['Access-Control-Allow-Origin', o], ['Access-Control-Allow-Methods', 'PATCH']]);
        if (req.method === 'PATCH') return send(res, 200, [['Access-Control-Allow-Origin', o]]);
        return send(res, 405, [['Allow', 'PATCH']]);
      case '/hang':
        return; // never answers
      default: return send(res, 404);
    }
  });
});
after(async () => {
  await srv.close();
  await other.close();
});

const sentTo = (path: string) => srv.seen.filter((s) => s.url.startsWith(path));
const hv = (h: [string, string][], n: string) => h.find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1];

test('preflighted PUT: exactly the browser\'s OPTIONS then the PUT reach the server, allowed everywhere (exit 0)', async () => {
  const { code, doc } = await checkJson([`${srv.url}/ok`, '--origin', ORIGIN, '-X', 'PUT', '-H', 'X-Zeta: 1', '-H', 'Content-Type: application/json', '-H', 'X-Alpha: 2', '--data', '{}', '--credentials', 'include']);
  assert.equal(code, 0);
  assert.deepEqual(codes(doc), { chromium: null, firefox: null, webkit: null });
  const seen = sentTo('/ok');
  // One shared OPTIONS and one shared PUT (the browsers send identical CORS-relevant requests), then the reflection test.
  assert.deepEqual(seen.map((s) => s.method), ['OPTIONS', 'PUT', 'OPTIONS']);
  const [pre, put, reflect] = seen as [typeof seen[0], typeof seen[0], typeof seen[0]];
  assert.equal(hv(pre.rawHeaders, 'Access-Control-Request-Method'), 'PUT');
  assert.equal(hv(pre.rawHeaders, 'Access-Control-Request-Headers'), 'content-type,x-alpha,x-zeta');
  assert.equal(hv(pre.rawHeaders, 'Origin'), ORIGIN);
  assert.equal(hv(pre.rawHeaders, 'Sec-Fetch-Mode'), 'cors');
  assert.equal(hv(pre.rawHeaders, 'Sec-Fetch-Site'), 'cross-site');
  assert.equal(hv(pre.rawHeaders, 'Sec-Fetch-Dest'), 'empty');
  assert.equal(hv(pre.rawHeaders, 'Cookie'), undefined);
  assert.equal(hv(pre.rawHeaders, 'X-Zeta'), undefined);
  assert.equal(hv(put.rawHeaders, 'X-Zeta'), '1');
  assert.equal(hv(put.rawHeaders, 'Content-Length'), '2');
  assert.equal(hv(put.rawHeaders, 'Origin'), ORIGIN);
  assert.equal(hv(reflect.rawHeaders, 'Origin'), 'https://corsight-reflection-probe.example');
  // The test server echoes any Origin (with credentials): allowed, but warned.
  assert.deepEqual(findingCodes(doc), ['REFLECTS_ANY_ORIGIN']);
  assert.match(doc.findings[0]!.title, /every site can read your users' data/);
});

test('no ACAO: blocked (exit 1) with the engine\'s code and exact console line', async () => {
  const { code, doc } = await checkJson([`${srv.url}/no-acao`, '--origin', ORIGIN, '--browser', 'chromium']);
  assert.equal(code, 1);
  assert.deepEqual(codes(doc), { chromium: 'MISSING_ALLOW_ORIGIN_HEADER' });
  assert.deepEqual(doc.browsers['chromium']!.runs[0]!.console, [
    `Access to fetch at '${srv.url}/no-acao' from origin '${ORIGIN}' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
  ]);
});

test('two ACAO headers: the browsers\' own codes, and the proxy+app finding', async () => {
  const { code, doc } = await checkJson([`${srv.url}/two-acao`, '--origin', ORIGIN]);
  assert.equal(code, 1);
  assert.equal(codes(doc)['chromium'], 'MULTIPLE_ALLOW_ORIGIN_VALUES');
  assert.ok(findingCodes(doc).includes('MULTIPLE_ALLOW_ORIGIN'));
});

test('reflected origin without Vary: allowed, but warned (cache poisoning, any origin)', async () => {
  const { code, doc } = await checkJson([`${srv.url}/reflect-no-vary`, '--origin', ORIGIN]);
  assert.equal(code, 0);
  assert.deepEqual(findingCodes(doc), ['REFLECTED_ORIGIN_WITHOUT_VARY', 'REFLECTS_ANY_ORIGIN']);
});

test('OPTIONS 405: preflight failure, the DELETE is probed anyway and said so', async () => {
  const before = sentTo('/options-405').length;
  const { code, doc } = await checkJson([`${srv.url}/options-405`, '--origin', ORIGIN, '-X', 'DELETE']);
  assert.equal(code, 1);
  assert.deepEqual(findingCodes(doc), ['PREFLIGHT_NOT_HANDLED']);
  assert.ok(doc.unsent !== null);
  assert.equal(doc.exchanges[doc.unsent]!.request.method, 'DELETE');
  assert.equal(doc.exchanges[doc.unsent]!.unsent, true);
  assert.deepEqual(sentTo('/options-405').slice(before).map((s) => s.method), ['OPTIONS', 'DELETE']);
  const human = await cli(['check', `${srv.url}/options-405`, '--origin', ORIGIN, '-X', 'DELETE']);
  assert.match(human.out, /no browser sends the DELETE after this preflight; corsight sent it anyway/);
});

test('redirect to another origin: the next hop carries Origin: null, as the browser sends it', async () => {
  const { code, doc } = await checkJson([`${srv.url}/redirect-other`, '--origin', ORIGIN]);
  assert.equal(code, 0, 'the other host allows null');
  const hop = other.seen.filter((s) => s.url === '/data').at(-1)!;
  assert.equal(hv(hop.rawHeaders, 'Origin'), 'null');
  assert.ok(findingCodes(doc).includes('REDIRECT_CROSS_ORIGIN'));
});

test('preflighted PUT redirected cross-origin: a new preflight, Origin null (Chromium, WebKit) or the page origin (Firefox)', async () => {
  const before = other.seen.length;
  const { code, doc } = await checkJson([`${srv.url}/redirect-put`, '--origin', ORIGIN, '-X', 'PUT']);
  assert.equal(code, 0);
  const hops = other.seen.slice(before).filter((s) => s.url === '/put-target').map((s) => `${s.method} ${hv(s.rawHeaders, 'Origin')}`);
  // Chromium's and WebKit's hops differ only in Sec-Fetch-* (WebKit drops them after a redirect), so each goes out.
  assert.deepEqual(hops.sort(), ['OPTIONS http://localhost:3000', 'OPTIONS null', 'OPTIONS null', 'PUT null', 'PUT null']);
  const webkitHop = other.seen.slice(before).filter((s) => s.url === '/put-target' && /AppleWebKit\/605/.test(hv(s.rawHeaders, 'User-Agent') ?? ''));
  assert.equal(webkitHop.length, 2);
  assert.ok(webkitHop.every((s) => hv(s.rawHeaders, 'Sec-Fetch-Mode') === undefined));
  const firefoxSent = doc.browsers['firefox']!.runs[0]!.sent.map((s) => `${s.method} ${s.headers.find(([n]) => n === 'Origin')?.[1]}`);
  assert.deepEqual(firefoxSent, ['OPTIONS http://localhost:3000', 'PUT http://localhost:3000', 'OPTIONS http://localhost:3000', 'PUT null']);
});

test('redirect to a login page: blocked at the redirect, named', async () => {
  const { code, doc } = await checkJson([`${srv.url}/redirect-login`, '--origin', ORIGIN, '--credentials', 'include']);
  assert.equal(code, 1);
  assert.ok(findingCodes(doc).includes('REDIRECT_TO_LOGIN'));
});

test('redirect loop: the engine stops after 20 redirects, so does the probe', async () => {
  const before = sentTo('/redirect-loop').length;
  const { code, doc } = await checkJson([`${srv.url}/redirect-loop`, '--origin', ORIGIN, '--browser', 'chromium']);
  assert.equal(code, 1);
  assert.equal(codes(doc)['chromium'], 'TOO_MANY_REDIRECTS');
  // Same URL every hop: one wire request answers them all (a scenario route per method+URL).
  assert.ok(sentTo('/redirect-loop').length - before <= 21);
});

test('Authorization covered only by *: allowed in browsers, warned; blocked in the spec profile', async () => {
  const { code, doc } = await checkJson([`${srv.url}/auth-star`, '--origin', ORIGIN, '-H', 'Authorization: Bearer x']);
  assert.equal(code, 0);
  assert.deepEqual(findingCodes(doc), ['AUTHORIZATION_ONLY_BY_WILDCARD']);
  const spec = await checkJson([`${srv.url}/auth-star`, '--origin', ORIGIN, '-H', 'Authorization: Bearer x', '--browser', 'spec']);
  assert.equal(spec.code, 1);
});

test('bodies are not downloaded: an endless body does not hold the probe', async () => {
  const { code, doc } = await checkJson([`${srv.url}/endless`, '--origin', ORIGIN, '--timeout', '5s']);
  assert.equal(code, 0);
  // Every request to /endless was closed by the probe once the headers were in.
  const sent = doc.exchanges.length;
  const until = Date.now() + 2000;
  while (endlessClosed < sent && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  assert.equal(endlessClosed, sent);
});

test('--json: the simulate --json per-browser shape, plus findings and exchanges', async () => {
  const { doc } = await checkJson([`${srv.url}/no-acao`, '--origin', ORIGIN]);
  assert.deepEqual(Object.keys(doc).sort(), ['browsers', 'exchanges', 'findings', 'name', 'page', 'reflection', 'request', 'unsent']);
  const run = doc.browsers['firefox']!.runs[0]! as unknown as Record<string, unknown>;
  assert.deepEqual(Object.keys(run).sort(), ['cause', 'code', 'console', 'exposedHeaders', 'fix', 'jsError', 'outcome', 'preflightCached', 'sent', 'status', 'type']);
  assert.deepEqual((doc.exchanges[0] as unknown as { browsers: string[] }).browsers, ['chromium', 'firefox', 'webkit']);
});

test('a lower-case method goes on the wire as the browser sends it (`patch`, not `PATCH`)', async () => {
  // node:http servers reject `patch` (400 from the parser), so a raw server records the request lines.
  const lines: string[] = [];
  const raw = net.createServer((sock) => {
    let buf = '';
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      if (!buf.includes('\r\n\r\n')) return;
      const [line, ...rest] = buf.split('\r\n');
      lines.push(`${line} ${rest.find((l) => l.startsWith('Access-Control-Request-Method:')) ?? ''}`.trim());
      const method = line!.split(' ')[0];
      const status = method === 'OPTIONS' ? '204 No Content' : method === 'PATCH' ? '200 OK' : '405 Method Not Allowed';
      sock.end(`HTTP/1.1 ${status}\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: PATCH\r\nContent-Length: 0\r\n\r\n`);
    });
  });
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(raw.address() as net.AddressInfo).port}/items`;
  try {
    const { code, doc } = await checkJson([url, '--origin', ORIGIN, '-X', 'patch', '--browser', 'chromium']);
    assert.deepEqual(lines, ['OPTIONS /items HTTP/1.1 Access-Control-Request-Method: patch', 'patch /items HTTP/1.1']);
    assert.equal(code, 1, 'ACAM `PATCH` does not match `patch` (byte-case-sensitive)');
    assert.equal(codes(doc)['chromium'], 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE');
    assert.equal(doc.exchanges[1]!.response!.status, 405, 'the server\'s real answer to `patch`');
  } finally {
    raw.close();
  }
});

test('--api xhr: the XHR console lines', async () => {
  const { doc } = await checkJson([`${srv.url}/no-acao`, '--origin', ORIGIN, '--api', 'xhr', '--browser', 'chromium']);
  assert.match(doc.browsers['chromium']!.runs[0]!.console[0]!, /^Access to XMLHttpRequest at/);
});

test('--verbose prints the raw exchanges curl-style', async () => {
  const r = await cli(['check', `${srv.url}/ok`, '--origin', ORIGIN, '-X', 'PUT', '--verbose']);
  assert.match(r.out, /^> OPTIONS \/ok HTTP\/1\.1$/m);
  assert.match(r.out, /^> Access-Control-Request-Method: PUT$/m);
  assert.match(r.out, /^< HTTP\/1\.1 204 No Content$/m);
});

test('network errors are not CORS errors: one line, exit 2', async () => {
  const dead = await freePort();
  const refused = await cli(['check', `http://127.0.0.1:${dead}/x`, '--origin', ORIGIN]);
  assert.equal(refused.code, 2);
  assert.equal(refused.out, '');
  assert.match(refused.err, /^corsight: network error, not a CORS error: connection refused by 127\.0\.0\.1:\d+/);
  assert.equal(refused.err.trim().split('\n').length, 1);

  const timeout = await cli(['check', `${srv.url}/hang`, '--origin', ORIGIN, '--timeout', '300ms']);
  assert.equal(timeout.code, 2);
  assert.match(timeout.err, /no answer from 127\.0\.0\.1:\d+ within 300 ms/);

  const tls = await cli(['check', `https://127.0.0.1:${srv.port}/ok`, '--origin', ORIGIN]);
  assert.equal(tls.code, 2);
  assert.match(tls.err, /TLS error with 127\.0\.0\.1:\d+/);
});

test('usage errors: one line, exit 2', async () => {
  const cases: [string[], RegExp][] = [
    [['check'], /needs exactly one URL/],
    [['check', `${srv.url}/ok`], /needs --origin/],
    [['check', 'not a url', '--origin', ORIGIN], /is not an absolute URL/],
    [['check', 'ftp://127.0.0.1/x', '--origin', ORIGIN], /http: and https: URLs only/],
    [['check', `${srv.url}/ok`, '--origin', 'nope'], /is not an origin/],
    [['check', `${srv.url}/ok`, '--origin', ORIGIN, '-H', 'NoColon'], /-H needs 'Name: value'/],
    [['check', `${srv.url}/ok`, '--origin', ORIGIN, '--api', 'jquery'], /--api must be fetch or xhr/],
    [['check', `${srv.url}/ok`, '--origin', ORIGIN, '--credentials', 'yes'], /--credentials must be/],
    [['check', `${srv.url}/ok`, '--origin', ORIGIN, '--timeout', 'soon'], /--timeout needs a positive duration/],
    [['check', `${srv.url}/ok`, '--origin', ORIGIN, '-X', 'GE T'], /is not a valid HTTP method/],
  ];
  for (const [argv, re] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, re);
    assert.equal(r.err.trim().split('\n').length, 1);
  }
});
