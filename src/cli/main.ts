import { parseArgs, type ParseArgsConfig } from 'node:util';
import { runSimulate } from './simulate.js';
import { runExplain } from './explain.js';
import { runDemo } from './demo.js';
import { runHar } from './har.js';
import { CliError, type Io } from './io.js';

const VERSION = '0.1.0';

const HELP = `corsight — what the browser does with your cross-origin request, and the header that fixes it

Usage:
  corsight simulate FILE...     simulate scenario files (docs/scenario-format.md) in each browser
  corsight explain "MESSAGE"    explain a pasted CORS console message (Chromium, Firefox, Safari/WebKit)
  corsight explain CODE         the long explanation of a failure code (e.g. PREFLIGHT_INVALID_STATUS)
  corsight demo                 simulate the bundled example scenarios
  corsight har FILE.har         re-judge every cross-origin fetch/XHR of a DevTools HAR export per browser

Options:
  --browser LIST   chromium, firefox, webkit, spec or all (default: all); comma-separated
  --json           machine-readable output
  --markdown       Markdown output (simulate)
  --color/--no-color  force or disable ANSI colors (NO_COLOR is respected)
  -h, --help       this help
  -v, --version    the version

Exit status: 0 allowed everywhere, 1 blocked in some browser, 2 bad input.`;

const OPTIONS: ParseArgsConfig['options'] = {
  browser: { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

function parse(argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
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
      case 'demo':
        return await runDemo(args, io);
      case 'har':
        return await runHar(args, io);
      default:
        throw new CliError(`unknown command '${args.command}' (try: simulate, explain, demo, har; see --help)`);
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
