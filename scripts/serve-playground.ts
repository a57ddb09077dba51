// Serves the built playground (npm run build:playground) on 127.0.0.1 only and prints its URL.
//   npm run serve:playground [-- --port 5173]
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/io/static-server.js';

const root = fileURLToPath(new URL('../playground/dist/', import.meta.url));
let port = 5173;
try {
  const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: true });
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got '${values.port}'`);
  }
} catch (e) {
  console.error(`serve-playground: ${(e as Error).message.split('\n')[0]}`);
  process.exit(2);
}
if (!existsSync(`${root}index.html`)) {
  console.error('serve-playground: playground/dist is missing; run `npm run build:playground` first');
  process.exit(2);
}
try {
  const s = await serveStatic({ root, port });
  console.log(`corsight playground: ${s.url}  (127.0.0.1 only; Ctrl-C stops)`);
  const stop = (): void => { void s.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  console.error(`serve-playground: ${(e as Error).message}`);
  process.exit(2);
}
