import { simulateIn } from '../src/engine/index.js';
const s: any = { page: 'http://127.0.0.1:8001/run.html', request: { url: 'http://127.0.0.1:8002/items' }, server: [{ url: 'http://127.0.0.1:8002/items', headers: [['Access-Control-Allow-Origin', '*']] }] };
for (let i = 0; i < 20000; i++) simulateIn(s, 'chromium');
const t = performance.now(); for (let i = 0; i < 200000; i++) simulateIn(s, 'chromium'); console.log((200000 / ((performance.now() - t) / 1000)).toFixed(0), '/s');
