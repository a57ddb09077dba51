import { recognize } from '../diagnose/explain.js';
import { explanationFor } from '../diagnose/explanations.js';
import { helpForMessage } from '../diagnose/message-fix.js';
import { renderExplainedMessages, renderExplanation } from '../render/explain.js';
import { CliError, styleFor, type Io } from './io.js';
import type { ParsedArgs } from './main.js';
import { policyForMessages, printFixes, renderOrFail, stackFrom } from './fix.js';

/**
 * `corsight explain "<pasted console message>"` and `corsight explain CODE`.
 * Exit 0 when recognized; 2 (one line) when the text is no CORS message corsight knows.
 */
export async function runExplain(args: ParsedArgs, io: Io): Promise<number> {
  const text = args.positionals.join(' ').trim();
  if (text === '') throw new CliError('explain needs a pasted console message (in quotes) or a failure code');
  const st = styleFor(io, args.values);
  const fixFor = args.values['fix-for'] === undefined ? null : stackFrom(args.values['fix-for'], '--fix-for');

  if (/^[A-Za-z0-9_]+$/.test(text)) {
    if (fixFor !== null) throw new CliError('--fix-for needs the pasted console message (a failure code alone names no origin)');
    const e = explanationFor(text);
    if (e === null) throw new CliError(`'${text}' is not a failure code corsight knows (see src/engine/codes.ts, or paste the whole console message)`);
    io.out(args.values['json'] ? JSON.stringify(e, null, 2) : renderExplanation(st, e));
    return 0;
  }

  const messages = recognize(text);
  if (messages.length === 0) {
    throw new CliError('not a CORS message corsight knows (paste the whole console line, e.g. "Access to fetch at … has been blocked by CORS policy: …")');
  }
  const explained = messages.map((message) => ({ message, help: helpForMessage(message) }));
  const fix = fixFor === null ? null : renderOrFail(policyForMessages(messages, args.values), fixFor);
  if (args.values['json']) {
    io.out(JSON.stringify({ input: text, messages: explained.map(({ message, help }) => ({ ...message, help })), ...(fix ? { fix } : {}) }, null, 2));
  } else {
    io.out(renderExplainedMessages(st, explained));
    if (fix) {
      io.out('');
      printFixes([fix], args, io);
    }
  }
  return 0;
}
