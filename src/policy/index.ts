/**
 * corsight/policy: a plain CORS config compiled once into an immutable, validated policy whose
 * per-request work is lookups only. Framework adapters live in `corsight/node`, `corsight/express`,
 * `corsight/fastify`, `corsight/koa` and `corsight/fetch`.
 */
export type { PolicyConfig } from './config.js';
export { compilePolicy, validatePolicyConfig, MAX_AGE_CAPS, MAX_MAX_AGE } from './compile.js';
export type { NormalizedPolicy } from './compile.js';
export { CorsPolicy } from './policy.js';
export type { CorsDecision, HeaderLine, Refusal, RequestHeaders } from './policy.js';
export { PolicyError, formatProblem } from './errors.js';
export type { PolicyProblem, PolicyProblemCode } from './errors.js';
export { MAX_REQUEST_HEADERS_LENGTH, MAX_REQUEST_HEADERS_ELEMENTS } from './request-headers.js';
export { MAX_ORIGIN_LENGTH, isSerializedOrigin } from './origin-matcher.js';
export { isPublicSuffix } from './public-suffix.js';
