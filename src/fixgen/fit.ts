/**
 * Fits a validated policy to what one stack can express. Features the generator does not declare
 * (`StackGenerator.supports`) are narrowed, never widened: the stack then refuses some requests the
 * policy allows, and a warning says which. A stack that renders the opaque origin `null` gets it
 * as an exact rule (`Origin: null` compared byte for byte, like any origin).
 */
import { isLoopbackHost } from '../policy/origin-pattern.js';
import type { OriginRule, Policy, PolicyFeature, StackGenerator } from './types.js';

const NULL_RULE = { kind: 'exact', origin: 'null' } as const;

/** An `http:` rule other than loopback (what `dangerouslyAllowInsecureOrigins` lets through with credentials). */
function isInsecure(r: OriginRule): boolean {
  if (r.kind === 'exact') return r.origin.startsWith('http://') && !isLoopbackHost(new URL(r.origin).hostname);
  return r.scheme === 'http' && !isLoopbackHost(r.kind === 'subdomain' ? r.suffix : r.host);
}

/** The policy as the stack will render it, and a warning for each part it cannot express. */
export function fitPolicy(p: Policy, gen: Pick<StackGenerator, 'title' | 'supports'>): { policy: Policy; warnings: string[] } {
  const can = (f: PolicyFeature): boolean => gen.supports?.includes(f) === true;
  const warnings: string[] = [];
  let out: Policy = p;
  if (p.allowNull && !p.anyOrigin) {
    if (can('null-origin')) {
      out = { ...out, rules: [NULL_RULE, ...out.rules], exact: ['null', ...out.exact] };
      warnings.push('origins: "null" (dangerouslyAllowNullOrigin) is rendered: any site can send `Origin: null` from a sandboxed iframe, so everything allowed to it is allowed to every site');
    } else {
      warnings.push(`origins: "null" (dangerouslyAllowNullOrigin) is not rendered: ${gen.title} cannot allow the opaque origin exactly, so pages with an opaque origin stay refused`);
    }
  }
  if (p.anyOrigin && p.credentials && !can('any-origin-with-credentials')) {
    out = { ...out, credentials: false };
    warnings.push(`credentials are not rendered: ${gen.title} cannot reflect every origin with credentials (dangerouslyAllowAnyOriginWithCredentials), so it answers \`*\` and credentialed requests stay refused`);
  }
  if (p.anyMethod && !can('any-method')) {
    out = { ...out, anyMethod: false };
    warnings.push(`methods: "*" is not rendered: ${gen.title} gets the listed methods only (${p.methods.join(', ')}); list every method your API accepts`);
  }
  if (p.anyRequestHeader && !can('any-request-header')) {
    out = { ...out, anyRequestHeader: false };
    warnings.push(`requestHeaders: "*" is not rendered: ${gen.title} gets the listed request headers only (${p.requestHeaders.join(', ') || 'none'}); list the names your pages send`);
  }
  if (p.anyExposeHeader && !can('any-expose-header')) {
    out = { ...out, anyExposeHeader: false };
    warnings.push(`exposeHeaders: "*" is not rendered: ${gen.title} exposes the listed headers only (${p.exposeHeaders.join(', ') || 'none'}); list the names your pages read`);
  }
  const insecure = p.credentials && p.config.dangerouslyAllowInsecureOrigins === true ? p.rules.filter(isInsecure) : [];
  if (insecure.length > 0) {
    const names = insecure.map((r) => (r.kind === 'exact' ? r.origin : r.source)).join(', ');
    warnings.push(`credentials are allowed to the insecure origin${insecure.length > 1 ? 's' : ''} ${names} (dangerouslyAllowInsecureOrigins): anyone on the network path can act as ${insecure.length > 1 ? 'them' : 'it'}; serve the page over https`);
  }
  if (p.debug) {
    warnings.push(can('debug')
      ? 'debug: true answers refused preflights with 204 and the headers that make the browser print the precise reason: development only, remove it in production'
      : `debug: true is not rendered: it is a corsight middleware switch; ${gen.title} answers refused preflights as usual`);
  }
  return { policy: out, warnings };
}
