/**
 * Streaming HAR reader: walks a HAR file chunk by chunk and hands over `log.pages` and
 * `log.entries` one element at a time, so a 50 MB export is read with memory bounded by the
 * largest single entry, not by the file.
 *
 * The skeleton (`{ "log": { "version", "creator", "pages": [...], "entries": [...] } }`) is
 * checked by a small hand-written JSON scanner; each element of `pages` and `entries` is cut out
 * by tracking strings and brackets across chunks and parsed alone with `JSON.parse`. Any
 * malformation becomes a {@link HarFormatError} naming what is wrong, where (byte offset, JSON
 * path, entry index) — never a stack trace.
 */
import { createReadStream } from 'node:fs';
import { Buffer } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

/** A malformed HAR file: one line, what and where. */
export class HarFormatError extends Error {
  constructor(
    message: string,
    /** Byte offset in the file where the problem was found, when known. */
    readonly offset?: number,
    /** JSON path of the value concerned, e.g. `$.log.entries[12].request`. */
    readonly path?: string,
  ) {
    super(message);
  }
}

/** What the skeleton of the file holds, besides entries. */
export interface HarHeader {
  version: string | null;
  creator: unknown;
  browser: unknown;
}

/** Callbacks for {@link readHarStream}. */
export interface HarStreamHandlers {
  /** Each element of `log.pages`, in order. */
  page?(page: unknown, index: number): void;
  /** Each element of `log.entries`, in order. */
  entry?(entry: unknown, index: number): void;
  /** Called when `log.version` (etc.) is read; may throw a HarFormatError to stop. */
  header?(h: HarHeader): void;
  /** Called when `log.entries` starts; `pagesSeen` says whether `log.pages` came before it. */
  entriesStart?(pagesSeen: boolean): void;
}

/** Options for {@link readHarStream}: tests use a small chunk size to cross every boundary. */
export interface HarStreamOptions {
  /** Bytes per read (default 1 MiB). */
  chunkSize?: number;
  /** Skip the elements of `log.entries` without parsing them (a pages-only pass). */
  skipEntries?: boolean;
}

/**
 * A value being cut out (or skipped): where its retained text starts in `buf`, the bracket depth
 * inside it, and, once a huge string was dropped from it, the text kept before that string.
 */
interface Cut {
  start: number;
  depth: number;
  path: string;
  target: 'page' | 'entry' | 'header' | 'skip';
  index: number;
  /** Text of the value before a dropped string (each dropped string leaves `""`). */
  pieces?: string[];
  /** Byte offset of the value's first character, kept once text before `start` was dropped. */
  firstByte?: number;
  /** Inside a string being dropped: whether the last character seen was an escaping backslash. */
  dropping?: { escaped: boolean };
}

/** Strings longer than this inside an entry (response bodies) are dropped while reading: memory stays bounded. */
export const MAX_STRING = 1 << 20;

type Container = { kind: 'obj'; key: string | null; state: 'key' | 'colon' | 'value' | 'comma'; path: string }
  | { kind: 'arr'; index: number; state: 'value' | 'comma'; path: string };

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

/**
 * Reads a HAR file as a stream of pages and entries.
 * @throws HarFormatError for malformed files, Error (with `code`) for unreadable ones.
 * @example
 * await readHarStream('session.har', { entry: (e, i) => console.log(i, (e as any).request.url) });
 */
export async function readHarStream(file: string, on: HarStreamHandlers, options: HarStreamOptions = {}): Promise<HarHeader> {
  const scanner = new HarScanner(on, options.skipEntries === true);
  const stream = createReadStream(file, { highWaterMark: options.chunkSize ?? 1 << 20 });
  const decoder = new StringDecoder('utf8');
  for await (const chunk of stream as AsyncIterable<Buffer>) scanner.push(decoder.write(chunk));
  scanner.push(decoder.end());
  return scanner.finish();
}

/** The scanner behind {@link readHarStream}; exported for tests that feed it strings directly. */
export class HarScanner {
  private buf = '';
  private pos = 0;
  /** Bytes of the file before `buf[0]`. */
  private base = 0;
  private stack: Container[] = [];
  private started = false;
  private done = false;
  /** A value being cut out (or skipped): where it starts in `buf`, the bracket depth inside it. */
  private cut: Cut | null = null;
  private pagesSeen = false;
  private entriesSeen = false;
  private logSeen = false;
  private header: HarHeader = { version: null, creator: undefined, browser: undefined };
  private pageCount = 0;
  private entryCount = 0;

  constructor(private readonly on: HarStreamHandlers, private readonly skipEntries = false) {}

