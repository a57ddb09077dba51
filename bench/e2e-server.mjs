// Loopback server for the end-to-end part of bench/middleware.bench.ts, run in its own process so
// that its CPU time can be measured apart from the load generator's. argv[2]: bare | corsight.
// Prints its port; on the message "report" it sends { requests, cpuSeconds } over IPC.
import { createServer } from 'node:http';
import { corsight } from '../dist/middleware/node.js';

const variant = process.argv[2];
const cors = corsight({ origins: ['https://app.example.com', 'https://admin.example.com'], credentials: true, methods: ['PUT', 'DELETE'], requestHeaders: ['content-type', 'x-a'], exposeHeaders: ['x-request-id'], maxAge: 600 });
let requests = 0;
const end = (res) => { res.setHeader('x-request-id', '1'); res.end('ok'); };
const server = createServer(variant === 'corsight'
  ? (req, res) => { requests++; if (!cors(req, res)) end(res); }
  : (_req, res) => { requests++; end(res); });
let cpuStart = process.cpuUsage();
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (m) => {
  if (m === 'start') { requests = 0; cpuStart = process.cpuUsage(); }
  if (m === 'report') {
    const u = process.cpuUsage(cpuStart);
    process.send({ requests, cpuSeconds: (u.user + u.system) / 1e6 });
  }
  if (m === 'exit') server.close(() => process.exit(0));
});
