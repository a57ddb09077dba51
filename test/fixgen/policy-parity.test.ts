// `corsight fix` / renderPolicy accept exactly the policies compilePolicy accepts, and refuse the
// others with the compiler's problems and message: a table of every problem code, valid policies
// using every option, the CLI's stderr, and a property over generated configs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cli, tempDir } from '../support/check-helpers.js';
import { FixgenError, renderPolicy, STACKS } from '../../src/fixgen/index.js';
import { compilePolicy, formatProblem, PolicyError, type PolicyConfig } from '../../src/policy/index.js';

const { file } = tempDir('corsight-parity-');
let n = 0;
const policyFile = (policy: unknown): string => file(`p${n++}.json`, JSON.stringify(policy));

/** compilePolicy's verdict: null when it accepts, else its error. */
function compiled(config: unknown): PolicyError | null {
  try {
    compilePolicy(config as PolicyConfig);
    return null;
  } catch (e) {
    if (e instanceof PolicyError) return e;
    throw e;
  }
}
function rendered(config: unknown, stack: string): FixgenError | null {
  try {
    renderPolicy(config, stack);
    return null;
  } catch (e) {
    if (e instanceof FixgenError) return e;
    throw e;
  }
}

const A = 'https://app.example.com';
/** Policies compilePolicy refuses: every problem code, and several problems at once. */
const REJECTED: Record<string, unknown>[] = [
  { origins: [A], allowedHeaders: ['x'] },
  { origins: [A], credentials: 'yes', debug: 1 },
  { origins: [] },
  { methods: ['PUT'] },
  { origins: ['app.example.com'] },
  { origins: ['https://App.example.com:443/'] },
  { origins: ['null'] },
  { origins: ['*', A] },
  { origins: ['*'], credentials: true },
  { origins: ['https://*.github.io', 'https://*.co.uk'] },
  { origins: ['http://app.example.com'], credentials: true },
  { origins: [A], methods: ['P UT', 'CONNECT', 'delete'] },
  { origins: [A], requestHeaders: ['x y', 'cookie', 'sec-fetch-mode'] },
  { origins: [A], exposeHeaders: ['set-cookie', 'a b'] },
  { origins: [A], credentials: true, exposeHeaders: ['*'] },
  { origins: [A], maxAge: 86401 },
  { origins: [A], maxAge: -1.5 },
  { origins: ['https://a*.example.com', 'https://*.127.0.0.1', 'chrome-extension://*.x'] },
  { origins: ['https://Example.com', 'null', 42], maxAge: '600', methods: 'PUT', dangerouslyAllowNullOrigin: 'yes' },
];

/** Policies compilePolicy accepts, using every option and origin shape. */
const ACCEPTED: Record<string, unknown>[] = [
  { origins: [A] },
  { origins: ['*'], methods: ['*'], requestHeaders: ['*'], exposeHeaders: ['*'] },
  { origins: ['*'], credentials: true, dangerouslyAllowAnyOriginWithCredentials: true },
  { origins: [A, 'null'], dangerouslyAllowNullOrigin: true, credentials: true },
  { origins: ['https://*.github.io'], dangerouslyAllowPublicSuffixWildcards: true },
  { origins: ['http://app.example.com', 'http://localhost:*', 'http://127.0.0.1:8080', 'http://[::1]:3000'], credentials: true, dangerouslyAllowInsecureOrigins: true },
  { origins: ['https://*.example.com:8443', 'http://*.localhost:*', 'chrome-extension://abcdefgh'], methods: ['OPTIONS', 'patch', 'PURGE'] },
  { origins: [A, A], methods: ['PUT', 'PUT'], requestHeaders: ['X-Api-Key', 'x-api-key'], exposeHeaders: ['ETag', 'etag'], maxAge: 0, debug: true },
  { origins: [A], credentials: false, methods: [], requestHeaders: [], exposeHeaders: [], maxAge: 86400 },
];

