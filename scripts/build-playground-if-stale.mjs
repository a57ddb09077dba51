// `npm start` runs this first: builds the playground (playground/dist) when it is missing or older
// than its sources, so `npm install && npm start` serves the current page. Prints one line.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'playground', 'dist', 'index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path)) {
    if (e === 'dist' || e === 'node_modules' || e === 'screenshots' || e.endsWith('.test.ts')) continue;
    max = Math.max(max, newest(join(path, e)));
  }
  return max;
}

const sources = Math.max(...['playground', 'src', 'examples'].map((d) => newest(join(root, d))));
if (existsSync(built) && statSync(built).mtimeMs >= sources) process.exit(0);
console.log('corsight: building the playground (npm run build:playground)…');
const r = spawnSync('npm', ['run', '--silent', 'build:playground'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) {
  console.error('corsight: the playground did not build; the demo runs without it');
}
