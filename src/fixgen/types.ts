/**
 * Data shapes of the fix generators: one policy in, one rendered fix out. Formatters (src/render)
 * turn a `RenderedFix` into text; the CLI prints it or its JSON.
 */
import type { PolicyConfig } from '../policy/config.js';
import type { PolicyProblem } from '../policy/errors.js';

export type { PolicyProblem, PolicyProblemCode } from '../policy/errors.js';

/** One file (or snippet of a file) the user pastes. */
export interface FixFile {
  /** Where it goes, relative to the project (`nginx.conf` snippets name their context instead). */
  path: string;
  /** Syntax of `content`, for highlighting and Markdown fences (`nginx`, `python`, `json`, ...). */
  language: string;
  /** Ready to paste. */
  content: string;
}

/** The fix for one stack. */
export interface RenderedFix {
  /** The stack id (`nginx`, `express`, ...). */
  stack: string;
  /** Human name, e.g. `nginx` or `Express (cors package)`. */
  title: string;
  files: FixFile[];
  /** What the snippet assumes (versions, modules, the app's layout). */
  assumptions: string[];
  /** Where it goes and in which order relative to other middleware/directives. */
  placement: string;
  /** The classic mistakes this snippet avoids, one line each. */
  pitfalls: string[];
  /** Parts of the policy this stack cannot express exactly, and what was done instead. */
  warnings: string[];
  /**
   * The policy it was rendered from, as validated by the policy compiler (methods include GET,
   * HEAD, POST; `*` entries and `debug`/`dangerously*` switches kept).
   */
  policy: PolicyConfig;
}

/**
 * Thrown by `renderPolicy` for an invalid policy or an unknown stack. For an invalid policy,
 * `problems` are the policy compiler's (every one, `{ code, option, value, reason, suggestion? }`)
 * and `message` is the message `compilePolicy` throws (one line per problem); otherwise one line.
 */
export class FixgenError extends Error {
  constructor(message: string, readonly problems: readonly PolicyProblem[] = []) {
    super(message);
    this.name = 'FixgenError';
  }
}

/** An origin rule, parsed once. */
export type OriginRule =
  | { kind: 'exact'; origin: string }
  /**
   * `https://*.example.com`: one label or more before `.example.com`, same scheme; `port` is `''`
   * (the default port), digits (`https://*.example.com:8443`) or `*` (`http://*.localhost:*`).
   */
  | { kind: 'subdomain'; source: string; scheme: string; suffix: string; port: string }
  /** `http://localhost:*`: the host on any port, including the scheme's default (no port). */
  | { kind: 'anyport'; source: string; scheme: string; host: string };

/** A validated policy, with defaults applied. */
export interface Policy {
  /** True for `origins: ["*"]` (with credentials only under `dangerouslyAllowAnyOriginWithCredentials`). */
  anyOrigin: boolean;
  /** The opaque origin `null` is allowed (`dangerouslyAllowNullOrigin`); not among `rules`. */
  allowNull: boolean;
  rules: OriginRule[];
  exact: string[];
  patterns: Exclude<OriginRule, { kind: 'exact' }>[];
  credentials: boolean;
  /** Every allowed method, upper-case: GET, HEAD, POST first, then the policy's others. */
  methods: string[];
  /** The methods a preflight can ask for that need listing (not CORS-safelisted). */
  extraMethods: string[];
  /** `methods` has `*`: any method (not in `methods`). */
  anyMethod: boolean;
  /** Lower-case request header names (`*` not included). */
  requestHeaders: string[];
  /** `requestHeaders` has `*`: any request header. */
  anyRequestHeader: boolean;
  /** Response header names as written (case kept, for readability; `*` not included). */
  exposeHeaders: string[];
  /** `exposeHeaders` has `*` (only without credentials): every response header. */
  anyExposeHeader: boolean;
  maxAge: number | undefined;
  /** corsight middleware's development switch (refused preflights answered 204 with the reason). */
  debug: boolean;
  /** The normalized config (round-trips through `renderPolicy`). */
  config: PolicyConfig;
}

/**
 * Policy features beyond plain lists that not every stack can express. A generator declares the
 * ones it renders; for the others `renderPolicy` renders a narrower policy and says so in a warning.
 */
export type PolicyFeature =
  | 'null-origin'
  | 'any-origin-with-credentials'
  | 'any-method'
  | 'any-request-header'
  | 'any-expose-header'
  | 'debug';

/** A stack generator. */
export interface StackGenerator {
  id: string;
  title: string;
  /** Short grouping for `--list`: `corsight`, `node`, `python`, `jvm`, `server`, `cloud`, ... */
  group: string;
  /** Features of `PolicyFeature` this generator renders (default none). */
  supports?: readonly PolicyFeature[];
  render(policy: Policy): Omit<RenderedFix, 'stack' | 'title' | 'policy'>;
}
