/**
 * The status and header lines a `ServerResponse` actually serialized (its head, as it would go on
 * the wire), parsed back: what a client would receive, whether the code under test used
 * `setHeader` or `writeHead(status, [...])`. Ends the response first when nobody has.
 */
import type { ServerResponse } from 'node:http';

export function writtenHead(res: ServerResponse): { status: number; headers: Array<[string, string]> } {
  if (!res.headersSent) res.end();
  const head = (res as unknown as { _header: string | null })._header;
  if (typeof head !== 'string') throw new Error('the response wrote no head');
  const lines = head.split('\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0]!)?.[1]);
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    // Node's own framing headers are not the adapter's.
    if (name === 'date' || name === 'connection' || name === 'keep-alive' || name === 'transfer-encoding') continue;
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { status, headers };
}
