import type { FixChange, RouteRef } from '../diagnose/fix.js';

function routeName(r: RouteRef): string {
  return r.method === undefined ? r.url : `${r.method} ${r.url}`;
}

/** A fix change as a `help:` instruction and the literal lines to send. */
export function fixLines(c: FixChange): { say: string; lines: string[] } {
  switch (c.kind) {
    case 'set-header':
      if (c.value === '') return { say: `remove this header from the response to ${routeName(c.route)}:`, lines: [`${c.name}: ${c.was ?? ''}`] };
      return {
        say: c.was === null
          ? `add to the response to ${routeName(c.route)}:`
          : `in the response to ${routeName(c.route)}, replace \`${c.name}: ${c.was}\` with:`,
        lines: [`${c.name}: ${c.value}`],
      };
    case 'set-status':
      return { say: `answer ${routeName(c.route)} with a 2xx status instead of ${c.was}:`, lines: [`HTTP/1.1 ${c.status} No Content`] };
    case 'add-route': {
      const r = c.route;
      return {
        say: `answer ${r.method ?? 'requests to'} ${r.url} with status ${r.status ?? 200} and:`,
        lines: (r.headers ?? []).map(([n, v]) => `${n}: ${v}`),
      };
    }
    case 'request':
      return {
        say: `in the page, change the request's ${c.field}${c.was === undefined ? '' : ` (was ${JSON.stringify(c.was)})`} to:`,
        lines: [c.value === undefined ? '(remove it)' : `${c.field}: ${JSON.stringify(c.value)}`],
      };
  }
}
