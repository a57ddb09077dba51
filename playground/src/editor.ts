/**
 * The scenario editor: page URL, the request (api, method, URL, headers, credentials, mode,
 * redirect, body, repeats) and the server's routes (preflight answers, answers, redirects). It edits
 * one scenario object in place and calls `changed()` on every edit; adding or removing a row
 * rebuilds the form and puts the focus where the user expects it.
 */
import type { HeaderPair, Route, Scenario } from '../../src/engine/index.js';
import { h, nextId } from './dom.js';

export interface EditorHandle { render(s: Scenario): void }

const REQUEST_HEADER_NAMES = ['Content-Type', 'Authorization', 'Accept', 'Accept-Language', 'Content-Language', 'Range', 'X-Requested-With', 'X-Api-Key', 'Cache-Control'];
const RESPONSE_HEADER_NAMES = [
  'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers', 'Access-Control-Max-Age', 'Location', 'Vary', 'Content-Type', 'Cross-Origin-Resource-Policy',
];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function datalist(id: string, values: readonly string[]): HTMLDataListElement {
  return h('datalist', { id }, values.map((v) => h('option', { value: v })));
}

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || nextId('f');
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ? h('span', { class: 'hint', id: hintId }, hint) : null);
}

function select(value: string, options: readonly string[], onchange: (v: string) => void, testid?: string): HTMLSelectElement {
  const el = h('select', { 'data-testid': testid }, options.map((o) => h('option', { value: o }, o)));
  el.value = value;
  el.addEventListener('change', () => onchange(el.value));
  return el;
}

function input(value: string, oninput: (v: string) => void, attrs: Record<string, string | undefined> = {}): HTMLInputElement {
  const el = h('input', { type: 'text', spellcheck: 'false', autocomplete: 'off', ...attrs });
  el.value = value;
  el.addEventListener('input', () => oninput(el.value));
  return el;
}

