import { baseKind as baseKindOf } from '../engine/index.js';
import {
  CHROMIUM_CORS_DETAIL, CHROMIUM_CORS_FRAME, CHROMIUM_EXCEPTIONS, CHROMIUM_FETCH_SUFFIX, CHROMIUM_FETCH_SUFFIX_KINDS,
  CHROMIUM_LINES, CHROMIUM_PREFLIGHT_PREFIX, CHROMIUM_PREFLIGHT_PREFIXED, CHROMIUM_REDIRECTED,
  CHROMIUM_XHR_SUFFIX, CHROMIUM_XHR_SUFFIX_KINDS,
} from './messages/chromium.js';
import { FIREFOX_EXCEPTIONS, FIREFOX_LINES } from './messages/firefox.js';
import { WEBKIT_EXCEPTIONS, WEBKIT_LINES } from './messages/webkit.js';
import type { LogEvent } from '../engine/index.js';

/** Substitutes `{name}` placeholders; unknown names stay visible so a gap is never silent. */
export function fill(template: string, args: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? args[k]! : m));
}

const LINES: Readonly<Record<string, string>> = { ...CHROMIUM_LINES, ...FIREFOX_LINES, ...WEBKIT_LINES };

/** The exact console text of an engine log event. */
export function renderLog(e: LogEvent): string {
  if (e.key === 'chromium:cors') return renderChromiumCors(e.args);
  if (e.key === 'webkit:redirect-denied') {
    const { reasonKey, ...rest } = e.args;
    const reason = reasonKey === undefined ? '' : renderLog({ key: reasonKey, level: e.level, args: rest });
    return fill(LINES[e.key]!, { ...rest, reason });
  }
  const t = LINES[e.key];
  if (t === undefined) throw new Error(`no message template for ${e.key}`);
  return fill(t, e.args);
}

/** Chromium's `GetErrorStringForConsoleMessage` frame, prefix and suffix rules (Chrome 156). */
function renderChromiumCors(args: Readonly<Record<string, string>>): string {
  const code = args['error'] ?? '';
  const kind = baseKindOf(code);
  let detail = fill(CHROMIUM_CORS_DETAIL[kind] ?? CHROMIUM_CORS_DETAIL[code] ?? code, args);
  if (CHROMIUM_PREFLIGHT_PREFIXED.has(code)) detail = CHROMIUM_PREFLIGHT_PREFIX + detail;
  if (args['initiator'] === 'fetch' && CHROMIUM_FETCH_SUFFIX_KINDS.has(kind)) detail += CHROMIUM_FETCH_SUFFIX;
  if (args['initiator'] === 'XMLHttpRequest' && CHROMIUM_XHR_SUFFIX_KINDS.has(kind)) detail += CHROMIUM_XHR_SUFFIX;
  const redirected = args['redirectedFrom'] === undefined ? '' : fill(CHROMIUM_REDIRECTED, args);
  return fill(CHROMIUM_CORS_FRAME, { ...args, redirected, detail });
}

const EXCEPTIONS: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>> = {
  chromium: CHROMIUM_EXCEPTIONS,
  firefox: FIREFOX_EXCEPTIONS,
  webkit: WEBKIT_EXCEPTIONS,
};

/** The exact text of what the page sees thrown or rejected (`String(error)`). */
export function renderException(e: LogEvent): string {
  const browser = e.key.split(':')[0]!;
  const api = e.args['api'] ?? 'fetch';
  const code = e.args['code'] ?? '';
  if (browser === 'spec') return 'TypeError';
  const table = EXCEPTIONS[browser]?.[api] ?? {};
  const detail = e.args['detail'];
  const t = (detail !== undefined ? table[`${code}:${detail}`] : undefined) ?? table[code] ?? table['*'];
  if (t === undefined) return api === 'xhr' ? 'Error' : 'TypeError';
  return fill(t, browser === 'firefox' ? firefoxDisplay(e.args) : e.args);
}

/**
 * How Firefox prints page-given strings in exceptions: header names lower-cased; bytes above
 * 0x7F shown as U+FFFD (a ByteString read as UTF-8); a value cut at its first NUL (a C string).
 * For ByteString failures, the index and value of the first code point above U+00FF.
 */
function firefoxDisplay(args: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...args };
  const bytes = (s: string): string => s.replace(/[\u0080-\u00ff]/g, '\ufffd');
  if (out['method'] !== undefined) out['method'] = bytes(out['method']);
  if (out['header'] !== undefined) out['header'] = bytes(out['header'].toLowerCase());
  const value = out['value'];
  if (value !== undefined) {
    if (out['detail'] === 'bytestring') {
      // WebIDL ByteString conversion reads UTF-16 code units.
      let i = 0;
      while (i < value.length && value.charCodeAt(i) <= 0xff) i++;
      out['index'] = String(i);
      out['codePoint'] = String(value.charCodeAt(i));
    }
    const nul = value.indexOf('\u0000');
    out['value'] = bytes(nul >= 0 ? value.slice(0, nul) : value);
  }
  return out;
}
