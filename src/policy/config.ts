/**
 * The CORS policy as users write it: plain, JSON-serialisable data. `compilePolicy` (this layer)
 * validates it once and turns it into an immutable policy; `corsight fix` renders the same data as
 * configuration for other stacks. Only optional fields may be added to this shape.
 *
 * @example
 * { "origins": ["https://app.example.com", "https://*.example.com", "http://localhost:*"],
 *   "credentials": true, "methods": ["GET", "POST", "PUT"],
 *   "requestHeaders": ["content-type", "authorization"], "exposeHeaders": ["x-request-id"],
 *   "maxAge": 7200 }
 */
export interface PolicyConfig {
  /**
   * Allowed origins: exact serialized origins (`https://app.example.com`), one-label-or-more
   * subdomain patterns (`https://*.example.com`), any-port patterns (`http://localhost:*`), or
   * `["*"]` for every origin (not with credentials).
   */
  origins: readonly string[];
  /** Send `Access-Control-Allow-Credentials: true`. Default false. */
  credentials?: boolean;
  /** Methods allowed beyond the CORS-safelisted GET, HEAD and POST. Default: GET, HEAD, POST. */
  methods?: readonly string[];
  /** Request header names allowed in preflights (case-insensitive). Default none. */
  requestHeaders?: readonly string[];
  /** Response header names exposed to script (`Access-Control-Expose-Headers`). Default none. */
  exposeHeaders?: readonly string[];
  /** `Access-Control-Max-Age` in seconds, 0..86400. Default: not sent (browser default, 5 s). */
  maxAge?: number;

  // ---- Optional additions (corsight policy layer). All default to false/absent. ----

  /**
   * Answer a refused preflight with a 204 carrying just enough CORS headers for the browser to
   * print the precise reason (and log one line saying why) instead of a bare 403. Never allows
   * anything the policy refuses. For development only.
   */
  debug?: boolean;
  /** Allow `"*"` together with `credentials: true` (the origin of every request is reflected). */
  dangerouslyAllowAnyOriginWithCredentials?: boolean;
  /** Allow `http:` origins other than loopback ones together with `credentials: true`. */
  dangerouslyAllowInsecureOrigins?: boolean;
  /** Allow subdomain patterns over a public suffix, e.g. `https://*.github.io`. */
  dangerouslyAllowPublicSuffixWildcards?: boolean;
  /** Allow the opaque origin `null` (sandboxed iframes, `file:` pages, redirects — anyone can send it). */
  dangerouslyAllowNullOrigin?: boolean;
}
