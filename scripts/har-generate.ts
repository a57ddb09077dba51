// Generates big HAR files for the benchmark and the bounded-memory test: the entries of a recorded
// fixture repeated in order, each request URL made unique (`?n=<i>`, so no two judgments are the
// same), optionally padded with response bodies (`content.text`) to reach a file size. Written as a
// stream: the generator itself never holds the file.
//
//   node --import tsx scripts/har-generate.ts OUT.har [--entries 10000] [--pad-bytes 5000] [--fixture test/har/chromium-failures.har]
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

export interface GenerateOptions {
  /** How many entries to write (default 10,000). */
  entries?: number;
  /** Bytes of response body text added to every entry (default 0). */
  padBytes?: number;
  /** The recorded HAR whose entries are repeated (default test/har/chromium-failures.har). */
  fixture?: string;
  /** Write `log.pages` after `log.entries` (default false, as DevTools do). */
  pagesLast?: boolean;
  /** Make URLs unique in their query (default; like real calls with new parameters) or in their path. */
  vary?: 'query' | 'path';
}

const DEFAULT_FIXTURE = fileURLToPath(new URL('../test/har/chromium-failures.har', import.meta.url));

/** Writes the HAR; resolves with its size in bytes. */
export async function generateHar(file: string, o: GenerateOptions = {}): Promise<number> {
  const n = o.entries ?? 10000;
  const har = JSON.parse(readFileSync(o.fixture ?? DEFAULT_FIXTURE, 'utf8')) as { log: { entries: Record<string, unknown>[]; pages: unknown[]; creator: unknown } };
  const src = har.log.entries;
  const pad = 'x'.repeat(o.padBytes ?? 0);
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  const pages = `"pages": ${JSON.stringify(har.log.pages)}`;
  await write(`{\n  "log": {\n    "version": "1.2",\n    "creator": ${JSON.stringify(har.log.creator)},\n`);
  if (o.pagesLast !== true) await write(`    ${pages},\n`);
  await write('    "entries": [\n');
  const cycle = src.length;
  for (let i = 0; i < n; i++) {
    const round = Math.floor(i / cycle);
    const e = structuredClone(src[i % cycle]!) as { request: { url: string; headers: { name: string; value: string }[] }; response: { redirectURL: string; content: { text?: string; size: number }; headers: { name: string; value: string }[] } };
    // Unique URLs per round; redirect targets and preflights follow their request.
    const tag = (u: string): string => {
      if (u === '') return u;
      if (o.vary !== 'path') return `${u}${u.includes('?') ? '&' : '?'}n=${round}`;
      const url = new URL(u);
      url.pathname = `/r${round}${url.pathname}`;
      return url.href;
    };
    e.request.url = tag(e.request.url);
    e.response.redirectURL = tag(e.response.redirectURL);
    for (const h of e.response.headers) if (h.name.toLowerCase() === 'location') h.value = tag(h.value);
    if (pad !== '') {
      e.response.content.text = pad;
      e.response.content.size = pad.length;
    }
    await write(`      ${JSON.stringify(e)}${i + 1 < n ? ',' : ''}\n`);
  }
  await write('    ]');
  if (o.pagesLast === true) await write(`,\n    ${pages}`);
  await write('\n  }\n}\n');
  out.end();
  await once(out, 'finish');
  return bytes;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { entries: { type: 'string' }, 'pad-bytes': { type: 'string' }, fixture: { type: 'string' }, 'pages-last': { type: 'boolean' } },
  });
  if (positionals[0] === undefined) throw new Error('usage: har-generate.ts OUT.har [--entries N] [--pad-bytes N]');
  const size = await generateHar(positionals[0], {
    entries: values.entries !== undefined ? Number(values.entries) : undefined,
    padBytes: values['pad-bytes'] !== undefined ? Number(values['pad-bytes']) : undefined,
    fixture: values.fixture,
    pagesLast: values['pages-last'],
  });
  console.error(`${positionals[0]}: ${(size / 1e6).toFixed(1)} MB`);
}
