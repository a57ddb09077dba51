/** Web servers and proxies: nginx, Apache httpd, Caddy, Traefik. */
import { allowlistRegex, q, ruleRegex } from '../origins.js';
import type { StackGenerator } from '../types.js';

const join = (xs: readonly string[]): string => xs.join(', ');

export const nginx: StackGenerator = {
  id: 'nginx',
  title: 'nginx',
  group: 'server',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const maps: string[] = [];
    if (p.anyOrigin) {
      maps.push(`# Every origin ("*"): no per-origin logic.
map $http_origin $cors_allow_origin {
    default "";
    "~." "*";
}`);
    } else {
      const entries = p.rules.map((r) => (r.kind === 'exact' ? `    ${q(r.origin)} $http_origin;` : `    "~^${ruleRegex(r)}$" $http_origin;`));
      maps.push(`# The request's Origin when it is allowed, else "" (nginx sends no header with an empty value).
map $http_origin $cors_allow_origin {
    default "";
${entries.join('\n')}
}`);
    }
    maps.push(`# A preflight is an OPTIONS with Origin and Access-Control-Request-Method (Fetch §4.8).
map "$request_method|$http_access_control_request_method|$cors_allow_origin|$http_origin" $cors_preflight {
    default "";
    "~^OPTIONS\\|[^|]+\\|[^|]+\\|" allowed;
    "~^OPTIONS\\|[^|]+\\|\\|." refused;
}`);
    const onAllowed = (name: string, value: string): string => `map $cors_allow_origin ${name} {\n    "" "";\n    default ${q(value)};\n}`;
    const onPreflight = (name: string, value: string): string => `map $cors_preflight ${name} {\n    allowed ${q(value)};\n    default "";\n}`;
    if (p.credentials) maps.push(onAllowed('$cors_allow_credentials', 'true'));
    if (p.exposeHeaders.length) maps.push(onAllowed('$cors_expose_headers', join(p.exposeHeaders)));
    maps.push(onPreflight('$cors_allow_methods', join(p.methods)));
    if (p.requestHeaders.length) maps.push(onPreflight('$cors_allow_headers', join(p.requestHeaders)));
    if (p.maxAge !== undefined) maps.push(onPreflight('$cors_max_age', String(p.maxAge)));

    const hide = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers', 'Access-Control-Max-Age'];
    const add: string[] = [];
    add.push('add_header Access-Control-Allow-Origin $cors_allow_origin always;');
    if (p.credentials) add.push('add_header Access-Control-Allow-Credentials $cors_allow_credentials always;');
    if (p.exposeHeaders.length) add.push('add_header Access-Control-Expose-Headers $cors_expose_headers always;');
    add.push('add_header Access-Control-Allow-Methods $cors_allow_methods always;');
    if (p.requestHeaders.length) add.push('add_header Access-Control-Allow-Headers $cors_allow_headers always;');
    if (p.maxAge !== undefined) add.push('add_header Access-Control-Max-Age $cors_max_age always;');
    if (!p.anyOrigin) add.push('add_header Vary Origin always;');
    const snippet = `# Included in a server {} or location {} block:  include snippets/cors.conf;
# \`always\`: also on 4xx/5xx answers (without it nginx drops these headers on errors).
${add.join('\n')}

# The upstream's own CORS headers would duplicate ours (two values = blocked): hide them.
${hide.map((h) => `proxy_hide_header ${h};`).join('\n')}

# Answer preflights here; only \`return\` inside \`if\` (safe), no add_header in it.
if ($cors_preflight = allowed) {
    return 204;
}
if ($cors_preflight = refused) {
    return 403;
}
`;
    return {
      files: [
        { path: '/etc/nginx/conf.d/cors-maps.conf', language: 'nginx', content: `# http {} context (files in conf.d/ are included there by Debian's nginx.conf).\n${maps.join('\n\n')}\n` },
        { path: '/etc/nginx/snippets/cors.conf', language: 'nginx', content: snippet },
      ],
      assumptions: ['nginx 1.7.5+ (`add_header ... always`); the maps file is read inside http {}', 'add the include to every location that has add_header directives of its own (nginx inherits add_header only into blocks that define none)'],
      placement: 'cors-maps.conf in the http {} context; `include snippets/cors.conf;` in the server {} block (and in any location with its own add_header).',
      pitfalls: [
        '`always` on every add_header, so 4xx/5xx responses keep the CORS headers',
        'the allowlist is a `map $http_origin` with anchored regexes; disallowed origins get no header at all',
        'no add_header inside `if` (it would replace the inherited ones); only `return` there',
        'proxy_hide_header drops the upstream\'s CORS headers, avoiding duplicate Access-Control-Allow-Origin values',
      ],
      warnings: [],
    };
  },
};

