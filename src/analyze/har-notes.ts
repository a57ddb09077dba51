/**
 * What a HAR judgment had to assume or could not see, as data (code and typed fields); the
 * sentences are rendered from them by src/render/har-notes.ts.
 */
import type { BrowserId } from '../engine/index.js';

/** A request of the chain, by method and URL. */
export interface NotedRequest {
  method: string;
  url: string;
}

export type HarNote =
  /** Requests the browser never sent (their preflight failed): judged as answered with the right CORS headers. */
  | { code: 'UNSENT_AFTER_PREFLIGHT'; requests: NotedRequest[] }
  /** Requests with status 0 and no preflight: judged as answers without CORS headers. `error`: the first one's. */
  | { code: 'NO_ANSWER'; requests: NotedRequest[]; error: string | null }
  /** URLs that needed a preflight the HAR lacks: judged as if a cached preflight had allowed them. */
  | { code: 'ASSUMED_CACHED_PREFLIGHT'; urls: string[] }
  /** The recording browser blocked a cookieless request only credentials explain: judged with credentials. */
  | { code: 'CREDENTIALS_INFERRED'; recorder: BrowserId }
  /** Headers the preflight asked for that the recorded request lacks (a sanitized export): stand-in values. */
  | { code: 'SANITIZED_HEADERS'; headers: string[] }
  /** The page origin came from a request header, not from the HAR's page. */
  | { code: 'PAGE_FROM_HEADER'; header: 'Origin' | 'Referer' }
  | { code: 'PREFLIGHT_ONLY' }
  | { code: 'REDIRECT_NOT_FOLLOWED'; location: string }
  | { code: 'FROM_BROWSER_CACHE' }
  | { code: 'NETWORK_ERROR'; error: string | null }
  /** No resource type in the HAR (Firefox writes none): treated as fetch. */
  | { code: 'NO_RESOURCE_TYPE' }
  /** Firefox's HAR answers blocked and allowed responses alike: `replayBlocked` is the replay's verdict. */
  | { code: 'RECORDER_CANNOT_SHOW_BLOCK'; replayBlocked: boolean }
  /** The HAR and the replay disagree for the recording browser. */
  | { code: 'REPLAY_DISAGREES'; recorder: BrowserId; harFailed: boolean; replayBlocked: boolean };
