/**
 * Presets: each failure of the seed article (the same cases the demo API serves), then the
 * bundled `examples/*.json`. Each seed case names the failure it demonstrates in Chromium
 * (`shows`), which `test/playground-presets.test.ts` checks, so a preset cannot silently stop
 * showing what its title promises.
 */
import type { FailureCode, Scenario } from '../../src/engine/index.js';

export interface Preset {
  id: string;
  title: string;
  group: 'The classic mistakes' | 'Examples';
  scenario: Scenario;
  /** The failure code Chromium reports for this preset (null: allowed). */
  shows?: FailureCode | null;
}

const PAGE = 'http://localhost:3000/app';
const API = 'http://localhost:8080';
const ORIGIN = 'http://localhost:3000';

const SEED: Preset[] = [
  {
    id: 'no-acao',
    title: 'No Access-Control-Allow-Origin',
    group: 'The classic mistakes',
    shows: 'MISSING_ALLOW_ORIGIN_HEADER',
    scenario: {
      name: 'no-acao',
      description: 'The API answers 200 with JSON but sends no Access-Control-Allow-Origin, so the browser hides the response from the page.',
      page: PAGE,
      request: { api: 'fetch', url: `${API}/api/products`, method: 'GET' },
      server: [{ url: `${API}/api/products`, status: 200, headers: [['Content-Type', 'application/json']] }],
    },
  },
  {
    id: 'options-404',
    title: 'OPTIONS answered 404 (no preflight route)',
    group: 'The classic mistakes',
    shows: 'PREFLIGHT_MISSING_ALLOW_ORIGIN_HEADER',
    scenario: {
      name: 'options-404',
      description: 'A JSON PUT needs a preflight, but the server only has a PUT route: the OPTIONS request gets a plain 404, so the PUT is never sent.',
      page: PAGE,
      request: { api: 'fetch', url: `${API}/api/orders/7`, method: 'PUT', headers: [['Content-Type', 'application/json']], body: '{"quantity":3}' },
      server: [
        { method: 'OPTIONS', url: `${API}/api/orders/7`, status: 404, headers: [['Content-Type', 'text/html']] },
        { method: 'PUT', url: `${API}/api/orders/7`, status: 200, headers: [['Access-Control-Allow-Origin', ORIGIN], ['Content-Type', 'application/json']] },
      ],
    },
  },
  {
    id: 'authorization-not-allowed',
    title: 'Authorization not in Access-Control-Allow-Headers',
    group: 'The classic mistakes',
    shows: 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE',
    scenario: {
      name: 'authorization-not-allowed',
      description: 'The page sends a bearer token; the preflight allows only Content-Type, so the browser refuses to send Authorization.',
      page: PAGE,
      request: { api: 'fetch', url: `${API}/api/profile`, method: 'GET', headers: [['Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig']] },
      server: [
        {
          method: 'OPTIONS', url: `${API}/api/profile`, status: 204,
          headers: [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'GET, POST'], ['Access-Control-Allow-Headers', 'Content-Type']],
        },
        { method: 'GET', url: `${API}/api/profile`, status: 200, headers: [['Access-Control-Allow-Origin', ORIGIN], ['Content-Type', 'application/json']] },
      ],
    },
  },
  {
    id: 'delete-not-allowed',
    title: 'DELETE not in Access-Control-Allow-Methods',
    group: 'The classic mistakes',
    shows: 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE',
    scenario: {
      name: 'delete-not-allowed',
      description: 'DELETE is not a CORS-safelisted method: it is preflighted, and the preflight lists only GET, POST and PUT.',
      page: PAGE,
      request: { api: 'fetch', url: `${API}/api/orders/7`, method: 'DELETE' },
      server: [
        {
          method: 'OPTIONS', url: `${API}/api/orders/7`, status: 204,
          headers: [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'GET, POST, PUT']],
        },
        { method: 'DELETE', url: `${API}/api/orders/7`, status: 204, headers: [['Access-Control-Allow-Origin', ORIGIN]] },
      ],
    },
  },
  {
    id: 'wildcard-with-credentials',
    title: '* with credentials',
    group: 'The classic mistakes',
    shows: 'WILDCARD_ORIGIN_NOT_ALLOWED',
    scenario: {
      name: 'wildcard-with-credentials',
      description: 'The page sends its session cookie (credentials: "include"); the API answers Access-Control-Allow-Origin: *, which is never allowed with credentials.',
      page: PAGE,
      request: { api: 'fetch', url: `${API}/api/me`, method: 'GET', credentials: 'include' },
      server: [{
        url: `${API}/api/me`, status: 200,
        headers: [['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true'], ['Content-Type', 'application/json']],
      }],
    },
  },
  {
    id: 'www-mismatch',
    title: 'www mismatch',
    group: 'The classic mistakes',
    shows: 'ALLOW_ORIGIN_MISMATCH',
    scenario: {
      name: 'www-mismatch',
      description: 'The site is served from www.example.com but the API allows https://example.com: origins are compared byte for byte, so www matters.',
      page: 'https://www.example.com/shop',
      request: { api: 'fetch', url: 'https://api.example.com/cart', method: 'GET' },
      server: [{
        url: 'https://api.example.com/cart', status: 200,
        headers: [['Access-Control-Allow-Origin', 'https://example.com'], ['Vary', 'Origin'], ['Content-Type', 'application/json']],
      }],
    },
  },
  {
    id: 'error-without-cors',
    title: 'CORS headers missing on an error response',
    group: 'The classic mistakes',
    shows: 'MISSING_ALLOW_ORIGIN_HEADER',
    scenario: {
      name: 'error-without-cors',
      description: 'The preflight passes, but the POST fails with a 500 from an error handler that runs outside the CORS middleware: the browser reports a CORS error and the page never sees the 500.',
      page: PAGE,
      request: { api: 'fetch', url: `${API}/api/checkout`, method: 'POST', headers: [['Content-Type', 'application/json']], body: '{"cart":12}' },
      server: [
        {
          method: 'OPTIONS', url: `${API}/api/checkout`, status: 204,
          headers: [['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Methods', 'POST'], ['Access-Control-Allow-Headers', 'Content-Type']],
        },
        { method: 'POST', url: `${API}/api/checkout`, status: 500, headers: [['Content-Type', 'text/html']] },
      ],
    },
  },
  {
    id: 'redirect-other-host',
    title: 'Redirect to another host',
    group: 'The classic mistakes',
    shows: 'MISSING_ALLOW_ORIGIN_HEADER',
    scenario: {
      name: 'redirect-other-host',
      description: 'The session expired and the API redirects to a login page on another host, which sends no CORS headers (and after the cross-origin hop the browser sends Origin: null).',
      page: PAGE,
      request: { api: 'fetch', url: `${API}/api/invoices`, method: 'GET', credentials: 'include' },
      server: [
        {
          url: `${API}/api/invoices`, status: 302,
          headers: [['Location', 'http://login.localhost:9000/signin?next=/api/invoices'], ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Credentials', 'true']],
        },
        { url: 'http://login.localhost:9000/signin?next=/api/invoices', status: 200, headers: [['Content-Type', 'text/html']] },
      ],
    },
  },
  {
    id: 'correct',
    title: 'A correct configuration',
    group: 'The classic mistakes',
    shows: null,
    scenario: {
      name: 'correct',
      description: 'A credentialed JSON PUT with a bearer token: the preflight names the origin, allows credentials, the method and both headers, and the PUT answer repeats the origin and credentials.',
      page: PAGE,
      request: {
        api: 'fetch', url: `${API}/api/orders/7`, method: 'PUT', credentials: 'include',
        headers: [['Content-Type', 'application/json'], ['Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig']],
        body: '{"quantity":3}',
      },
      server: [
        {
          method: 'OPTIONS', url: `${API}/api/orders/7`, status: 204,
          headers: [
            ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Credentials', 'true'],
            ['Access-Control-Allow-Methods', 'GET, PUT, DELETE'], ['Access-Control-Allow-Headers', 'Content-Type, Authorization'],
            ['Access-Control-Max-Age', '600'], ['Vary', 'Origin'],
          ],
        },
        {
          method: 'PUT', url: `${API}/api/orders/7`, status: 200,
          headers: [
            ['Access-Control-Allow-Origin', ORIGIN], ['Access-Control-Allow-Credentials', 'true'],
            ['Access-Control-Expose-Headers', 'X-Request-Id'], ['X-Request-Id', 'req-7f3a'], ['Vary', 'Origin'], ['Content-Type', 'application/json'],
          ],
        },
      ],
    },
  },
];

/** Title from an example's name: `get-missing-allow-origin` → `Get missing allow origin`. */
function titleOf(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Builds example presets from `examples/*.json` contents (file name → scenario), sorted by file name. */
export function examplePresets(files: Readonly<Record<string, Scenario>>): Preset[] {
  return Object.keys(files).sort().map((file) => {
    const scenario = files[file]!;
    const base = file.replace(/^.*\//, '').replace(/\.json$/, '');
    return { id: `example-${base}`, title: titleOf(scenario.name ?? base.replace(/^\d+-/, '')), group: 'Examples' as const, scenario };
  });
}

export const SEED_PRESETS: readonly Preset[] = SEED;