  /** Feeds decoded text. */
  push(text: string): void {
    if (text.length === 0) return;
    this.buf += text;
    this.run(false);
    this.compact();
  }

  /** Ends the input; throws if the document is incomplete. */
  finish(): HarHeader {
    this.run(true);
    if (!this.started) throw this.error('empty file: expected a HAR document { "log": { ... } }', '$');
    if (!this.done) {
      const end = this.byteAt(this.buf.length);
      if (this.cut !== null && this.cut.target !== 'skip') {
        const start = this.cut.firstByte ?? this.byteAt(this.cut.start);
        throw new HarFormatError(`truncated file: it ends at byte ${end} inside ${this.cut.path.slice(2)}, which starts at byte ${start}`, start, this.cut.path);
      }
      const path = this.cut?.path ?? this.stack.at(-1)?.path ?? '$';
      throw new HarFormatError(`truncated file: it ends at byte ${end} inside ${path === '$' ? 'the document' : path.slice(2)}`, end, path);
    }
    if (!this.logSeen) throw this.error('not a HAR file: the top-level object has no "log"', '$');
    if (!this.entriesSeen) throw this.error('not a HAR file: log.entries is missing', '$.log');
    return this.header;
  }

  get entriesRead(): number {
    return this.entryCount;
  }

  /** Drops consumed text (keeping an unfinished cut), advancing the byte base. */
  private compact(): void {
    const keep = this.cut !== null && this.cut.target !== 'skip' ? this.cut.start : this.pos;
    if (keep === 0) return;
    this.base += Buffer.byteLength(this.buf.slice(0, keep), 'utf8');
    this.buf = this.buf.slice(keep);
    this.pos -= keep;
    if (this.cut !== null) this.cut.start -= keep;
  }

  private byteAt(i: number): number {
    return this.base + Buffer.byteLength(this.buf.slice(0, Math.min(i, this.buf.length)), 'utf8');
  }

  private error(msg: string, path: string, at: number = this.pos): HarFormatError {
    const offset = this.byteAt(at);
    return new HarFormatError(`${msg} (at byte ${offset}, ${path})`, offset, path);
  }

  private run(eof: boolean): void {
    while (true) {
      if (this.cut !== null) {
        if (!this.scanCut()) return;
        continue;
      }
      if (!this.step(eof)) return;
    }
  }

  /** Advances through the inside of a cut value; true when it is complete. */
  private scanCut(): boolean {
    const c = this.cut!;
    const buf = this.buf;
    let i = this.pos;
    let depth = c.depth;
    const n = buf.length;
    if (c.dropping !== undefined) {
      // Inside a dropped string: find its closing quote, honouring escapes across chunks.
      let escaped = c.dropping.escaped;
      while (i < n) {
        const ch = buf.charCodeAt(i);
        if (escaped) escaped = false;
        else if (ch === 0x5c) escaped = true;
        else if (ch === 0x22) break;
        i++;
      }
      if (i === n) {
        c.dropping.escaped = escaped;
        this.pos = n;
        c.start = n; // nothing of the string is kept
        return false;
      }
      c.dropping = undefined;
      c.start = i; // the closing quote: the retained text resumes here
      i++;
    }
    while (i < n) {
      const ch = buf.charCodeAt(i);
      if (ch === 0x22) {
        const end = stringEnd(buf, i + 1);
        if (end < 0 || end - i > MAX_STRING) {
          if (end < 0 && n - i <= MAX_STRING) {
            // Unfinished string: resume at its opening quote when more text arrives.
            this.pos = i;
            c.depth = depth;
            return false;
          }
          // A huge string (a response body): keep `"` + `"` in its place, drop the rest.
          c.firstByte ??= this.byteAt(c.start);
          if (c.target !== 'skip') (c.pieces ??= []).push(buf.slice(c.start, i + 1));
          if (end >= 0) {
            c.start = end;
            i = end + 1;
            continue;
          }
          c.dropping = { escaped: false };
          this.pos = i + 1;
          c.depth = depth;
          return this.scanCut();
        }
        i = end + 1;
        continue;
      }
      if (ch === 0x7b || ch === 0x5b) depth++;
      else if (ch === 0x7d || ch === 0x5d) {
        depth--;
        if (depth === 0) {
          i++;
          this.pos = i;
          this.cut = null;
          const rest = buf.slice(c.start, i);
          this.finishCut(c, c.pieces === undefined ? rest : c.pieces.join('') + rest);
          return true;
        }
      }
      i++;
    }
    this.pos = i;
    c.depth = depth;
    return false;
  }