for (const config of REJECTED) {
  test(`refused like compilePolicy: ${JSON.stringify(config)}`, async () => {
    const want = compiled(config);
    assert.ok(want !== null, 'compilePolicy accepts it: not a rejection case');
    for (const s of STACKS) {
      const got = rendered(config, s.id);
      assert.ok(got !== null, `${s.id} accepted it`);
      assert.deepEqual(got.problems, want.problems, s.id);
      assert.equal(got.message, want.message, s.id);
    }
    // The CLI: every problem, one line each, exactly the compiler's lines; exit 2, nothing on stdout.
    const r = await cli(['fix', '--stack', 'nginx', '--policy', policyFile(config)]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.deepEqual(r.err.trimEnd().split('\n'), want.problems.map(formatProblem));
  });
}

for (const config of ACCEPTED) {
  test(`accepted like compilePolicy: ${JSON.stringify(config)}`, async () => {
    assert.equal(compiled(config), null);
    for (const s of STACKS) {
      const fix = renderPolicy(config, s.id);
      // The config it reports compiles to the same policy (round trip through the compiler).
      assert.deepEqual(compilePolicy(fix.policy).toJSON().origins, compilePolicy(config as unknown as PolicyConfig).toJSON().origins, s.id);
      assert.ok(!fix.files.some((f) => /undefined|\[object Object\]|NaN/.test(f.content)), s.id);
    }
    const r = await cli(['fix', '--stack', 'corsight-express', '--policy', policyFile(config), '--json']);
    assert.equal(r.code, 0, r.err);
  });
}

test('property: for generated configs, renderPolicy refuses exactly when compilePolicy does, with the same problems', () => {
  // Mostly valid values (so that many configs compile), with every kind of mistake mixed in.
  const some = <T>(valid: T[], invalid: T[]) => fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 6 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
  const origin = some([A, 'https://*.example.com', 'http://localhost:*', 'chrome-extension://abc', 'http://[::1]:8080', 'null', 'https://*.github.io', 'http://app.example.com'],
    ['https://App.example.com', 'https://a.example/', 'app.example.com', 'https://*.com', '*']);
  const origins = fc.oneof({ arbitrary: fc.constant(['*']), weight: 5 }, { arbitrary: fc.array(origin, { minLength: 1, maxLength: 3 }), weight: 20 }, { arbitrary: fc.constant([]), weight: 1 });
  const method = some(['*', 'PUT', 'patch', 'OPTIONS', 'GET', 'PURGE'], ['put', 'TRACE', 'P UT']);
  const header = some(['*', 'content-type', 'Authorization', 'X-Request-Id', 'etag'], ['cookie', 'x y', 'set-cookie']);
  const flag = fc.option(some([true, false], ['yes' as unknown as boolean]), { nil: undefined, freq: 1 });
  const config = fc.record({
    origins: fc.option(origins, { nil: undefined, freq: 20 }),
    credentials: flag, debug: flag,
    methods: fc.option(fc.array(method, { maxLength: 3 }), { nil: undefined }),
    requestHeaders: fc.option(fc.array(header, { maxLength: 3 }), { nil: undefined }),
    exposeHeaders: fc.option(fc.array(header, { maxLength: 3 }), { nil: undefined }),
    maxAge: fc.option(some([0, 600, 86400], [86401, -1, 1.5]), { nil: undefined }),
    dangerouslyAllowAnyOriginWithCredentials: flag, dangerouslyAllowInsecureOrigins: flag,
    dangerouslyAllowPublicSuffixWildcards: flag, dangerouslyAllowNullOrigin: flag,
  }, { requiredKeys: [] });
  const stack = fc.constantFrom(...STACKS.map((s) => s.id));
  let accepted = 0;
  fc.assert(fc.property(config, stack, (c, s) => {
    const want = compiled(c);
    const got = rendered(c, s);
    if (want === null) accepted++;
    assert.equal(got === null, want === null, JSON.stringify(c));
    if (want !== null) assert.deepEqual(got!.problems, want.problems);
  }), { numRuns: 600, seed: 20261124 });
  assert.ok(accepted > 60, `only ${accepted} of 600 generated configs were valid: the property tests little`);
});
