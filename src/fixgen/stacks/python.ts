/** Python frameworks: FastAPI/Starlette, Flask (flask-cors), Django (django-cors-headers). */
import { patternRegex, ruleRegex } from '../origins.js';
import type { Policy, StackGenerator } from '../types.js';

/** Python list of double-quoted strings. */
const pyList = (xs: readonly string[]): string => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

/** The max-age to configure where the package sends a default of its own when unset. */
function maxAgeOr5(p: Policy): { value: number; note: string } {
  return p.maxAge !== undefined ? { value: p.maxAge, note: '' } : { value: 5, note: '  # the browser default when no Max-Age is sent' };
}

export const fastapi: StackGenerator = {
  id: 'fastapi',
  title: 'FastAPI / Starlette (CORSMiddleware)',
  group: 'python',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const re = patternRegex(p);
    const age = maxAgeOr5(p);
    const args: string[] = ['    app,'];
    args.push(`    allow_origins=${p.anyOrigin ? '["*"]' : pyList(p.exact)},`);
    if (re !== null) args.push(`    allow_origin_regex=r"${re}",`);
    if (p.credentials) args.push('    allow_credentials=True,');
    args.push(`    allow_methods=${pyList(p.methods)},`);
    args.push(`    allow_headers=${pyList(p.requestHeaders)},`);
    if (p.exposeHeaders.length) args.push(`    expose_headers=${pyList(p.exposeHeaders)},`);
    args.push(`    max_age=${age.value},${age.note}`);
    const content = `from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

app = FastAPI()

# ... your routes (@app.get(...)) ...

# Wrap the whole application rather than app.add_middleware(CORSMiddleware, ...): added
# middleware runs inside Starlette's ServerErrorMiddleware, so an unhandled exception becomes a
# 500 without CORS headers and the browser reports a CORS error instead of the 500.
application = CORSMiddleware(
${args.join('\n')}
)
# Serve \`application\`, e.g. uvicorn main:application
`;
    return {
      files: [{ path: 'main.py', language: 'python', content }],
      assumptions: ['FastAPI or Starlette 0.20+ (Starlette CORSMiddleware; `from starlette.middleware.cors` works for both)', 'served by an ASGI server (uvicorn, hypercorn) pointed at `application`'],
      placement: 'main.py, after the app and its routes; point the ASGI server at `application`.',
      pitfalls: [
        'CORS wraps the app outside ServerErrorMiddleware, so unhandled-exception 500s keep the CORS headers',
        '`max_age` is always set: Starlette sends 600 when it is omitted',
        'patterns go in one `allow_origin_regex` (full-match), exact origins in `allow_origins`',
      ],
      warnings: [],
    };
  },
};

