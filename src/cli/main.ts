import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runSimulate } from './simulate.js';
import { runExplain } from './explain.js';
import { runDemo } from './demo.js';
import { runFix } from './fix.js';
import { runCheck } from './check.js';
import { runHar } from './har.js';
import { CliError, type Io } from './io.js';

const VERSION = '0.1.0';

const HELP = `corsight — what the browser does with your cross-origin request, and the header that fixes it

Usage:
  corsight simulate FILE...     simulate scenario files (docs/scenario-format.md) in each browser
  corsight explain "MESSAGE"    explain a pasted CORS console message (Chromium, Firefox, Safari/WebKit)
  corsight explain CODE         the long explanation of a failure code (e.g. PREFLIGHT_INVALID_STATUS)
  corsight check URL --origin O send the request as each browser would, diagnose the real answers
  corsight har FILE.har         re-judge every cross-origin fetch/XHR of a DevTools HAR export per browser
  corsight demo                 start a demo API on loopback, check its endpoints, keep serving
  corsight fix --stack STACK    the CORS configuration for a stack, from --policy FILE.json or flags
  corsight fix --list           the stacks (nginx, express, fastapi, s3, ...)

Options:
  --browser LIST   chromium, firefox, webkit, spec or all (default: all); comma-separated
  --json           machine-readable output
  --markdown       Markdown output (simulate)
  --color/--no-color  force or disable ANSI colors (NO_COLOR is respected)
  check: -X METHOD, -H 'Name: value' (repeatable), -d/--data BODY, --credentials include,
         --api fetch|xhr, --timeout 10s, -k/--insecure, --verbose (raw exchanges)
  demo:  --port N (default 4580, a free one if taken), --once (check, print, exit)
  --fix-for STACK  simulate/explain/check/har: also print the configuration that fixes it on STACK

Policy flags (fix, --fix-for):
  --policy FILE    a policy JSON file ({"origins": [...], "credentials": true, ...})
  --origin ORIGIN  an allowed origin (repeatable; https://*.example.com, http://localhost:* patterns)
  --credentials    allow credentials (cookies, Authorization)
  --methods LIST   extra allowed methods, comma-separated (PUT,DELETE)
  --headers LIST   allowed request headers, comma-separated (content-type,authorization)
  --expose LIST    response headers exposed to script
  --max-age SECS   Access-Control-Max-Age (0..86400)
  -h, --help       this help
  -v, --version    the version

Exit status: 0 allowed everywhere, 1 blocked in some browser, 2 bad input or network error.`;

const OPTIONS: ParseArgsConfig['options'] = {
  browser: { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  stack: { type: 'string' },
  'fix-for': { type: 'string' },
  list: { type: 'boolean' },
  policy: { type: 'string' },
  origin: { type: 'string', multiple: true },
  credentials: { type: 'boolean' },
  methods: { type: 'string' },
  headers: { type: 'string' },
  expose: { type: 'string' },
  'max-age': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  // check (--origin and --credentials are shared with fix, above)
  request: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  data: { type: 'string', short: 'd' },
  'credentials-mode': { type: 'string' },
  api: { type: 'string' },
  timeout: { type: 'string' },
  insecure: { type: 'boolean', short: 'k' },
  verbose: { type: 'boolean' },
  // demo
  port: { type: 'string' },
  once: { type: 'boolean' },
};

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

const CREDENTIALS_MODES = ['include', 'omit', 'same-origin'];

/**
 * `--credentials` alone is a switch (fix: allow credentials; check: send them); `--credentials
 * include|omit|same-origin` and `--credentials=MODE` name a fetch credentials mode (check).
 */
function credentialsArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1] ?? '';
    // A following word that is no option and no URL is the mode (validated by the command).
    if (a === '--credentials' && (CREDENTIALS_MODES.includes(next) || /^[a-z][a-z-]*$/i.test(next))) out.push('--credentials-mode', argv[++i]!);
    else if (a.startsWith('--credentials=')) out.push('--credentials-mode', a.slice('--credentials='.length));
    else out.push(a);
  }
  return out;
}

function parse(argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: credentialsArgs(argv), options: OPTIONS, allowPositionals: true, strict: true });
    return { command: positionals[0], positionals: positionals.slice(1), values: values as ParsedArgs['values'] };
  } catch (e) {
    throw new CliError((e as Error).message.split('\n')[0]!.replace(/\. To specify a positional.*$/, ''));
  }
}

/** The CLI entry: returns the exit status. Never throws for bad input (one line on stderr, 2). */
export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  try {
    const args = parse(argv);
    if (args.values['version']) {
      io.out(VERSION);
      return 0;
    }
    if (args.values['help'] || args.command === undefined || args.command === 'help') {
      io.out(HELP);
      return args.command === undefined && !args.values['help'] ? 2 : 0;
    }
    switch (args.command) {
      case 'simulate':
        return await runSimulate(args, io);
      case 'explain':
        return await runExplain(args, io);
      case 'check':
        return await runCheck(args, io);
      case 'demo':
        return await runDemo(args, io);
      case 'har':
        return await runHar(args, io);
      case 'fix':
        return await runFix(args, io);
      default:
        throw new CliError(`unknown command '${args.command}' (try: simulate, explain, check, har, demo, fix; see --help)`);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`corsight: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

function defaultIo(): Io {
  // A reader that stops early (`corsight har --json big.har | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}
