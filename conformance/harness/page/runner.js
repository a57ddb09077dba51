// corsight in-page runner (plain browser JS, inlined into the page document by the harness).
// The page URL is exactly the scenario's `page`. Jobs come from, and results go to, the harness control endpoint
// `/__corsight/` on the page's own origin (same-origin: these calls never log CORS lines).
// Console markers `__corsight__ begin|end <sid> <run>` bracket the synchronous part of each call
// so that console lines without a URL (e.g. "Refused to set unsafe header") can be attributed.
(() => {
  'use strict';
  const realFetch = window.fetch.bind(window);
  const RealRequest = window.Request;
  const RealHeaders = window.Headers;
  const RealXHR = window.XMLHttpRequest;
  const debug = console.debug.bind(console);
  const now = () => performance.now();
  const RUN_TIMEOUT_MS = 20000;

  // The batch is assigned by the harness when the page asks for its jobs (by page URL); the URL
  // carries nothing extra (no query, no fragment), so console texts quote the page URL as is.
  let batch = '';
  const control = (what, body) =>
    realFetch('/__corsight/' + what + '?batch=' + encodeURIComponent(batch), {
      method: body === undefined ? 'GET' : 'POST',
      cache: 'no-store',
      headers: body === undefined ? undefined : { 'Content-Type': 'text/plain' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  // Semaphore for requests in flight; later runs of repeat scenarios go first.
  function semaphore(limit) {
    let active = 0;
    const waiting = [[], []];
    return {
      acquire(priority) {
        if (active < limit) { active++; return Promise.resolve(); }
        return new Promise((resolve) => waiting[priority ? 0 : 1].push(resolve));
      },
      release() {
        const next = waiting[0].shift() || waiting[1].shift();
        if (next) next(); else active--;
      },
    };
  }

  const sortedKeys = (names) => Array.from(new Set(names.map((n) => n.toLowerCase()))).sort();

  function xhrHeaderNames(raw) {
    const names = [];
    for (const line of (raw || '').split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) names.push(line.slice(0, i).trim());
    }
    return sortedKeys(names);
  }

  function withTimeout(promise) {
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ timedOut: true }), RUN_TIMEOUT_MS);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  // A fresh ReadableStream per call: the Request check and fetch() must not share (and lock) one.
  function oneChunkStream(text) {
    const bytes = new TextEncoder().encode(text);
    return new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  }

  function fetchInit(req, headers) {
    const init = {};
    if (req.method !== undefined) init.method = req.method;
    if (req.headers !== undefined) init.headers = headers;
    if (req.credentials !== undefined) init.credentials = req.credentials;
    if (req.mode !== undefined) init.mode = req.mode;
    if (req.redirect !== undefined) init.redirect = req.redirect;
    if (req.cache !== undefined) init.cache = req.cache;
    if (req.referrerPolicy !== undefined) init.referrerPolicy = req.referrerPolicy;
    if (req.duplex !== undefined) init.duplex = req.duplex;
    if (req.body !== undefined && req.body !== null) init.body = req.bodyStream ? oneChunkStream(req.body) : req.body;
    return init;
  }

  async function runFetch(req, tag) {
    let thrownBy = null;
    let firstError = null;
    let headers = null;
    let pending;
    debug('__corsight__ begin ' + tag);
    try {
      if (req.headers !== undefined) {
        try {
          headers = new RealHeaders();
          for (const [name, value] of req.headers) headers.append(name, value);
        } catch (e) {
          thrownBy = 'Headers.append';
          firstError = String(e);
          headers = req.headers.map((pair) => pair.slice()); // let fetch() report its own error text
        }
      }
      const init = fetchInit(req, headers);
      if (!thrownBy) {
        try { new RealRequest(req.url, fetchInit(req, headers)); } catch (e) { thrownBy = 'new Request'; firstError = String(e); }
      }
      try {
        pending = realFetch(req.url, init);
      } catch (e) {
        pending = Promise.reject(e);
      }
    } finally {
      debug('__corsight__ end ' + tag);
    }
    const settled = await withTimeout(
      pending.then(
        async (res) => {
          const result = {
            status: res.status,
            type: res.type,
            exposedHeaders: sortedKeys(Array.from(res.headers.keys())),
          };
          try { await res.arrayBuffer(); } catch { /* body errors are not part of the verdict */ }
          return { res: result };
        },
        (error) => ({ error: String(error) }),
      ),
    );
    if (settled.timedOut) {
      return { outcome: 'timeout', status: null, type: null, exposedHeaders: [], jsError: null };
    }
    const out = thrownBy
      ? { outcome: 'rejected', status: null, type: null, exposedHeaders: [], jsError: settled.error ?? null, thrownBy }
      : settled.error !== undefined
        ? { outcome: 'blocked', status: null, type: null, exposedHeaders: [], jsError: settled.error }
        : {
            outcome: settled.res.type === 'opaque' || settled.res.type === 'opaqueredirect' ? 'opaque' : 'allowed',
            status: settled.res.status,
            type: settled.res.type,
            exposedHeaders: settled.res.exposedHeaders,
            jsError: null,
          };
    if (thrownBy && firstError !== null && firstError !== out.jsError) out.firstError = firstError;
    if (thrownBy && settled.res) out.inconsistent = 'fetch() resolved although ' + thrownBy + ' threw';
    return out;
  }

  function runXhr(req, tag) {
    let settled = false;
    let done;
    const finished = new Promise((resolve) => { done = resolve; });
    const finish = (value) => { if (!settled) { settled = true; done(value); } };
    const failed = (xhr, event) => ({
      outcome: 'blocked', status: xhr.status, type: null, exposedHeaders: [], jsError: null, event,
    });
    let step = 'new XMLHttpRequest';
    debug('__corsight__ begin ' + tag);
    try {
      const xhr = new RealXHR();
      xhr.onload = () => finish({
        outcome: 'allowed', status: xhr.status, type: null,
        exposedHeaders: xhrHeaderNames(xhr.getAllResponseHeaders()), jsError: null,
      });
      xhr.onerror = () => finish(failed(xhr, 'error'));
      xhr.onabort = () => finish(failed(xhr, 'abort'));
      xhr.ontimeout = () => finish(failed(xhr, 'timeout'));
      step = 'open';
      xhr.open(req.method === undefined ? 'GET' : req.method, req.url, true);
      step = 'withCredentials';
      if (req.credentials === 'include') xhr.withCredentials = true;
      step = 'setRequestHeader';
      for (const [name, value] of req.headers || []) xhr.setRequestHeader(name, value);
      if (req.uploadListeners) xhr.upload.addEventListener('progress', () => {});
      step = 'send';
      xhr.send(req.body === undefined ? null : req.body);
    } catch (e) {
      finish({ outcome: 'rejected', status: null, type: null, exposedHeaders: [], jsError: String(e), thrownBy: step });
    } finally {
      debug('__corsight__ end ' + tag);
    }
    return withTimeout(finished).then((v) => {
      if (v.timedOut) return { outcome: 'timeout', status: null, type: null, exposedHeaders: [], jsError: null };
      if (v.event === 'error') delete v.event;
      return v;
    });
  }

  async function runJob(job, sem) {
    const count = job.repeat ? Math.max(1, job.repeat.count) : 1;
    const interval = job.repeat ? Math.max(0, job.repeat.intervalMs) : 0;
    const runs = [];
    let t0 = null;
    for (let k = 0; k < count; k++) {
      // The harness does the waiting (Node timers are precise; page timers get throttled in
      // background tabs): report the end of run k-1, then wait for its `go` event for run k.
      let asked = 0;
      if (k > 0) {
        const go = goSignal(job.sid, k);
        asked = now();
        await control('ran', { sid: job.sid, run: k - 1, ms: interval });
        await go;
      }
      await sem.acquire(k > 0);
      try {
        const start = now();
        if (t0 === null) t0 = start;
        const tag = job.sid + ' ' + k;
        let result;
        try {
          // Run k >= 1 makes the scenario's `repeat.requests[k - 1]` when given.
          const request = (k > 0 && job.repeat && job.repeat.requests && job.repeat.requests[k - 1]) || job.request;
          result = request.api === 'xhr' ? await runXhr(request, tag) : await runFetch(request, tag);
        } catch (e) {
          result = { outcome: 'harness-error', status: null, type: null, exposedHeaders: [], jsError: String(e) };
        }
        result.startedAtMs = Math.round(start - t0);
        if (k > 0) {
          result.waitMs = Math.round(start - asked);
          result.lateMs = Math.max(0, Math.round(start - asked - interval));
        }
        result.durationMs = Math.round(now() - start);
        runs.push(result);
      } finally {
        sem.release();
      }
    }
    await control('result', { sid: job.sid, runs });
  }

  // `go` signals for repeat runs arrive on one server-sent-event stream per page.
  const goWaiters = new Map();
  let events = null;
  function goSignal(sid, run) {
    return new Promise((resolve) => goWaiters.set(sid + ' ' + run, resolve));
  }
  function listen(url) {
    return new Promise((resolve, reject) => {
      events = new EventSource(url);
      events.onopen = () => resolve();
      events.onerror = () => reject(new Error('corsight: event stream failed'));
      events.onmessage = (e) => {
        const { sid, run } = JSON.parse(e.data);
        const waiter = goWaiters.get(sid + ' ' + run);
        goWaiters.delete(sid + ' ' + run);
        if (waiter) waiter();
      };
    });
  }

  async function main() {
    const res = await control('jobs', { page: location.href });
    const spec = await res.json();
    batch = spec.batch;
    const sem = semaphore(Math.max(1, spec.concurrency));
    if (spec.jobs.some((job) => job.repeat && job.repeat.count > 1)) await listen(spec.events);
    await Promise.all(spec.jobs.map((job) => runJob(job, sem)));
    if (events) events.close();
    // Last thing the page does: once the harness sees this line, every earlier line has arrived
    // and the tab may be navigated to the next batch.
    debug('__corsight__ done ' + batch);
  }

  main().catch((e) => control('fatal', { error: String(e && e.stack ? e.stack : e) }).catch(() => undefined));
})();