export const flask: StackGenerator = {
  id: 'flask',
  title: 'Flask (flask-cors)',
  group: 'python',
  render(p) {
    // flask-cors omits `Vary: Origin` for a single literal origin (and treats strings with
    // `[` as regexes): such origins are given as anchored, compiled regexes instead.
    const single = p.rules.length === 1 && p.rules[0]!.kind === 'exact';
    const literal = (r: Policy['rules'][number]): boolean => r.kind === 'exact' && !r.origin.includes('[') && !single;
    const needsRe = !p.anyOrigin && p.rules.some((r) => !literal(r));
    const origins = p.anyOrigin
      ? '"*"'
      : `[\n${p.rules.map((r) => (literal(r) ? `        ${JSON.stringify((r as { origin: string }).origin)},` : `        re.compile(r"^${ruleRegex(r)}$"),${single ? '  # a regex, so flask-cors sends Vary: Origin' : ''}`)).join('\n')}\n    ]`;
    const args: string[] = ['    app,', `    origins=${origins},`];
    if (p.anyOrigin) args.push('    send_wildcard=True,  # send "*" rather than echoing every origin');
    if (p.credentials) args.push('    supports_credentials=True,');
    args.push(`    methods=${pyList(p.methods)},`);
    args.push(`    allow_headers=${pyList(p.requestHeaders)},  # never leave unset: the default "*" reflects every requested header`);
    if (p.exposeHeaders.length) args.push(`    expose_headers=${pyList(p.exposeHeaders)},`);
    if (p.maxAge !== undefined) args.push(`    max_age=${p.maxAge},`);
    const content = `${needsRe ? 'import re\n\n' : ''}from flask import Flask
from flask_cors import CORS

app = Flask(__name__)

# Right after creating the app: flask-cors adds the headers in after_request and to the
# responses of Flask's error handlers (404s, aborts, unhandled exceptions).
CORS(
${args.join('\n')}
)

# ... your routes
`;
    return {
      files: [{ path: 'app.py', language: 'python', content }],
      assumptions: ['Flask 2+ with flask-cors 3.0.9+ (`pip install flask-cors`)'],
      placement: 'app.py (or your app factory), right after `Flask(__name__)`.',
      pitfalls: [
        '`allow_headers` is always set: the default "*" reflects every requested header',
        'patterns are compiled, anchored regexes: flask-cors uses re.match, which anchors only the start',
        'Flask answers OPTIONS itself; flask-cors adds the preflight headers to that answer',
        'a single origin is given as a regex: flask-cors omits Vary: Origin for one literal origin',
      ],
      warnings: [],
    };
  },
};

export const django: StackGenerator = {
  id: 'django',
  title: 'Django (django-cors-headers)',
  group: 'python',
  render(p) {
    const lines: string[] = [];
    if (p.anyOrigin) lines.push('CORS_ALLOW_ALL_ORIGINS = True');
    else {
      lines.push(`CORS_ALLOWED_ORIGINS = ${pyList(p.exact)}`);
      if (p.patterns.length) lines.push(`CORS_ALLOWED_ORIGIN_REGEXES = [\n${p.patterns.map((r) => `    r"^${ruleRegex(r)}$",`).join('\n')}\n]  # anchored: django-cors-headers uses re.match`);
    }
    lines.push(`CORS_ALLOW_CREDENTIALS = ${p.credentials ? 'True' : 'False'}`);
    lines.push(`CORS_ALLOW_METHODS = ${pyList(p.methods)}`);
    lines.push(`CORS_ALLOW_HEADERS = ${pyList(p.requestHeaders)}  # the default list allows authorization and more`);
    if (p.exposeHeaders.length) lines.push(`CORS_EXPOSE_HEADERS = ${pyList(p.exposeHeaders)}`);
    lines.push(`CORS_PREFLIGHT_MAX_AGE = ${p.maxAge ?? 0}  # ${p.maxAge === undefined ? '0 = not sent (browser default); ' : ''}the package default is 86400`);
    const content = `# settings.py

INSTALLED_APPS = [
    # ...
    "corsheaders",
]

MIDDLEWARE = [
    # As high as possible: above CommonMiddleware and anything else that can answer (redirects,
    # auth, CSRF), so preflights are answered first and error responses pass back through it.
    "corsheaders.middleware.CorsMiddleware",
    # ... the rest, e.g. "django.middleware.common.CommonMiddleware",
]

${lines.join('\n')}
`;
    return {
      files: [{ path: 'settings.py', language: 'python', content }],
      assumptions: ['Django 3.2+ with django-cors-headers 3.5+ (`pip install django-cors-headers`)'],
      placement: 'settings.py: add the app, put CorsMiddleware at the top of MIDDLEWARE, and the CORS_* settings.',
      pitfalls: [
        'CorsMiddleware is first, so CommonMiddleware redirects and auth never answer a preflight without CORS headers',
        'regexes are anchored at both ends (django-cors-headers uses re.match)',
        '`CORS_ALLOW_HEADERS` and `CORS_PREFLIGHT_MAX_AGE` are set explicitly instead of the permissive defaults',
      ],
      warnings: [],
    };
  },
};
