import { CliError, type Io } from './io.js';
import type { ParsedArgs } from './main.js';

export async function runExplain(args: ParsedArgs, io: Io): Promise<number> {
  void io;
  if (args.positionals.length === 0) throw new CliError('explain needs a pasted console message or a failure code');
  throw new CliError('explain is not available yet');
}
