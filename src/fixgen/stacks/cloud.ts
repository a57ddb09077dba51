/** Hosted platforms: AWS API Gateway HTTP API, S3, Google Cloud Storage, Cloudflare Workers, Vercel, Netlify. */
import { jsCorsHeaders, jsOriginCheck, jsPreflightResponse, jsWithCors, JS_IS_PREFLIGHT } from '../fetch-core.js';
import { allowlistRegex } from '../origins.js';
import type { Policy, StackGenerator } from '../types.js';

const json = (v: unknown): string => JSON.stringify(v, null, 2) + '\n';

function unsupportedPatterns(p: Policy, platform: string): string[] {
  return p.patterns.map((r) => `${platform} cannot match '${r.source}' (no such wildcard): list each origin you need exactly, or handle CORS in your backend with a generator that supports patterns`);
}

export const awsApiGateway: StackGenerator = {
  id: 'aws-apigw',
  title: 'AWS API Gateway HTTP API',
  group: 'cloud',
  render(p) {
    const cfg: Record<string, unknown> = {
      AllowOrigins: p.anyOrigin ? ['*'] : p.exact,
      AllowMethods: p.methods,
      AllowHeaders: p.requestHeaders,
      ExposeHeaders: p.exposeHeaders,
      AllowCredentials: p.credentials,
    };
    if (p.maxAge !== undefined) cfg['MaxAge'] = p.maxAge;
    return {
      files: [
        { path: 'cors.json', language: 'json', content: json(cfg) },
        { path: 'apply.sh', language: 'shell', content: 'aws apigatewayv2 update-api --api-id YOUR_API_ID --cors-configuration file://cors.json\n' },
      ],
      assumptions: ['an HTTP API (apigatewayv2), not a REST API (REST APIs need OPTIONS mock integrations instead)', 'no OPTIONS route of your own (it would take the preflight over)'],
      placement: 'the API\'s CORS configuration (console: CORS tab; CLI: apply.sh; CloudFormation/SAM: CorsConfiguration with the same keys).',
      pitfalls: [
        'API Gateway answers preflights itself and ignores CORS headers from the integration: configure CORS here only',
        'AllowHeaders lists names instead of `*`; `*` origins never combined with AllowCredentials',
      ],
      warnings: unsupportedPatterns(p, 'API Gateway HTTP API (only exact origins, `*`, `https://*`, `http://*`)'),
    };
  },
};

export const s3: StackGenerator = {
  id: 's3',
  title: 'Amazon S3 bucket CORS',
  group: 'cloud',
  render(p) {
    const S3_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];
    // S3 allows one `*` per origin, matching any characters; `host:*` needs a port, so the
    // default-port origin is listed too.
    const origins = p.anyOrigin ? ['*'] : p.rules.flatMap((r) => {
      if (r.kind === 'exact') return [r.origin];
      if (r.kind === 'anyport') return [`${r.scheme}://${r.host}:*`, `${r.scheme}://${r.host}`];
      return [`${r.scheme}://*.${r.suffix}${r.port === '' || r.port === '*' ? '' : `:${r.port}`}`];
    });
    const rule: Record<string, unknown> = {
      AllowedOrigins: origins,
      AllowedMethods: p.methods.filter((m) => S3_METHODS.includes(m)),
      AllowedHeaders: p.requestHeaders,
      ExposeHeaders: p.exposeHeaders,
    };
    if (p.maxAge !== undefined) rule['MaxAgeSeconds'] = p.maxAge;
    const warnings: string[] = [];
    const dropped = p.methods.filter((m) => !S3_METHODS.includes(m));
    if (dropped.length) warnings.push(`S3 supports only GET, PUT, POST, DELETE and HEAD: dropped ${dropped.join(', ')}`);
    for (const r of p.patterns) {
      if (r.kind === 'subdomain' && r.port === '*') warnings.push(`S3 allows one \`*\` per origin: '${r.source}' is listed for the default port only; add the ports you use`);
    }
    if (!p.credentials && !p.anyOrigin) warnings.push('S3 always sends Access-Control-Allow-Credentials: true for a matched non-* origin; it cannot be turned off');
    return {
      files: [
        { path: 'cors.json', language: 'json', content: json({ CORSRules: [rule] }) },
        { path: 'apply.sh', language: 'shell', content: 'aws s3api put-bucket-cors --bucket YOUR_BUCKET --cors-configuration file://cors.json\n' },
      ],
      assumptions: ['the s3api CLI form (`{"CORSRules": [...]}`); the S3 console\'s CORS editor wants only the inner array', 'requests reach S3 directly (CloudFront must forward Origin and the Access-Control-Request-* headers, or cache per origin)'],
      placement: 'the bucket\'s CORS configuration (apply.sh, or Permissions → CORS in the console with the inner array).',
      pitfalls: [
        'the CLI wants {"CORSRules": [...]}, the console only the array: the wrong shape is rejected as malformed',
        'AllowedHeaders lists names: S3 checks every requested header against it (one `*` per entry allowed)',
        'S3 answers preflights itself and echoes the matched origin with Vary: Origin',
      ],
      warnings,
    };
  },
};

