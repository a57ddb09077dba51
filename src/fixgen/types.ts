/**
 * Data shapes of the fix generators: one policy in, one rendered fix out. Formatters (src/render)
 * turn a `RenderedFix` into text; the CLI prints it or its JSON.
 */
import type { PolicyConfig } from '../policy/config.js';

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
  /** The policy it was rendered from (normalized: methods include GET, HEAD, POST). */
  policy: PolicyConfig;
}

/** A structural problem in a policy given to `renderPolicy`. */
export interface PolicyProblem {
  option: string;
  value: unknown;
  reason: string;
}

/** Thrown by `renderPolicy` for an invalid policy or an unknown stack; `message` is one line. */
export class FixgenError extends Error {
  constructor(message: string, readonly problems: PolicyProblem[] = []) {
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
  /** True for `origins: ["*"]` (never with credentials). */
  anyOrigin: boolean;
  rules: OriginRule[];
  exact: string[];
  patterns: Exclude<OriginRule, { kind: 'exact' }>[];
  credentials: boolean;
  /** Every allowed method, upper-case: GET, HEAD, POST first, then the policy's others. */
  methods: string[];
  /** The methods a preflight can ask for that need listing (not CORS-safelisted). */
  extraMethods: string[];
  /** Lower-case request header names. */
  requestHeaders: string[];
  /** Response header names as written (case kept, for readability). */
  exposeHeaders: string[];
  maxAge: number | undefined;
  /** The normalized config (round-trips through `renderPolicy`). */
  config: PolicyConfig;
}

/** A stack generator. */
export interface StackGenerator {
  id: string;
  title: string;
  /** Short grouping for `--list`: `corsight`, `node`, `python`, `jvm`, `server`, `cloud`, ... */
  group: string;
  render(policy: Policy): Omit<RenderedFix, 'stack' | 'title' | 'policy'>;
}
