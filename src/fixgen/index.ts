/**
 * Fix generators: one CORS policy rendered as ready-to-paste configuration for a stack.
 *
 * @example
 * import { renderPolicy } from 'corsight/fixgen';
 * const fix = renderPolicy({ origins: ['https://app.example.com'], credentials: true }, 'nginx');
 * for (const f of fix.files) console.log(`# ${f.path}\n${f.content}`);
 */
import { fitPolicy } from './fit.js';
import { normalizePolicy } from './policy.js';
import { corsightExpress, corsightFastify, corsightFetch, corsightHono, corsightKoa, corsightNode } from './stacks/corsight.js';
import { express, fastify, hono, koa, nestjs, nextjs } from './stacks/node.js';
import { django, fastapi, flask } from './stacks/python.js';
import { aspnet, go, laravel, rails, spring } from './stacks/other-frameworks.js';
import { apache, caddy, nginx, traefik } from './stacks/servers.js';
import { awsApiGateway, cloudflare, gcs, netlify, s3, vercel } from './stacks/cloud.js';
import { FixgenError, type RenderedFix, type StackGenerator } from './types.js';

export * from './types.js';
export { normalizePolicy, parseOrigin, ruleFromPattern } from './policy.js';
export { fitPolicy } from './fit.js';
export { needsInsecureOriginSwitch, policyForScenario } from './from-scenario.js';
export { allowlistRegex, lookalikeOrigins, sampleOrigins } from './origins.js';

/** Every generator, in `--list` order. */
export const STACKS: readonly StackGenerator[] = [
  corsightNode, corsightExpress, corsightFastify, corsightKoa, corsightFetch, corsightHono,
  express, fastify, koa, hono, nestjs, nextjs,
  fastapi, flask, django,
  go, rails, laravel, spring, aspnet,
  nginx, apache, caddy, traefik,
  awsApiGateway, s3, gcs, cloudflare, vercel, netlify,
];

/** Other names users type for a stack. */
const ALIASES: Record<string, string> = {
  starlette: 'fastapi', 'rack-cors': 'rails', rack: 'rails', 'rs-cors': 'go', golang: 'go', httpd: 'apache',
  'apache2': 'apache', 'spring-boot': 'spring', 'asp.net': 'aspnet', dotnet: 'aspnet', next: 'nextjs',
  nest: 'nestjs', cloudflare: 'cloudflare-workers', workers: 'cloudflare-workers', 'api-gateway': 'aws-apigw',
  'google-cloud-storage': 'gcs', 'vercel.json': 'vercel', corsight: 'corsight-node',
};

/** The generator for a stack id or alias (case-insensitive), or null. */
export function findStack(id: string): StackGenerator | null {
  const key = id.trim().toLowerCase();
  const resolved = ALIASES[key] ?? key;
  return STACKS.find((s) => s.id === resolved) ?? null;
}

/**
 * Renders a policy as configuration for a stack.
 *
 * The policy is validated by the policy compiler: `renderPolicy` accepts exactly the configs
 * `compilePolicy` accepts. What a stack cannot express (`null` or `*` entries, `debug`...) is
 * rendered narrower and named in `warnings` (see `fitPolicy`).
 *
 * @param config a `PolicyConfig`, as `compilePolicy` takes it
 * @param stack a stack id from `STACKS` (or an alias such as `starlette`, `httpd`)
 * @throws FixgenError for an unknown stack (one line) or an invalid policy (`problems`: the
 *   compiler's, every one; `message`: the one `compilePolicy` throws)
 * @example
 * renderPolicy({ origins: ['https://*.example.com'], methods: ['PUT'] }, 'apache').files[0].content
 */
export function renderPolicy(config: unknown, stack: string): RenderedFix {
  const gen = findStack(stack);
  if (gen === null) throw new FixgenError(`unknown stack '${stack}' (one of: ${STACKS.map((s) => s.id).join(', ')})`);
  const policy = normalizePolicy(config);
  const fitted = fitPolicy(policy, gen);
  const body = gen.render(fitted.policy);
  return { stack: gen.id, title: gen.title, ...body, warnings: [...fitted.warnings, ...body.warnings], policy: policy.config };
}