export const gcs: StackGenerator = {
  id: 'gcs',
  title: 'Google Cloud Storage bucket CORS',
  group: 'cloud',
  render(p) {
    const entry: Record<string, unknown> = {
      origin: p.anyOrigin ? ['*'] : p.exact,
      method: p.methods,
      // GCS uses responseHeader for both Access-Control-Allow-Headers and -Expose-Headers.
      responseHeader: [...p.requestHeaders, ...p.exposeHeaders.filter((h) => !p.requestHeaders.includes(h.toLowerCase()))],
    };
    if (p.maxAge !== undefined) entry['maxAgeSeconds'] = p.maxAge;
    const warnings = unsupportedPatterns(p, 'Cloud Storage (origins are exact or `*`)');
    if (p.credentials) warnings.push('Cloud Storage never sends Access-Control-Allow-Credentials: credentialed (cookie) requests to a bucket fail; use signed URLs or a backend');
    return {
      files: [
        { path: 'cors.json', language: 'json', content: json([entry]) },
        { path: 'apply.sh', language: 'shell', content: 'gcloud storage buckets update gs://YOUR_BUCKET --cors-file=cors.json\n' },
      ],
      assumptions: ['the XML/JSON API endpoints (storage.googleapis.com); storage.cloud.google.com (authenticated browser downloads) does not do CORS'],
      placement: 'the bucket\'s CORS configuration (apply.sh; gsutil: `gsutil cors set cors.json gs://YOUR_BUCKET`).',
      pitfalls: [
        '`responseHeader` is both the allowed request headers and the exposed response headers: both lists are merged into it',
        'the file is a JSON array of entries (no wrapper object, unlike S3)',
      ],
      warnings,
    };
  },
};

export const cloudflare: StackGenerator = {
  id: 'cloudflare-workers',
  title: 'Cloudflare Workers',
  group: 'cloud',
  supports: ['null-origin'], // exact-string / anchored-regex origin check: `null` is one more exact origin
  render(p) {
    const content = `// worker.js — CORS around your handler (module syntax).
${jsOriginCheck(p, false)}

${jsCorsHeaders(p, false)}

${JS_IS_PREFLIGHT(false)}

${jsPreflightResponse(p, false)}

${jsWithCors(p, false)}

async function handle(request, env, ctx) {
  // ... your handler (or: return fetch(request) to pass through to your origin)
  return new Response('ok');
}

export default {
  async fetch(request, env, ctx) {
    if (isPreflight(request)) return preflightResponse(request);
    let response;
    try {
      response = await handle(request, env, ctx);
    } catch (err) {
      // An exception would become Cloudflare's error page without CORS headers.
      response = new Response('Internal Server Error', { status: 500 });
    }
    return withCors(request, response);
  },
};
`;
    return {
      files: [{ path: 'src/worker.js', language: 'javascript', content }],
      assumptions: ['a module Worker (`export default { fetch }`); in TypeScript add types or keep it as .js', 'your logic lives in `handle` (or it proxies with fetch(request))'],
      placement: 'the Worker entry module (wrangler.toml `main`).',
      pitfalls: [
        'responses from fetch() have immutable headers: the response is copied before adding CORS headers',
        'exceptions become a 500 that still carries the CORS headers',
        'preflight = OPTIONS with Origin and Access-Control-Request-Method; refused ones get 403 without CORS headers',
      ],
      warnings: [],
    };
  },
};

