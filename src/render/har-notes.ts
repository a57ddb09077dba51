/** The sentences of the HAR notes (src/analyze/har-notes.ts). */
import type { HarNote, NotedRequest } from '../analyze/har-notes.js';

const requests = (rs: readonly NotedRequest[]): string => rs.map((r) => `${r.method} ${r.url}`).join(', ');

/** One note as `corsight har` prints it (and its --json `notes` lists). */
export function harNoteText(n: HarNote): string {
  switch (n.code) {
    case 'UNSENT_AFTER_PREFLIGHT':
      return `the browser did not send ${requests(n.requests)} (its preflight failed; no answer in the HAR): judged as if it were answered with the right CORS headers; check that response too once the preflight passes.`;
    case 'NO_ANSWER':
      return `the HAR holds no answer for ${requests(n.requests)} (status 0${n.error ? `, ${n.error}` : ''}): judged as an answer without CORS headers, the usual cause; the real status and headers are not in the file.`;
    case 'ASSUMED_CACHED_PREFLIGHT':
      return `no preflight in the HAR for ${n.urls.join(', ')} although the request needs one and went out: the browser used a cached preflight (Access-Control-Max-Age), it was sent before recording started, or the exporter does not record preflights (Chrome before DevTools showed them); the rest is judged as if that preflight had allowed the request.`;
    case 'CREDENTIALS_INFERRED':
      return `no cookies were sent, but ${n.recorder} blocked the request, which the recorded responses explain only if the page used credentials: 'include' (or withCredentials): judged with credentials (inferred, not recorded).`;
    case 'SANITIZED_HEADERS':
      return `the preflight asked for ${n.headers.join(', ')}, which the recorded request lacks (a sanitized export drops Authorization and Cookie): judged with a stand-in value.`;
    case 'PAGE_FROM_HEADER':
      return `page origin taken from the request's ${n.header} header (the HAR names no page URL for it).`;
    case 'PREFLIGHT_ONLY':
      return 'only the preflight is in the HAR: the browser did not send the request (the preflight failed) or the recording stopped; the request is rebuilt from Access-Control-Request-Method/-Headers.';
    case 'REDIRECT_NOT_FOLLOWED':
      return `the redirect to ${n.location} is not followed in the HAR (the browser stopped at the redirect, or the recording did); the target is judged as unanswered.`;
    case 'FROM_BROWSER_CACHE':
      return 'served from the browser cache: the CORS check still applies to the cached response.';
    case 'NETWORK_ERROR':
      return `${n.error}: a network failure, not a CORS failure; the server's answer is not in the HAR.`;
    case 'NO_RESOURCE_TYPE':
      return 'the HAR has no resource type (Firefox does not write one): treated as fetch because the request carries an Origin header.';
    case 'RECORDER_CANNOT_SHOW_BLOCK':
      return n.replayBlocked
        ? 'Firefox records the response even when CORS blocks it from the page; the HAR cannot show the block.'
        : 'Firefox records the response whether or not CORS let the page read it; the HAR cannot confirm that it was allowed.';
    case 'REPLAY_DISAGREES':
      return `the HAR shows the request ${n.harFailed ? 'failing' : 'succeeding'} in ${n.recorder}, the replay says ${n.replayBlocked ? 'blocked' : 'allowed'}: the HAR may lack a response header (DevTools omits some) or the page used options the HAR does not record.`;
  }
}