  private finishCut(c: Cut, text: string): void {
    this.afterValue();
    if (c.target === 'skip') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      const rel = m ? Number(m[1]) : 0;
      const what = ((e as Error).message.split(/ in JSON| \(line|, "/)[0] ?? 'invalid JSON').replace(/\.$/, '');
      if (c.firstByte !== undefined) {
        throw new HarFormatError(`invalid JSON in ${c.path}: ${what} (in the value starting at byte ${c.firstByte})`, c.firstByte, c.path);
      }
      const offset = this.byteAt(c.start) + Buffer.byteLength(text.slice(0, rel), 'utf8');
      throw new HarFormatError(`invalid JSON in ${c.path}: ${what} (at byte ${offset})`, offset, c.path);
    }
    this.deliver(c.target, c.path, c.index, value, c.start);
  }

  private deliver(target: 'page' | 'entry' | 'header', path: string, index: number, value: unknown, start: number): void {
    if (target === 'page') {
      this.on.page?.(value, index);
    } else if (target === 'entry') {
      this.on.entry?.(value, index);
    } else {
      const key = path.slice('$.log.'.length) as 'version' | 'creator' | 'browser';
      if (key === 'version') {
        if (typeof value !== 'string') throw this.error(`log.version must be a string, got ${describe(value)}`, path, start);
        this.header.version = value;
      } else this.header[key] = value;
      this.on.header?.(this.header);
    }
  }

  /** Which value starts at the current position, and what to do with it. */
  private startValue(path: string, eof: boolean): boolean {
    const buf = this.buf;
    const i = this.pos;
    const ch = buf.charCodeAt(i);
    const depthHere = this.stack.length;
    const parent = this.stack.at(-1);
    // Values we keep whole: elements of pages/entries, log.version/creator/browser.
    let target: 'page' | 'entry' | 'header' | 'skip' | 'walk' = 'skip';
    let index = 0;
    if (depthHere === 0 || (depthHere === 1 && path === '$.log')) target = 'walk';
    else if (depthHere === 2 && (path === '$.log.pages' || path === '$.log.entries')) target = 'walk';
    else if (depthHere === 3 && parent?.kind === 'arr' && parent.path === '$.log.pages') {
      target = 'page';
      index = parent.index;
    } else if (depthHere === 3 && parent?.kind === 'arr' && parent.path === '$.log.entries') {
      target = this.skipEntries ? 'skip' : 'entry';
      index = parent.index;
    } else if (depthHere === 2 && (path === '$.log.version' || path === '$.log.creator' || path === '$.log.browser')) target = 'header';

    if (target === 'walk') {
      const want = path === '$.log.pages' || path === '$.log.entries' ? 0x5b : 0x7b;
      if (ch !== want) {
        const wantText = want === 0x5b ? 'an array' : 'an object';
        const got = ch === 0x22 ? 'a string' : ch === 0x5b ? 'an array' : ch === 0x7b ? 'an object' : `'${buf[i]}'`;
        if (path === '$') throw this.error(`not a HAR file: expected a JSON object, found ${got}`, path);
        throw this.error(`${path.slice(2)} must be ${wantText}, found ${got}`, path);
      }
      if (path === '$.log.pages') this.pagesSeen = true;
      if (path === '$.log.entries') {
        this.entriesSeen = true;
        this.on.entriesStart?.(this.pagesSeen);
      }
      if (path === '$.log') this.logSeen = true;
      this.pos = i + 1;
      this.stack.push(want === 0x5b ? { kind: 'arr', index: 0, state: 'value', path } : { kind: 'obj', key: null, state: 'key', path });
      return true;
    }
    if (target === 'entry' && ch !== 0x7b) {
      throw this.error(`log.entries[${index}] must be an object, found ${ch === 0x22 ? 'a string' : ch === 0x5b ? 'an array' : `'${buf[i]}'`}`, path);
    }
    if (ch === 0x7b || ch === 0x5b) {
      this.cut = { start: i, depth: 1, path, target, index };
      this.pos = i + 1;
      return true;
    }
    // A primitive: string, number, true/false/null.
    let end: number;
    if (ch === 0x22) {
      const e = stringEnd(buf, i + 1);
      if (e < 0) return false;
      end = e + 1;
    } else {
      let j = i;
      while (j < buf.length && !isDelimiter(buf.charCodeAt(j))) j++;
      if (j === buf.length && !eof) return false;
      if (j === i) throw this.error(`unexpected '${buf[i]}' where a value was expected`, path);
      end = j;
    }
    const text = buf.slice(i, end);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw this.error(`invalid JSON value ${JSON.stringify(text.slice(0, 40))}`, path);
    }
    this.pos = end;
    if (target === 'page' || target === 'entry') {
      throw this.error(`log.${target === 'page' ? 'pages' : 'entries'}[${index}] must be an object, found ${describe(value)}`, path, i);
    }
    if (target === 'header') this.deliver('header', path, 0, value, i);
    this.afterValue();
    return true;
  }

  /** After a complete value: the parent now expects a comma or its end. */
  private afterValue(): void {
    const top = this.stack.at(-1);
    if (top === undefined) {
      this.done = true;
      return;
    }
    if (top.kind === 'arr') {
      top.state = 'comma';
      if (top.path === '$.log.pages') this.pageCount++;
      if (top.path === '$.log.entries') this.entryCount++;
    } else top.state = 'comma';
  }

  /** One token of the skeleton; false when more text is needed. */
  private step(eof: boolean): boolean {
    const buf = this.buf;
    let i = this.pos;
    while (i < buf.length && WS.has(buf.charCodeAt(i))) i++;
    this.pos = i;
    if (i >= buf.length) return false;
    if (i === 0 && this.base === 0 && buf.charCodeAt(0) === 0xfeff) {
      this.pos = 1; // a UTF-8 byte order mark (DevTools do not write one; editors do)
      return true;
    }
    const ch = buf.charCodeAt(i);
    const top = this.stack.at(-1);
    if (top === undefined) {
      if (this.done) throw this.error(`unexpected '${buf[i]}' after the end of the HAR document`, '$');
      this.started = true;
      return this.startValue('$', eof);
    }
    if (top.kind === 'arr') {
      const elemPath = `${top.path}[${top.kind === 'arr' ? top.index : 0}]`;
      if (top.state === 'value') {
        if (ch === 0x5d && top.index > 0) throw this.error(`trailing comma before ']' in ${top.path.slice(2)}`, elemPath);
        if (ch === 0x5d && top.index === 0) {
          this.pos = i + 1;
          this.stack.pop();
          this.afterValue();
          return true;
        }
        return this.startValue(elemPath, eof);
      }
      if (ch === 0x2c) {
        top.index++;
        top.state = 'value';
        this.pos = i + 1;
        // A trailing comma is caught when the next token is not a value.
        return true;
      }
      if (ch === 0x5d) {
        this.pos = i + 1;
        this.stack.pop();
        this.afterValue();
        return true;
      }
      throw this.error(`expected ',' or ']' after ${elemPath.slice(2)}, found '${buf[i]}'`, top.path);
    }
    // Object.
    switch (top.state) {
      case 'key': {
        if (ch === 0x7d && top.key === null) {
          this.pos = i + 1;
          this.stack.pop();
          this.afterValue();
          return true;
        }
        if (ch !== 0x22) throw this.error(`expected a property name in ${top.path.slice(2) || 'the document'}, found '${buf[i]}'`, top.path);
        const e = stringEnd(buf, i + 1);
        if (e < 0) return false;
        let key: string;
        try {
          key = JSON.parse(buf.slice(i, e + 1)) as string;
        } catch {
          throw this.error('invalid property name', top.path);
        }
        top.key = key;
        top.state = 'colon';
        this.pos = e + 1;
        return true;
      }
      case 'colon':
        if (ch !== 0x3a) throw this.error(`expected ':' after property "${top.key}", found '${buf[i]}'`, top.path);
        top.state = 'value';
        this.pos = i + 1;
        return true;
      case 'value':
        return this.startValue(`${top.path}.${top.key}`, eof);
      case 'comma':
        if (ch === 0x2c) {
          top.state = 'key';
          top.key = '\u0000';
          this.pos = i + 1;
          return true;
        }
        if (ch === 0x7d) {
          this.pos = i + 1;
          this.stack.pop();
          this.afterValue();
          return true;
        }
        throw this.error(`expected ',' or '}' after property "${top.key}", found '${buf[i]}'`, top.path);
    }
  }
}

/** Index of the closing quote of a JSON string whose content starts at `from`, or -1. */
function stringEnd(buf: string, from: number): number {
  let i = from;
  while (true) {
    const q = buf.indexOf('"', i);
    if (q < 0) return -1;
    let b = q - 1;
    while (b >= from && buf.charCodeAt(b) === 0x5c) b--;
    if ((q - 1 - b) % 2 === 0) return q;
    i = q + 1;
  }
}

function isDelimiter(ch: number): boolean {
  return ch === 0x2c || ch === 0x7d || ch === 0x5d || ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09 || ch === 0x3a;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v)})`;
  return `${typeof v} ${String(v)}`;
}