export const vercel: StackGenerator = {
  id: 'vercel',
  title: 'Vercel (vercel.json)',
  group: 'cloud',
  render(p) {
    const headers: { key: string; value: string }[] = [];
    headers.push({ key: 'Access-Control-Allow-Origin', value: p.anyOrigin ? '*' : ':origin' });
    if (p.credentials) headers.push({ key: 'Access-Control-Allow-Credentials', value: 'true' });
    headers.push({ key: 'Access-Control-Allow-Methods', value: p.methods.join(', ') });
    if (p.requestHeaders.length) headers.push({ key: 'Access-Control-Allow-Headers', value: p.requestHeaders.join(', ') });
    if (p.exposeHeaders.length) headers.push({ key: 'Access-Control-Expose-Headers', value: p.exposeHeaders.join(', ') });
    if (p.maxAge !== undefined) headers.push({ key: 'Access-Control-Max-Age', value: String(p.maxAge) });
    const rules: unknown[] = [];
    if (p.anyOrigin) rules.push({ source: '/api/(.*)', headers });
    else {
      // One `has` condition with a named capture: the header is sent only for allowed origins.
      rules.push({ source: '/api/(.*)', has: [{ type: 'header', key: 'origin', value: `(?<origin>${allowlistRegex(p.rules)})` }], headers });
      rules.push({ source: '/api/(.*)', headers: [{ key: 'Vary', value: 'Origin' }] });
    }
    return {
      files: [{ path: 'vercel.json', language: 'json', content: json({ headers: rules }) }],
      assumptions: ['your API is under /api (change `source`)', 'your functions answer OPTIONS with 204 (vercel.json cannot answer a request; it only adds headers to the answer)', 'named captures of a `has` value are substituted in header values (`:origin`), as in Next.js `headers()`'],
      placement: 'vercel.json at the project root (merge with an existing `headers` array).',
      pitfalls: [
        'the origin is echoed only when the `has` regex (anchored) matches, via the named capture `:origin`',
        'a separate rule adds Vary: Origin to every answer so CDN caches keep one copy per origin',
      ],
      warnings: ['vercel.json headers cannot answer the preflight: make sure OPTIONS reaches a function that returns 204 (or use a Next.js middleware: --stack nextjs)'],
    };
  },
};

export const netlify: StackGenerator = {
  id: 'netlify',
  title: 'Netlify (_headers or an Edge Function)',
  group: 'cloud',
  render(p) {
    const single = p.anyOrigin ? '*' : p.patterns.length === 0 && p.exact.length === 1 ? p.exact[0]! : null;
    if (single !== null) {
      const h: string[] = [`  Access-Control-Allow-Origin: ${single}`];
      if (p.credentials) h.push('  Access-Control-Allow-Credentials: true');
      h.push(`  Access-Control-Allow-Methods: ${p.methods.join(', ')}`);
      if (p.requestHeaders.length) h.push(`  Access-Control-Allow-Headers: ${p.requestHeaders.join(', ')}`);
      if (p.exposeHeaders.length) h.push(`  Access-Control-Expose-Headers: ${p.exposeHeaders.join(', ')}`);
      if (p.maxAge !== undefined) h.push(`  Access-Control-Max-Age: ${p.maxAge}`);
      return {
        files: [{ path: '_headers', language: 'text', content: `/api/*\n${h.join('\n')}\n` }],
        assumptions: ['the files are served by Netlify under /api/* (change the path)', '_headers applies to static files and redirects; responses of Functions must set their own headers'],
        placement: '_headers in the publish directory.',
        pitfalls: ['one fixed origin (or `*`) is all _headers can send; for several origins this generator emits an Edge Function instead'],
        warnings: [],
      };
    }
    const content = `// netlify/edge-functions/cors.ts — _headers cannot vary by Origin, so the allowlist runs here.
import type { Config, Context } from '@netlify/edge-functions';

${jsOriginCheck(p, true)}

${jsCorsHeaders(p, true)}

${JS_IS_PREFLIGHT(true)}

${jsPreflightResponse(p, true)}

${jsWithCors(p, true)}

export default async (request: Request, context: Context) => {
  if (isPreflight(request)) return preflightResponse(request);
  return withCors(request, await context.next());
};

export const config: Config = { path: '/api/*' };
`;
    return {
      files: [{ path: 'netlify/edge-functions/cors.ts', language: 'typescript', content }],
      assumptions: ['Netlify Edge Functions (Deno); the API is under /api/* (change `config.path`)'],
      placement: 'netlify/edge-functions/cors.ts; it runs in front of static files, redirects and Functions.',
      pitfalls: [
        'an allowlist of several origins needs code: _headers can only send one fixed Access-Control-Allow-Origin',
        'context.next() responses are copied before their headers are changed',
      ],
      warnings: [],
    };
  },
};