/** Mounts the editor into `root`; `changed(structural)` is called after every edit. */
export function mountEditor(root: HTMLElement, changed: () => void): EditorHandle {
  let scenario: Scenario;
  const lists = h('div', { hidden: true }, datalist('dl-methods', METHODS), datalist('dl-req-headers', REQUEST_HEADER_NAMES), datalist('dl-res-headers', RESPONSE_HEADER_NAMES));

  /** Rebuilds the form, then focuses the element matching `focusSelector` (if any). */
  const rebuild = (focusSelector?: string): void => {
    root.replaceChildren(lists, pageSection(), requestSection(), serverSection());
    if (focusSelector) (root.querySelector(focusSelector) as HTMLElement | null)?.focus();
  };
  const edited = (): void => changed();
  const structural = (focusSelector?: string): void => { rebuild(focusSelector); changed(); };

  function headerList(headers: HeaderPair[], scope: string, names: string, onEmpty: () => void): HTMLElement {
    const rows = headers.map((pair, i) => {
      const n = i + 1;
      return h('li', { class: 'header-row' },
        input(pair[0], (v) => { pair[0] = v; edited(); }, { 'aria-label': `${scope} header ${n} name`, list: names, class: 'hname', 'data-testid': `${scope.replace(/\s+/g, '-').toLowerCase()}-hname-${n}` }),
        h('span', { class: 'colon', 'aria-hidden': 'true' }, ':'),
        input(pair[1], (v) => { pair[1] = v; edited(); }, { 'aria-label': `${scope} header ${n} value`, class: 'hvalue', 'data-testid': `${scope.replace(/\s+/g, '-').toLowerCase()}-hvalue-${n}` }),
        h('button', {
          type: 'button', class: 'icon', 'aria-label': `Remove ${scope.toLowerCase()} header ${n} (${pair[0] || 'unnamed'})`, title: 'Remove header',
          onclick: () => { headers.splice(i, 1); if (headers.length === 0) onEmpty(); structural(`[data-add="${scope}"]`); },
        }, '×'),
      );
    });
    return h('div', { class: 'headers' },
      rows.length ? h('ul', { class: 'header-list', 'aria-label': `${scope} headers` }, rows) : h('p', { class: 'empty' }, 'No headers.'),
      h('button', {
        type: 'button', class: 'add', 'data-add': scope,
        onclick: () => { headers.push(['', '']); structural(`[aria-label="${scope} header ${headers.length} name"]`); },
      }, `+ Add ${scope.toLowerCase()} header`),
    );
  }

  function pageSection(): HTMLElement {
    return h('fieldset', { class: 'group' }, h('legend', {}, 'The page'),
      field('Page URL (its origin is the request\'s Origin)', input(scenario.page, (v) => { scenario.page = v; edited(); }, { id: 'page-url', inputmode: 'url' })));
  }

  function requestSection(): HTMLElement {
    const r = scenario.request;
    const headers = (r.headers ??= []);
    return h('fieldset', { class: 'group' }, h('legend', {}, 'The request'),
      h('div', { class: 'row' },
        field('API', select(r.api ?? 'fetch', ['fetch', 'xhr'], (v) => { r.api = v as 'fetch' | 'xhr'; edited(); }, 'api')),
        field('Method', input(r.method ?? 'GET', (v) => { r.method = v; edited(); }, { id: 'req-method', list: 'dl-methods', class: 'short' })),
      ),
      field('URL', input(r.url, (v) => { r.url = v; edited(); }, { id: 'req-url', inputmode: 'url' })),
      h('div', { class: 'subhead', id: 'req-headers-h' }, 'Headers the page sets'),
      headerList(headers, 'Request', 'dl-req-headers', () => undefined),
      h('div', { class: 'row three' },
        field('Credentials', select(r.credentials ?? 'same-origin', ['same-origin', 'include', 'omit'], (v) => { r.credentials = v as 'include'; edited(); }, 'credentials')),
        field('Mode', select(r.mode ?? 'cors', ['cors', 'no-cors', 'same-origin', 'navigate'], (v) => { r.mode = v as 'cors'; edited(); }, 'mode')),
        field('Redirect', select(r.redirect ?? 'follow', ['follow', 'error', 'manual'], (v) => { r.redirect = v as 'follow'; edited(); }, 'redirect')),
      ),
      field('Body (empty: none)', (() => {
        const ta = h('textarea', { id: 'req-body', rows: 2, spellcheck: 'false' });
        ta.value = r.body ?? '';
        ta.addEventListener('input', () => { if (ta.value === '') delete r.body; else r.body = ta.value; edited(); });
        return ta;
      })()),
      h('div', { class: 'row' },
        field('Runs', input(String(scenario.repeat?.count ?? 1), (v) => {
          const n = Number(v);
          if (Number.isInteger(n) && n >= 1 && n <= 100) {
            if (n === 1 && (scenario.repeat?.intervalMs ?? 0) === 0) delete scenario.repeat;
            else scenario.repeat = { count: n, intervalMs: scenario.repeat?.intervalMs ?? 1000 };
            edited();
          }
        }, { id: 'repeat-count', inputmode: 'numeric', class: 'short' }), 'repeat the request to see the preflight cache'),
        field('Interval (ms)', input(String(scenario.repeat?.intervalMs ?? 1000), (v) => {
          const n = Number(v);
          if (Number.isInteger(n) && n >= 0 && scenario.repeat) { scenario.repeat.intervalMs = n; edited(); }
        }, { id: 'repeat-interval', inputmode: 'numeric', class: 'short' })),
      ),
    );
  }

  function routeKind(route: Route): string {
    if ((route.method ?? '').toUpperCase() === 'OPTIONS') return 'preflight answer';
    if ([301, 302, 303, 307, 308].includes(route.status ?? 200)) return 'redirect';
    return 'answer';
  }

  function serverSection(): HTMLElement {
    const routes = (scenario.server ??= []);
    const items = routes.map((route, i) => {
      const n = i + 1;
      const headers = (route.headers ??= []);
      const legendId = nextId('route');
      return h('li', { class: 'route' },
        h('fieldset', { 'aria-labelledby': legendId },
          h('div', { class: 'route-head' },
            h('span', { class: 'route-title', id: legendId }, `Route ${n} · ${routeKind(route)}`),
            h('button', {
              type: 'button', class: 'icon', 'aria-label': `Move route ${n} up`, title: 'Move up (the first matching route answers)', disabled: i === 0,
              onclick: () => { routes.splice(i - 1, 0, ...routes.splice(i, 1)); structural(`[aria-label="Move route ${n - 1} up"]`); },
            }, '↑'),
            h('button', {
              type: 'button', class: 'icon', 'aria-label': `Remove route ${n}`, title: 'Remove route',
              onclick: () => { routes.splice(i, 1); structural('[data-add="route"]'); },
            }, '×'),
          ),
          h('div', { class: 'row' },
            field('Method (empty: any)', input(route.method ?? '', (v) => { if (v.trim() === '') delete route.method; else route.method = v; edited(); }, { list: 'dl-methods', class: 'short', 'data-testid': `route-method-${n}` })),
            field('Status', input(String(route.status ?? 200), (v) => {
              const s = Number(v);
              if (Number.isInteger(s) && s >= 100 && s <= 599) { route.status = s; edited(); }
            }, { inputmode: 'numeric', class: 'short', 'data-testid': `route-status-${n}` })),
          ),
          field('URL', input(route.url, (v) => { route.url = v; edited(); }, { inputmode: 'url', 'data-testid': `route-url-${n}` })),
          h('div', { class: 'subhead' }, 'Response headers'),
          headerList(headers, `Route ${n} response`, 'dl-res-headers', () => undefined),
        ),
      );
    });
    const target = scenario.request.url;
    const origin = ((): string => { try { return new URL(scenario.page).origin; } catch { return 'https://app.example'; } })();
    const add = (route: Route): void => { routes.push(route); structural(`[data-testid="route-url-${routes.length}"]`); };
    return h('fieldset', { class: 'group' }, h('legend', {}, 'The server\'s answers'),
      h('p', { class: 'hint' }, 'The first route whose method and URL match answers; anything else gets a 404 without headers. {{origin}} in a value echoes the request\'s Origin.'),
      items.length ? h('ol', { class: 'routes' }, items) : h('p', { class: 'empty' }, 'No routes: every request gets a 404.'),
      h('div', { class: 'add-row' },
        h('button', { type: 'button', class: 'add', 'data-add': 'route', onclick: () => add({ method: 'OPTIONS', url: target, status: 204, headers: [['Access-Control-Allow-Origin', origin], ['Access-Control-Allow-Methods', scenario.request.method ?? 'GET']] }) }, '+ Preflight answer'),
        h('button', { type: 'button', class: 'add', onclick: () => add({ url: target, status: 200, headers: [['Access-Control-Allow-Origin', origin]] }) }, '+ Answer'),
        h('button', { type: 'button', class: 'add', onclick: () => add({ url: target, status: 302, headers: [['Location', target.replace(/\/\/[^/]+/, '//other.example')]] }) }, '+ Redirect'),
      ),
    );
  }

  return {
    render(s: Scenario): void {
      scenario = s;
      rebuild();
    },
  };
}
