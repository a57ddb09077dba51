// ESLint rule `corsight/layering`: imports only go down the layers of DEVELOPERS.md.
//   engine → diagnose → policy → middleware ; analyze (observed exchanges → scenarios, findings) ;
//   fixgen (policy → config for a stack) ; render ; io (the only I/O) ; cli (over everything).
// A layer may import itself and the layers listed for it; `node:*` and npm packages only where allowed.
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** layer → { may import these layers, may use node builtins, may use npm packages } */
const LAYERS = {
  engine: { imports: ['engine'], node: false, packages: false },
  diagnose: { imports: ['engine', 'diagnose'], node: false, packages: false },
  policy: { imports: ['engine', 'diagnose', 'policy'], node: false, packages: false },
  middleware: { imports: ['engine', 'diagnose', 'policy', 'middleware'], node: true, packages: false },
  analyze: { imports: ['engine', 'diagnose', 'analyze'], node: false, packages: false },
  fixgen: { imports: ['engine', 'diagnose', 'policy', 'fixgen'], node: false, packages: false },
  render: { imports: ['engine', 'diagnose', 'analyze', 'fixgen', 'render'], node: false, packages: false },
  io: { imports: ['engine', 'diagnose', 'policy', 'analyze', 'io'], node: true, packages: true },
  cli: {
    imports: ['engine', 'diagnose', 'policy', 'middleware', 'analyze', 'fixgen', 'render', 'io', 'cli'],
    node: true, packages: true,
  },
};
const INDEX = ['index'];

function layerOf(file) {
  const rel = path.relative(path.join(ROOT, 'src'), file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const first = rel.split(path.sep)[0];
  if (rel === 'index.ts' || INDEX.includes(first)) return 'index';
  return first in LAYERS ? first : null;
}

const isTest = (file) => /\.test\.ts$/.test(file);

export default {
  rules: {
    layering: {
      meta: { type: 'problem', docs: { description: 'imports only go down the corsight layers' }, schema: [] },
      create(context) {
        const file = context.filename;
        const layer = layerOf(file);
        if (layer === null || layer === 'index' || isTest(file)) return {};
        const rules = LAYERS[layer];
        function check(node, source) {
          if (typeof source !== 'string') return;
          if (source.startsWith('node:') || ['fs', 'path', 'http', 'https', 'net', 'url', 'os', 'child_process'].includes(source)) {
            if (!rules.node) context.report({ node, message: `src/${layer} may not import Node built-in '${source}'` });
            return;
          }
          if (!source.startsWith('.')) {
            if (!rules.packages) context.report({ node, message: `src/${layer} may not import the package '${source}' (no runtime dependencies)` });
            return;
          }
          const target = path.resolve(path.dirname(file), source);
          const targetLayer = layerOf(target);
          if (targetLayer === null) {
            context.report({ node, message: `src/${layer} may not import '${source}' from outside src/` });
          } else if (targetLayer === 'index' || !rules.imports.includes(targetLayer)) {
            context.report({ node, message: `src/${layer} may not import src/${targetLayer} (imports only go down the layers)` });
          }
        }
        return {
          ImportDeclaration: (n) => check(n, n.source.value),
          ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
          ExportAllDeclaration: (n) => check(n, n.source.value),
          ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
        };
      },
    },
  },
};
