/**
 * Live check seam: a page cannot read another origin's blocked response, so the local corsight
 * server (`npm start`) probes the real URL and answers with the `corsight check --json` shape,
 * shown with the same result view. The page offers it only when that server announced itself in
 * the HTML it served:
 *
 *   <meta name="corsight-live-check" content="/api/check" data-token="PER-RUN-TOKEN">
 *
 * Contract: `POST content` with `Content-Type: application/json`, `X-Corsight-Token: token` and
 * the body `{ "page": <page URL>, "request": <scenario v1 request> }`; the answer is 200 with
 * `{ "name", "browsers": { "<browser>": { "runs": [DiagnosedRun...] } } }`, or a non-2xx status
 * with `{ "error": "one line" }`. Nothing is sent anywhere unless the user presses the button.
 */
import type { Scenario } from '../../src/engine/index.js';
import type { DiagnosedScenario } from '../../src/diagnose/report.js';

export interface LiveCheckConfig { endpoint: string; token: string }

/** The live-check endpoint announced by the serving page, or null (plain static hosting). */
export function liveCheckConfig(doc: Document): LiveCheckConfig | null {
  const meta = doc.querySelector<HTMLMetaElement>('meta[name="corsight-live-check"]');
  const endpoint = meta?.content.trim() ?? '';
  const token = meta?.dataset['token'] ?? '';
  if (endpoint === '' || token === '') return null;
  // Same origin only: the token must never be sent to another host.
  const url = new URL(endpoint, doc.baseURI);
  if (url.origin !== new URL(doc.baseURI).origin) return null;
  return { endpoint: url.href, token };
}

/** Asks the local server to probe the scenario's request for real. Throws one-line errors. */
export async function runLiveCheck(cfg: LiveCheckConfig, s: Scenario): Promise<DiagnosedScenario> {
  let res: Response;
  try {
    res = await fetch(cfg.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Corsight-Token': cfg.token },
      body: JSON.stringify({ page: s.page, request: s.request }),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new Error('the local corsight server did not answer (is `npm start` still running?)');
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new Error(`the local corsight server answered ${res.status} without JSON`);
  }
  if (!res.ok) {
    const msg = (body as { error?: unknown } | null)?.error;
    throw new Error(typeof msg === 'string' ? msg : `the local corsight server answered ${res.status}`);
  }
  const browsers = (body as { browsers?: unknown } | null)?.browsers;
  if (typeof browsers !== 'object' || browsers === null) throw new Error('the local corsight server answered without per-browser results');
  return body as DiagnosedScenario;
}
