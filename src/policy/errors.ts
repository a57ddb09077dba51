/**
 * Policy validation problems as data. `compilePolicy` collects every problem of a config and throws
 * one `PolicyError` holding all of them; each renders to a one-line message starting `corsight:`.
 */

/** What is wrong, as a stable code (data, never parsed from messages). */
export type PolicyProblemCode =
  | 'INVALID_CONFIG'
  | 'UNKNOWN_OPTION'
  | 'INVALID_TYPE'
  | 'NO_ORIGINS'
  | 'INVALID_ORIGIN'
  | 'NON_CANONICAL_ORIGIN'
  | 'NULL_ORIGIN'
  | 'WILDCARD_ORIGIN_NOT_ALONE'
  | 'WILDCARD_ORIGIN_WITH_CREDENTIALS'
  | 'PUBLIC_SUFFIX_WILDCARD'
  | 'INSECURE_ORIGIN_WITH_CREDENTIALS'
  | 'INVALID_METHOD'
  | 'FORBIDDEN_METHOD'
  | 'NON_CANONICAL_METHOD'
  | 'INVALID_HEADER_NAME'
  | 'FORBIDDEN_REQUEST_HEADER_NAME'
  | 'FORBIDDEN_RESPONSE_HEADER_NAME'
  | 'WILDCARD_EXPOSE_WITH_CREDENTIALS'
  | 'INVALID_MAX_AGE';

/** One validation problem: `{ code, option, value, reason }`, plus a suggested replacement when there is one. */
export interface PolicyProblem {
  readonly code: PolicyProblemCode;
  /** The config option concerned, e.g. `origins`, `maxAge`. */
  readonly option: string;
  /** The offending value as given. */
  readonly value: unknown;
  /** Why it is refused, one sentence. */
  readonly reason: string;
  /** The value to write instead (e.g. the canonical origin), when there is one. */
  readonly suggestion?: string;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const s = JSON.stringify(value);
    if (s !== undefined) return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    // fall through
  }
  return String(value);
}

/** `corsight: origins: "https://Example.com/" is not a canonical origin (...); use "https://example.com"`. */
export function formatProblem(p: PolicyProblem): string {
  const help = p.suggestion === undefined ? '' : `; use ${JSON.stringify(p.suggestion)}`;
  return `corsight: ${p.option}: ${show(p.value)} ${p.reason}${help} [${p.code}]`;
}

/** Thrown by `compilePolicy`: every problem of the config at once. */
export class PolicyError extends Error {
  readonly problems: readonly PolicyProblem[];
  constructor(problems: readonly PolicyProblem[]) {
    const lines = problems.map(formatProblem);
    super(
      lines.length === 1
        ? lines[0]!
        : `corsight: invalid CORS policy (${lines.length} problems)\n${lines.map((l) => `  ${l}`).join('\n')}`,
    );
    this.name = 'PolicyError';
    this.problems = Object.freeze(problems.map((p) => Object.freeze({ ...p })));
  }
}