export const apache: StackGenerator = {
  id: 'apache',
  title: 'Apache httpd (mod_headers)',
  group: 'server',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const re = p.anyOrigin ? '^.+$' : `^(${allowlistRegex(p.rules).slice(1, -1)})$`;
    const lines: string[] = [];
    lines.push(`# Requires: a2enmod headers setenvif rewrite
# CORS_ALLOW_ORIGIN = the Origin when it is allowed (anchored regex); unset otherwise.
SetEnvIf Origin "${re}" CORS_ALLOW_ORIGIN=${p.anyOrigin ? '*' : '$1'}
SetEnvIf Request_Method "^OPTIONS$" CORS_OPTIONS
SetEnvIf Access-Control-Request-Method "^.+$" CORS_ACRM

# Answer preflights (OPTIONS + Origin + Access-Control-Request-Method) with 204 here.
RewriteEngine On
RewriteCond %{REQUEST_METHOD} =OPTIONS
RewriteCond %{HTTP:Origin} !=""
RewriteCond %{HTTP:Access-Control-Request-Method} !=""
RewriteRule ^ - [R=204,L]

# Drop any CORS headers the application sets itself (two values = blocked), then set ours.
# \`Header always\`: also on error responses and on the 204 above (plain \`Header set\` skips them).`);
    const names = ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Expose-Headers', 'Access-Control-Max-Age'];
    for (const n of names) lines.push(`Header unset ${n}`);
    lines.push(`Header always set Access-Control-Allow-Origin "%{CORS_ALLOW_ORIGIN}e" env=CORS_ALLOW_ORIGIN`);
    if (p.credentials) lines.push('Header always set Access-Control-Allow-Credentials "true" env=CORS_ALLOW_ORIGIN');
    if (p.exposeHeaders.length) lines.push(`Header always set Access-Control-Expose-Headers "${join(p.exposeHeaders)}" env=CORS_ALLOW_ORIGIN`);
    const pre = `"expr=-n reqenv('CORS_ALLOW_ORIGIN') && -n reqenv('CORS_OPTIONS') && -n reqenv('CORS_ACRM')"`;
    lines.push(`Header always set Access-Control-Allow-Methods "${join(p.methods)}" ${pre}`);
    if (p.requestHeaders.length) lines.push(`Header always set Access-Control-Allow-Headers "${join(p.requestHeaders)}" ${pre}`);
    if (p.maxAge !== undefined) lines.push(`Header always set Access-Control-Max-Age "${p.maxAge}" ${pre}`);
    if (!p.anyOrigin) lines.push('Header always merge Vary "Origin"');
    return {
      files: [{ path: '/etc/apache2/conf-available/cors.conf', language: 'apache', content: lines.join('\n') + '\n' }],
      assumptions: ['Apache httpd 2.4 with mod_headers, mod_setenvif and mod_rewrite enabled', 'included in the <VirtualHost> (server context); in .htaccess the same lines work with `AllowOverride FileInfo`'],
      placement: 'Include it inside your <VirtualHost> (`Include conf-available/cors.conf`), or `a2enconf cors` for every virtual host.',
      pitfalls: [
        '`Header always set`, so 4xx/5xx answers and the preflight 204 keep the CORS headers (plain `Header set` only touches 2xx)',
        'the allowlist is one anchored regex in `SetEnvIf`; the header echoes the matched origin only',
        'the application\'s own CORS headers are unset first, so no duplicate Access-Control-Allow-Origin',
        '`Header always merge Vary` appends Origin without clobbering Vary',
      ],
      warnings: [],
    };
  },
};

export const caddy: StackGenerator = {
  id: 'caddy',
  title: 'Caddy',
  group: 'server',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const re = p.anyOrigin ? '^.+$' : allowlistRegex(p.rules);
    const h: string[] = [];
    h.push(p.anyOrigin ? '\t\tAccess-Control-Allow-Origin *' : '\t\tAccess-Control-Allow-Origin {http.request.header.Origin}');
    if (p.credentials) h.push('\t\tAccess-Control-Allow-Credentials true');
    if (p.exposeHeaders.length) h.push(`\t\tAccess-Control-Expose-Headers ${q(join(p.exposeHeaders))}`);
    const ph: string[] = [`\t\t\tAccess-Control-Allow-Methods ${q(join(p.methods))}`];
    if (p.requestHeaders.length) ph.push(`\t\t\tAccess-Control-Allow-Headers ${q(join(p.requestHeaders))}`);
    if (p.maxAge !== undefined) ph.push(`\t\t\tAccess-Control-Max-Age ${p.maxAge}`);
    const content = `# Inside your site block, e.g.  api.example.com { ... }
	# The allowlist: one anchored regex over the Origin header.
	@cors_allowed header_regexp Origin ${re}
	# A preflight: OPTIONS with Origin and Access-Control-Request-Method.
	@cors_preflight {
		method OPTIONS
		header Origin *
		header Access-Control-Request-Method *
	}

	# Set at once: Caddy's own error responses (404s, the \`error\` directive) keep them.
	header @cors_allowed {
${h.join('\n')}
	}
	# And again as the response is written, after the backend's own CORS headers are dropped:
	# reverse_proxy adds the backend's headers to ours (two Access-Control-Allow-Origin = blocked).
	header @cors_allowed {
		defer
${h.join('\n')}
	}
	header {
		-Access-Control-Allow-Origin
		-Access-Control-Allow-Credentials
		-Access-Control-Expose-Headers
	}
${p.anyOrigin ? '' : '\theader +Vary Origin\n'}
	# Answer preflights here: 204 with the headers when allowed, 403 otherwise.
	handle @cors_preflight {
		header @cors_allowed {
${ph.join('\n')}
		}
		respond @cors_allowed 204
		respond 403
	}
`;
    return {
      files: [{ path: 'Caddyfile', language: 'caddyfile', content }],
      assumptions: ['Caddy 2.4+ (Caddyfile; `header_regexp` uses Go RE2)', 'the lines go inside the site block that serves your API, before its reverse_proxy/file_server'],
      placement: 'Caddyfile, inside the site block (the `handle @cors_preflight` block runs before your other handlers).',
      pitfalls: [
        'one anchored `header_regexp` allowlist; the header echoes only a matched Origin',
        'the preflight is answered by Caddy before reverse_proxy, so the backend never sees it',
        '`header +Vary Origin` appends instead of replacing Vary',
        'the backend\'s own CORS headers are deleted before ours are set (deferred), so reverse_proxy answers never carry two values',
      ],
      warnings: [],
    };
  },
};

export const traefik: StackGenerator = {
  id: 'traefik',
  title: 'Traefik (headers middleware)',
  group: 'server',
  render(p) {
    const y: string[] = [];
    const list = (key: string, xs: readonly string[]): void => {
      if (xs.length === 0) return;
      y.push(`        ${key}:`);
      for (const x of xs) y.push(`          - ${q(x)}`);
    };
    if (p.anyOrigin) list('accessControlAllowOriginList', ['*']);
    else {
      list('accessControlAllowOriginList', p.exact);
      list('accessControlAllowOriginListRegex', p.patterns.map((r) => `^${ruleRegex(r)}$`));
    }
    if (p.credentials) y.push('        accessControlAllowCredentials: true');
    list('accessControlAllowMethods', p.methods);
    list('accessControlAllowHeaders', p.requestHeaders);
    list('accessControlExposeHeaders', p.exposeHeaders);
    if (p.maxAge !== undefined) y.push(`        accessControlMaxAge: ${p.maxAge}`);
    if (!p.anyOrigin) y.push('        addVaryHeader: true');
    const content = `# Dynamic configuration (file provider). Attach the middleware to your API router.
http:
  middlewares:
    cors:
      headers:
${y.join('\n')}
  routers:
    api:
      rule: "Host(\`api.example.com\`)"   # your router
      middlewares:
        - cors
      service: api
`;
    return {
      files: [{ path: 'dynamic/cors.yml', language: 'yaml', content }],
      assumptions: ['Traefik v2.5+ or v3 (accessControlAllowOriginListRegex), file provider; with Docker labels use traefik.http.middlewares.cors.headers.<option>', 'router and service names are placeholders'],
      placement: 'your dynamic configuration; list `cors` first in the router\'s middlewares.',
      pitfalls: [
        'regex entries are anchored (Traefik matches them unanchored otherwise)',
        'Traefik answers the preflight itself; the backend never sees it',
        '`addVaryHeader: true`, since the allowed origin is echoed',
      ],
      warnings: [],
    };
  },
};

