/**
 * Recognizes pasted browser console text: which browser wrote each line, which template it is, the
 * values it carries, and our failure code. The words come from the message tables (`./messages/*`,
 * the same tables `console.ts` renders from); each template becomes an anchored regex whose
 * `{name}` placeholders are capture groups. Pure: no I/O.
 */
import {
  isFailureCode, preflightVariant, type FailureCode,
} from '../engine/index.js';
import {
  CHROMIUM_CORS_DETAIL, CHROMIUM_CORS_FRAME, CHROMIUM_EXCEPTIONS, CHROMIUM_FETCH_SUFFIX, CHROMIUM_LINES,
  CHROMIUM_PREFLIGHT_PREFIX, CHROMIUM_PREFLIGHT_PREFIXED, CHROMIUM_REDIRECTED, CHROMIUM_XHR_SUFFIX,
} from './messages/chromium.js';
import { FIREFOX_EXCEPTIONS, FIREFOX_LINES } from './messages/firefox.js';
import {
  CHROMIUM_EXTRA_DETAIL, CHROMIUM_EXTRA_LINES, CHROMIUM_ISSUE_SUMMARY_FRAME, CHROMIUM_LEGACY_SUFFIXES,
  FIREFOX_EXTRA_LINES, SAFARI_CONSOLE_PREFIX, SAFARI_FAILED_TO_LOAD, WEBKIT_EXTRA_LINES, WEBKIT_EXTRA_REASONS,
} from './messages/legacy.js';
import { WEBKIT_EXCEPTIONS, WEBKIT_LINES } from './messages/webkit.js';

export type RecognizedBrowser = 'chromium' | 'firefox' | 'webkit' | 'safari';
/** A browser engine whose tables hold a template. */
export type EngineName = 'chromium' | 'firefox' | 'webkit';

export interface RecognizedMessage {
  browser: RecognizedBrowser;
  /** Template id, e.g. 'chromium:cors:ALLOW_ORIGIN_MISMATCH', 'firefox:CORSMissingAllowOrigin2', 'webkit:origin-not-allowed'. */
  template: string;
  /** Our failure code; null for companion lines (e.g. WebKit's "… due to access control checks." JS line, net::ERR_FAILED). */
  code: FailureCode | null;
  /** true when the message says it was a preflight, false when it says it was not, null when unknown. */
  preflight: boolean | null;
  url?: string;
  redirectedFrom?: string;
  origin?: string;
  /** Chromium: the resource kind (`fetch`, `XMLHttpRequest`, `script`…); WebKit: the API (`Fetch API`…). */
  initiator?: string;
  value?: string;
  method?: string;
  header?: string;
  status?: string;
  location?: string;
  /** The page URL (Firefox same-origin line) or top-level site (Firefox LNA). */
  page?: string;
  /** Chromium PNA/LNA: the resource's address space word (`local`, `loopback`…). */
  addressSpace?: string;
  /** Chromium LNA: the request's declared target address space. */
  targetAddressSpace?: string;
  /** The message cannot tell these codes apart; `code` is the first (or the likeliest). */
  ambiguous?: FailureCode[];
  /** The same words are in several browsers' tables and nothing on the line told them apart. */
  browsers?: EngineName[];
  /** Template id of a wrapped reason (WebKit redirect wrapper, Safari `Failed to load resource:`). */
  inner?: string;
  /** Parts that identify a generation or surface: suffix ids, 'chromium:issue-summary'. */
  variants?: string[];
  /** Any other captured placeholder (e.g. Firefox LNA `transport`, network `statusText`, ByteString `index`). */
  extra?: Record<string, string>;
  /**
   * 'low' when the words are so generic that the code is only the likeliest reading (WebKit's bare
   * `TypeError: Type error`); absent otherwise.
   */
  confidence?: 'low';
  /**
   * The input line, trimmed. An exception whose page-given value holds a line break (a header value
   * with CR/LF) spans several input lines; they are kept together here, breaks included.
   */
  line: string;
}

// ---------------------------------------------------------------------------------------------
// Template → regex

/** Any quote stands for any other: pastes swap curly and straight, single and double quotes. */
const ANY_QUOTE = `['‘’"“”]`;
const QUOTE_CLASS: Readonly<Record<string, string>> = {
  "'": ANY_QUOTE, '‘': ANY_QUOTE, '’': ANY_QUOTE, '"': ANY_QUOTE, '“': ANY_QUOTE, '”': ANY_QUOTE,
};

/** Placeholder patterns by name (default: `.*?` inside quotes, `\S+?` elsewhere). */
const NAME_PATTERN: Readonly<Record<string, string>> = {
  status: '\\d+|\\(null\\)',
  port: '\\d+',
  netError: 'ERR_[A-Z0-9_]+',
  value: '.*?',
  initiator: '.+?',
  api: '.+?',
  host: '.*?',
  reason: '.+',
  detail: '.+',
  transport: '.+?',
  promptAction: '.*',
};

/** Per-template placeholder overrides (raw regex source, including the named group). */
const SLOTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // DevTools' network line starts with the HTTP method; keep prose lines from matching.
  'chromium:network-error': { method: '(?<method>[A-Z]+)' },
  'chromium:network-error-status': { method: '(?<method>[A-Z]+)' },
};

const OPENERS = new Set(["'", '‘', '’', '"', '“', '”', '`', '(']);

function literal(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ' ') {
      while (s[i + 1] === ' ') i++;
      out += '\\s+';
    } else if (QUOTE_CLASS[c] !== undefined) {
      out += QUOTE_CLASS[c];
    } else {
      out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  return out;
}

/** The regex source of a template; `slots` replace placeholders with raw regex source. */
function source(template: string, slots: Readonly<Record<string, string>> = {}): string {
  let src = '';
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const at = m.index;
    const name = m[1]!;
    src += literal(template.slice(last, at));
    const slot = slots[name];
    if (slot !== undefined) {
      src += slot;
    } else {
      const prev = template[at - 1];
      const pat = NAME_PATTERN[name] ?? (prev !== undefined && OPENERS.has(prev) ? '.*?' : '\\S+?');
      src += `(?<${name}>${pat})`;
    }
    last = at + m[0].length;
  }
  return src + literal(template.slice(last));
}

function compile(template: string, slots: Readonly<Record<string, string>> = {}): RegExp {
  return new RegExp(`^${source(template, slots)}$`);
}

type Groups = Readonly<Record<string, string | undefined>>;

/** Placeholder name → output field. Others go to `extra`. */
const FIELD: Readonly<Record<string, keyof RecognizedMessage>> = {
  url: 'url', redirectedFrom: 'redirectedFrom', origin: 'origin', initiator: 'initiator', api: 'initiator',
  value: 'value', target: 'value', scheme: 'value', netError: 'value', method: 'method', header: 'header',
  status: 'status', location: 'location', page: 'page', topLevelSite: 'page', addressSpace: 'addressSpace',
  targetAddressSpace: 'targetAddressSpace',
};
const NOT_FIELDS = new Set(['reason', 'detail']);

type Fields = Partial<Omit<RecognizedMessage, 'browser' | 'template' | 'code' | 'preflight' | 'line'>>;

function fieldsOf(g: Groups | undefined): Fields {
  const out: Record<string, unknown> = {};
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(g ?? {})) {
    if (v === undefined || NOT_FIELDS.has(k)) continue;
    if (k === 'status' && v === '(null)') continue; // Firefox prints `Status code: (null).` when there was none
    const f = FIELD[k];
    if (f !== undefined) out[f] = v;
    else extra[k] = v;
  }
  if (Object.keys(extra).length > 0) out['extra'] = extra;
  return out as Fields;
}

// ---------------------------------------------------------------------------------------------
// Meanings: template id → code / preflight

interface Meaning {
  code: FailureCode | null;
  preflight: boolean | null;
  ambiguous?: FailureCode[];
}

const COMPANION: Meaning = { code: null, preflight: null };

/** Chromium details that only come from a preflight (with or without the prefix). */
const CHROMIUM_PREFLIGHT_ONLY: ReadonlySet<string> = new Set([
  'INVALID_RESPONSE', 'PREFLIGHT_INVALID_STATUS', 'PREFLIGHT_DISALLOWED_REDIRECT',
  'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE',
  'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE',
  'PREFLIGHT_MISSING_ALLOW_EXTERNAL', 'PREFLIGHT_INVALID_ALLOW_EXTERNAL',
  'PREFLIGHT_MISSING_ALLOW_PRIVATE_NETWORK', 'PREFLIGHT_INVALID_ALLOW_PRIVATE_NETWORK',
  'PREFLIGHT_MISSING_PRIVATE_NETWORK_ACCESS_ID', 'PREFLIGHT_MISSING_PRIVATE_NETWORK_ACCESS_NAME',
]);

function chromiumMeaning(key: string, prefixed: boolean): Meaning {
  // console.ts adds the prefix iff the code is in CHROMIUM_PREFLIGHT_PREFIXED: undo that.
  let code: FailureCode | null = null;
  if (isFailureCode(key)) {
    const variant = preflightVariant(key);
    code = prefixed && CHROMIUM_PREFLIGHT_PREFIXED.has(variant) ? variant : key;
  }
  let preflight: boolean | null;
  if (prefixed || CHROMIUM_PREFLIGHT_ONLY.has(key)) preflight = true;
  else preflight = isFailureCode(key) || key in CHROMIUM_EXTRA_DETAIL ? false : null;
  return { code, preflight };
}

const SCHEME_CODES: FailureCode[] = ['UNSUPPORTED_SCHEME', 'CORS_DISABLED_SCHEME'];
const CORP_CODES: FailureCode[] = ['CORP_NOT_SAME_ORIGIN', 'CORP_NOT_SAME_SITE', 'CORP_NOT_SAME_ORIGIN_AFTER_DEFAULTED_TO_SAME_ORIGIN_BY_COEP'];

const FIREFOX_MEANING: Readonly<Record<string, Meaning>> = {
  'firefox:CORSDisabled': { code: null, preflight: null },
  'firefox:CORSDidNotSucceed2': COMPANION,
  'firefox:CORSOriginHeaderNotAdded': { code: null, preflight: null },
  'firefox:CORSExternalRedirectNotAllowed': { code: 'PREFLIGHT_DISALLOWED_REDIRECT', preflight: true },
  // Also logged at the new URL when a redirect points to a non-HTTP(S) scheme (observed in ESR 153):
  // the line itself cannot tell a redirect target from the request URL.
  'firefox:CORSRequestNotHttp': {
    code: 'UNSUPPORTED_SCHEME', preflight: null, ambiguous: [...SCHEME_CODES, 'INVALID_REDIRECT'],
  },
  'firefox:CORSMissingAllowOrigin2': { code: 'MISSING_ALLOW_ORIGIN_HEADER', preflight: null },
  'firefox:CORSMultipleAllowOriginNotAllowed': { code: 'MULTIPLE_ALLOW_ORIGIN_VALUES', preflight: null },
  'firefox:CORSAllowOriginNotMatchingOrigin': { code: 'ALLOW_ORIGIN_MISMATCH', preflight: null },
  'firefox:CORSNotSupportingCredentials': { code: 'WILDCARD_ORIGIN_NOT_ALLOWED', preflight: null },
  'firefox:CORSMethodNotFound': { code: 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', preflight: true },
  'firefox:CORSMissingAllowCredentials': { code: 'INVALID_ALLOW_CREDENTIALS', preflight: null },
  'firefox:CORSPreflightDidNotSucceed3': { code: 'PREFLIGHT_INVALID_STATUS', preflight: true },
  'firefox:CORSInvalidAllowMethod': { code: 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', preflight: true },
  'firefox:CORSInvalidAllowHeader': { code: 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE', preflight: true },
  'firefox:CORSMissingAllowHeaderFromPreflight2': { code: 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE', preflight: true },
  'firefox:CORSAllowHeaderFromPreflightDeprecation': { code: null, preflight: true },
  'firefox:same-origin-mode': { code: 'DISALLOWED_BY_MODE', preflight: false },
  // One text for `same-origin` and `same-site`: the words do not say which policy it was.
  'firefox:corp-blocked': { code: 'CORP_NOT_SAME_ORIGIN', preflight: false, ambiguous: CORP_CODES },
  'firefox:LocalNetworkAccessDetected': COMPANION,
  'firefox:LocalNetworkAccessPermissionRequired': COMPANION,
};

/** WebKit/Safari reasons (the Security line, or wrapped by the redirect or Safari wrappers). */
const WEBKIT_REASON_MEANING: Readonly<Record<string, Meaning>> = {
  'webkit:origin-not-allowed': {
    code: 'ALLOW_ORIGIN_MISMATCH', preflight: null, ambiguous: ['MISSING_ALLOW_ORIGIN_HEADER', 'ALLOW_ORIGIN_MISMATCH'],
  },
  'webkit:origin-not-allowed-no-status': {
    code: 'ALLOW_ORIGIN_MISMATCH', preflight: null, ambiguous: ['MISSING_ALLOW_ORIGIN_HEADER', 'ALLOW_ORIGIN_MISMATCH'],
  },
  'webkit:wildcard-with-credentials': { code: 'WILDCARD_ORIGIN_NOT_ALLOWED', preflight: null },
  'webkit:multiple-origins': { code: 'MULTIPLE_ALLOW_ORIGIN_VALUES', preflight: null },
  'webkit:credentials-not-true': { code: 'INVALID_ALLOW_CREDENTIALS', preflight: null },
  'webkit:preflight-not-successful': { code: 'PREFLIGHT_INVALID_STATUS', preflight: true },
  'webkit:invalid-allow-methods': { code: 'INVALID_ALLOW_METHODS_PREFLIGHT_RESPONSE', preflight: true },
  'webkit:invalid-allow-headers': { code: 'INVALID_ALLOW_HEADERS_PREFLIGHT_RESPONSE', preflight: true },
  'webkit:method-not-allowed': { code: 'METHOD_DISALLOWED_BY_PREFLIGHT_RESPONSE', preflight: true },
  'webkit:header-not-allowed': { code: 'HEADER_DISALLOWED_BY_PREFLIGHT_RESPONSE', preflight: true },
  'webkit:redirect-has-credentials': { code: 'REDIRECT_CONTAINS_CREDENTIALS', preflight: false },
  // Loader errors observed in WebKitGTK 2.50 (webkit.ts); Safari also shows them after `Failed to load resource: `.
  // The words name no URL or scheme: a `file:` page's requests plausibly get them too (not observed).
  'webkit:cors-http-only': { code: 'UNSUPPORTED_SCHEME', preflight: null, ambiguous: SCHEME_CODES },
  'webkit:no-cors-redirect-mode': { code: 'NO_CORS_REDIRECT_MODE', preflight: false },
  'webkit:redirect-not-allowed': { code: 'REDIRECT_MODE_ERROR', preflight: false },
  'webkit:too-many-redirects': { code: 'TOO_MANY_REDIRECTS', preflight: false },
  // Observed inside the `webkit:redirect-denied` wrapper (data: and custom schemes).
  'webkit:redirect-non-cors-scheme': { code: 'INVALID_REDIRECT', preflight: false },
  // Observed for a redirect to ftp:. No URL on the line: a no-cors load of an ftp: URL itself would
  // plausibly say the same (not observed).
  'webkit:ftp-disabled': { code: 'INVALID_REDIRECT', preflight: false, ambiguous: ['INVALID_REDIRECT', 'UNSUPPORTED_SCHEME'] },
  'webkit:could-not-parse': { code: 'INVALID_HTTP_RESPONSE', preflight: true },
  'webkit:corp-blocked': { code: 'CORP_NOT_SAME_ORIGIN', preflight: false, ambiguous: CORP_CODES },
  'webkit:redirect-not-http': { code: 'INVALID_REDIRECT', preflight: false },
  'webkit:redirect-denied-generic': { code: null, preflight: false },
  'webkit:blocked-by-csp': { code: null, preflight: null },
};

/** Other WebKit lines (JS lines). `webkit:redirect-denied` takes its wrapped reason's meaning. */
const WEBKIT_LINE_MEANING: Readonly<Record<string, Meaning>> = {
  'webkit:cannot-load-access-control': COMPANION,
  'webkit:cannot-load-access-control-other': COMPANION,
  'webkit:cannot-load-image-access-control': COMPANION,
  // Not an access-control error: WebKit prints it for mode "same-origin" (webkit-messages.md §1).
  'webkit:cannot-load': { code: 'DISALLOWED_BY_MODE', preflight: false },
  'webkit:refused-unsafe-header': COMPANION,
  // Follows `No-Cors mode requires follow redirect mode` (observed).
  'webkit:not-allowed-to-request': COMPANION,
};

const CHROMIUM_LINE_MEANING: Readonly<Record<string, Meaning>> = {
  'chromium:fetch-same-origin-mode': { code: 'DISALLOWED_BY_MODE', preflight: false },
  'chromium:fetch-unsupported-scheme': { code: 'UNSUPPORTED_SCHEME', preflight: false },
  'chromium:no-cors-redirect-mode': { code: 'NO_CORS_REDIRECT_MODE', preflight: false },
  'chromium:refused-unsafe-header': COMPANION,
  'chromium:failed-to-load-resource': COMPANION,
  'chromium:network-error': COMPANION,
  'chromium:network-error-status': COMPANION,
};

// ---------------------------------------------------------------------------------------------
// Compiled templates

interface LineEntry {
  id: string;
  browser: EngineName;
  meaning: Meaning;
}

/** One regex per distinct text; identical words in several tables share one entry. */
interface LineTemplate {
  re: RegExp;
  entries: LineEntry[];
}

function addLine(list: LineTemplate[], text: string, entry: LineEntry): void {
  const re = compile(text, SLOTS[entry.id]);
  const same = list.find((t) => t.re.source === re.source);
  if (same === undefined) list.push({ re, entries: [entry] });
  else same.entries.push(entry);
}

const WEBKIT_REASON_TEXTS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(WEBKIT_LINES).filter(([id]) => id in WEBKIT_REASON_MEANING)),
  ...WEBKIT_EXTRA_REASONS,
};
const WEBKIT_REASONS: { id: string; re: RegExp }[] = Object.entries(WEBKIT_REASON_TEXTS)
  .map(([id, text]) => ({ id, re: compile(text) }));
const WEBKIT_REDIRECT_ID = 'webkit:redirect-denied';
const WEBKIT_REDIRECT = compile(WEBKIT_LINES[WEBKIT_REDIRECT_ID] ?? '{reason}');
const SAFARI_WRAPPER = compile(SAFARI_FAILED_TO_LOAD);
const SAFARI_WRAPPER_ID = 'safari:failed-to-load-resource';

/** Lines other than the Chromium CORS frame and the WebKit reasons. */
const LINES: LineTemplate[] = [];
for (const [id, text] of Object.entries({ ...CHROMIUM_LINES, ...CHROMIUM_EXTRA_LINES })) {
  addLine(LINES, text, { id, browser: 'chromium', meaning: CHROMIUM_LINE_MEANING[id] ?? COMPANION });
}
for (const [id, text] of Object.entries({ ...FIREFOX_LINES, ...FIREFOX_EXTRA_LINES })) {
  addLine(LINES, text, { id, browser: 'firefox', meaning: FIREFOX_MEANING[id] ?? COMPANION });
}
for (const [id, text] of Object.entries({ ...WEBKIT_LINES, ...WEBKIT_EXTRA_LINES })) {
  if (id in WEBKIT_REASON_MEANING || id === WEBKIT_REDIRECT_ID) continue;
  addLine(LINES, text, { id, browser: 'webkit', meaning: WEBKIT_LINE_MEANING[id] ?? COMPANION });
}

/**
 * URLs, methods and header names here are what the page passed in, spaces included (Firefox prints
 * an empty header name as nothing between two spaces); Firefox's ByteString error names an index
 * and a code point.
 */
const EXCEPTION_SLOTS: Readonly<Record<string, string>> = {
  url: '(?<url>.+?)', method: '(?<method>.*?)', header: '(?<header>.*?)', index: '(?<index>\\d+)', codePoint: '(?<codePoint>\\d+)',
};

/**
 * Exception templates whose words are too generic to be sure of the code: WebKit throws a bare
 * `TypeError: Type error` for a non-Latin-1 header (observed), but JavaScriptCore uses the same
 * words for other failed WebIDL conversions. Recognized as WebKit's, with `confidence: 'low'`.
 */
const LOW_CONFIDENCE_EXCEPTIONS: ReadonlySet<string> = new Set(['webkit:exception:fetch:INVALID_HEADER:bytestring']);

/**
 * What script sees thrown (exception tables), grouped by identical text. `code` is the table key:
 * a failure code, `*`, or a failure code with a detail (`INVALID_HEADER:name`).
 */
export interface ExceptionEntry { browser: EngineName; api: string; code: string }
const EXCEPTIONS: { re: RegExp; entries: ExceptionEntry[] }[] = [];
for (const [browser, table] of [
  ['chromium', CHROMIUM_EXCEPTIONS], ['firefox', FIREFOX_EXCEPTIONS], ['webkit', WEBKIT_EXCEPTIONS],
] as const) {
  for (const [api, byCode] of Object.entries(table)) {
    for (const [code, text] of Object.entries(byCode)) {
      // Workers print another global's name (`WorkerGlobalScope`) where a page prints `Window`.
      // `s`: a page-given value may hold CR/LF (see `recognize`).
      const re = new RegExp(compile(text, EXCEPTION_SLOTS).source.replace(/Window/g, '\\w+'), 's');
      const same = EXCEPTIONS.find((e) => e.re.source === re.source);
      const entry = { browser, api, code };
      if (same === undefined) EXCEPTIONS.push({ re, entries: [entry] });
      else same.entries.push(entry);
    }
  }
}

/** Template id of an exception-table entry: `{browser}:exception:{api}:{code|any}` (the code with its `:detail`, if any). */
export function exceptionId(e: ExceptionEntry): string {
  return `${e.browser}:exception:${e.api}:${e.code === '*' ? 'any' : e.code}`;
}

/** The failure code of an exception-table key (`INVALID_HEADER:name` → `INVALID_HEADER`), or null. */
function exceptionCode(key: string): FailureCode | null {
  const code = key.split(':')[0]!;
  return isFailureCode(code) ? code : null;
}

const CHROMIUM_FRAME = compile(CHROMIUM_CORS_FRAME, {
  redirected: `(?:${source(CHROMIUM_REDIRECTED)})?`,
});
const CHROMIUM_SUMMARY = compile(CHROMIUM_ISSUE_SUMMARY_FRAME);
const CHROMIUM_PREFIX = new RegExp(`^${source(CHROMIUM_PREFLIGHT_PREFIX.trimEnd())}\\s*`);
const CHROMIUM_SUFFIXES: { id: string; re: RegExp }[] = Object.entries({
  'chromium:suffix:fetch': CHROMIUM_FETCH_SUFFIX,
  'chromium:suffix:xhr': CHROMIUM_XHR_SUFFIX,
  ...CHROMIUM_LEGACY_SUFFIXES,
}).map(([id, text]) => ({ id, re: new RegExp(`\\s*${source(text.trimStart())}$`) }));
const CHROMIUM_DETAILS: { key: string; re: RegExp }[] = Object.entries({ ...CHROMIUM_CORS_DETAIL, ...CHROMIUM_EXTRA_DETAIL })
  .map(([key, text]) => ({ key, re: compile(text) }));

/** The exception template ids a browser can be reported with (one per distinct text). */
function exceptionIds(browser: EngineName): string[] {
  return EXCEPTIONS.flatMap((ex) => {
    const e = ex.entries.find((x) => x.browser === browser);
    return e === undefined ? [] : [exceptionId(e)];
  });
}

/** Every template id `recognize` can return, by browser (for docs and completeness tests). */
export const RECOGNIZED_TEMPLATES: Readonly<Record<RecognizedBrowser, readonly string[]>> = {
  chromium: [
    ...CHROMIUM_DETAILS.map((d) => `chromium:cors:${d.key}`), 'chromium:cors:unknown',
    ...LINES.flatMap((t) => t.entries.filter((e) => e.browser === 'chromium').map((e) => e.id)),
    ...exceptionIds('chromium'),
  ],
  firefox: [
    ...LINES.flatMap((t) => t.entries.filter((e) => e.browser === 'firefox').map((e) => e.id)),
    ...exceptionIds('firefox'),
  ],
  webkit: [
    ...WEBKIT_REASONS.map((r) => r.id), WEBKIT_REDIRECT_ID,
    ...LINES.flatMap((t) => t.entries.filter((e) => e.browser === 'webkit').map((e) => e.id)),
    ...exceptionIds('webkit'),
  ],
  safari: [SAFARI_WRAPPER_ID],
};

// ---------------------------------------------------------------------------------------------
// Noise around a pasted line

type Hint = 'safari' | 'webkit' | null;

const SAFARI_PREFIX = new RegExp(
  `^${literal(SAFARI_CONSOLE_PREFIX.trimEnd()).replace('Error', '(?:Error|Warning|Log|Info|Debug)')}\\s*`,
);
/** WebKitGTK's `WebKitSettings:enable-write-console-messages-to-stdout` prefix. */
const WEBKITGTK_PREFIX = /^CONSOLE\s+[A-Z]+\s+(?:ERROR|WARN(?:ING)?|LOG|INFO|DEBUG)\s+/;
const PLAIN_PREFIXES = [
  /^\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\s+/, // DevTools "Show timestamps"
  /^Uncaught\s+(?:\(in promise\)\s+)?/,
  /^Unhandled Promise Rejection:\s+/, // Safari
  /^Error:\s+/,
];
const PLAIN_SUFFIXES = [
  /\s*\[Learn More\]$/i, // Firefox's MDN link
  /\s*Understand this (?:error|warning)(?:AI)?$/, // Chrome's Console Insights button, copied along
  /\s+\([^()]*,\s*line \d+\)$/, // Safari: `(upload, line 0)`
];
/** DevTools source locations: `run.html:1 `, `(index):1`, `main.js:12:5` (never a `scheme://` URL). */
const LOCATION_PREFIX = /^(?!\S*:\/\/)\S+?:\d+(?::\d+)?\s+/;
const LOCATION_SUFFIX = /\s+(?!\S*:\/\/)\S+:\d+(?::\d+)?$/;

function clean(line: string): { text: string; hint: Hint } {
  let text = line;
  let hint: Hint = null;
  for (let changed = true; changed;) {
    changed = false;
    const before = text;
    if (SAFARI_PREFIX.test(text)) { text = text.replace(SAFARI_PREFIX, ''); hint = 'safari'; }
    if (WEBKITGTK_PREFIX.test(text)) { text = text.replace(WEBKITGTK_PREFIX, ''); hint ??= 'webkit'; }
    for (const re of [...PLAIN_PREFIXES, ...PLAIN_SUFFIXES]) text = text.replace(re, '');
    text = text.trim();
    if (text !== before) changed = true;
  }
  return { text, hint };
}

/** The line without DevTools locations (most likely first), then with them, each cleaned again. */
function candidates(line: string): { text: string; hint: Hint }[] {
  const first = clean(line);
  const text = first.text;
  const noPrefix = text.replace(LOCATION_PREFIX, '');
  const noSuffix = text.replace(LOCATION_SUFFIX, '');
  const neither = noPrefix.replace(LOCATION_SUFFIX, '');
  return [...new Set([neither, noPrefix, noSuffix, text])]
    .map((s) => {
      const c = clean(s);
      return { text: c.text, hint: c.hint ?? first.hint };
    })
    .filter((c) => c.text !== '');
}

// ---------------------------------------------------------------------------------------------
// Matching

type Result = Omit<RecognizedMessage, 'line'>;

function make(browser: RecognizedBrowser, template: string, m: Meaning, fields: Fields): Result {
  const r: Result = { browser, template, code: m.code, preflight: m.preflight, ...fields };
  if (m.ambiguous !== undefined) r.ambiguous = [...m.ambiguous];
  return r;
}

function matchChromiumCors(text: string): Result | null {
  let frame = CHROMIUM_FRAME.exec(text);
  const variants: string[] = [];
  if (frame === null) {
    frame = CHROMIUM_SUMMARY.exec(text);
    if (frame === null) return null;
    variants.push('chromium:issue-summary');
  }
  const { detail: rawDetail, ...g } = frame.groups ?? {};
  let detail = rawDetail ?? '';
  const prefix = CHROMIUM_PREFIX.exec(detail);
  if (prefix !== null) detail = detail.slice(prefix[0].length);
  const tries: { text: string; suffix: string | null }[] = [];
  for (const s of CHROMIUM_SUFFIXES) {
    const m = s.re.exec(detail);
    if (m !== null) tries.push({ text: detail.slice(0, m.index), suffix: s.id });
  }
  tries.push({ text: detail, suffix: null });
  for (const t of tries) {
    for (const d of CHROMIUM_DETAILS) {
      const m = d.re.exec(t.text);
      if (m === null) continue;
      const fields = fieldsOf({ ...g, ...m.groups });
      const all = t.suffix === null ? variants : [...variants, t.suffix];
      if (all.length > 0) fields.variants = all;
      const meaning = chromiumMeaning(d.key, prefix !== null);
      if (d.key === 'CORS_DISABLED_SCHEME' && fields.redirectedFrom !== undefined) {
        // A redirect to a scheme outside the list (observed for ftp:): Chromium's code for the
        // Fetch standard's bad-redirect network error.
        meaning.ambiguous = ['CORS_DISABLED_SCHEME', 'INVALID_REDIRECT'];
      }
      return make('chromium', `chromium:cors:${d.key}`, meaning, fields);
    }
  }
  // A Chromium CORS block whose detail we do not know (a newer or older Chrome).
  const fields = fieldsOf({ ...g, value: detail });
  if (variants.length > 0) fields.variants = variants;
  return make('chromium', 'chromium:cors:unknown', { code: null, preflight: prefix !== null ? true : null }, fields);
}

function webkitBrowser(hint: Hint): RecognizedBrowser {
  return hint === 'safari' ? 'safari' : 'webkit';
}

/** A WebKit reason text, bare or inside the redirect wrapper. */
function matchWebkitReason(text: string, hint: Hint): Result | null {
  for (const r of WEBKIT_REASONS) {
    const m = r.re.exec(text);
    if (m !== null) return make(webkitBrowser(hint), r.id, WEBKIT_REASON_MEANING[r.id] ?? COMPANION, fieldsOf(m.groups));
  }
  const rd = WEBKIT_REDIRECT.exec(text);
  if (rd === null) return null;
  const { reason = '', ...g } = rd.groups ?? {};
  const inner = matchWebkitReason(reason, hint);
  const outer = fieldsOf(g);
  if (inner === null) {
    return make(webkitBrowser(hint), WEBKIT_REDIRECT_ID, { code: null, preflight: false }, {
      ...outer, extra: { ...outer.extra, reason },
    });
  }
  const { browser, template, code, preflight: _p, ...innerFields } = inner;
  return { ...innerFields, browser, template: WEBKIT_REDIRECT_ID, code, preflight: false, ...outer, inner: template };
}

function matchSafariWrapper(text: string): Result | null {
  const m = SAFARI_WRAPPER.exec(text);
  const reason = m?.groups?.['reason'];
  if (reason === undefined) return null;
  const inner = matchWebkitReason(reason, 'safari');
  if (inner === null) return null;
  const { template, ...rest } = inner;
  return { ...rest, browser: 'safari', template: SAFARI_WRAPPER_ID, inner: template };
}

function pickEntry<T extends { browser: EngineName }>(entries: readonly T[], hint: Hint): { entry: T; browsers?: EngineName[] } {
  const browsers = [...new Set(entries.map((e) => e.browser))];
  if (browsers.length === 1) return { entry: entries[0]! };
  if (hint !== null) {
    const byHint = entries.find((e) => e.browser === 'webkit');
    if (byHint !== undefined) return { entry: byHint };
  }
  return { entry: entries[0]!, browsers };
}

function matchLines(text: string, hint: Hint): Result | null {
  for (const t of LINES) {
    const m = t.re.exec(text);
    if (m === null) continue;
    const { entry, browsers } = pickEntry(t.entries, hint);
    const fields = fieldsOf(m.groups);
    if (browsers !== undefined) fields.browsers = browsers;
    const browser = entry.browser === 'webkit' ? webkitBrowser(hint) : entry.browser;
    let meaning = entry.meaning;
    if (entry.id === 'firefox:same-origin-mode' && fields.page !== undefined) {
      const origin = originOf(fields.page);
      if (origin !== undefined) fields.origin = origin;
    }
    if (entry.id === 'firefox:CORSPreflightDidNotSucceed3' && /^30[12378]$/.test(fields.status ?? '')) {
      // A redirected preflight logs CORSExternalRedirectNotAllowed then this with the 3xx status;
      // a redirect status without a Location is only a bad status.
      meaning = {
        code: 'PREFLIGHT_DISALLOWED_REDIRECT', preflight: true,
        ambiguous: ['PREFLIGHT_DISALLOWED_REDIRECT', 'PREFLIGHT_INVALID_STATUS'],
      };
    }
    return make(browser, entry.id, meaning, fields);
  }
  return null;
}

const FORBIDDEN_METHODS = /^(?:CONNECT|TRACE|TRACK)$/i;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function matchException(text: string, hint: Hint): Result | null {
  for (const ex of EXCEPTIONS) {
    const m = ex.re.exec(text);
    if (m === null) continue;
    const { entry, browsers } = pickEntry(ex.entries, hint);
    const fields = fieldsOf(m.groups);
    if (browsers !== undefined) fields.browsers = browsers;
    const apis = [...new Set(ex.entries.map((e) => e.api))];
    if (apis.length === 1) fields.initiator = apis[0] === 'xhr' ? 'XMLHttpRequest' : apis[0]!;
    const codes = [...new Set(ex.entries.filter((e) => e.browser === entry.browser).map((e) => exceptionCode(e.code)))]
      .filter((c): c is FailureCode => c !== null);
    let meaning: Meaning = { code: codes[0] ?? null, preflight: null };
    if (codes.length > 1) {
      const method = fields.method;
      const byMethod: FailureCode | undefined = method === undefined ? undefined
        : FORBIDDEN_METHODS.test(method) ? 'FORBIDDEN_METHOD'
          : !TOKEN.test(method) ? 'INVALID_METHOD'
            : 'NO_CORS_METHOD_NOT_ALLOWED';
      meaning = byMethod !== undefined && codes.includes(byMethod)
        ? { code: byMethod, preflight: null }
        : { code: codes[0]!, preflight: null, ambiguous: codes };
    }
    const browser = entry.browser === 'webkit' ? webkitBrowser(hint) : entry.browser;
    const id = exceptionId(ex.entries.find((e) => e.browser === entry.browser) ?? entry);
    const r = make(browser, id, meaning, fields);
    if (LOW_CONFIDENCE_EXCEPTIONS.has(id)) r.confidence = 'low';
    return r;
  }
  return null;
}

function originOf(url: string): string | undefined {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? undefined : o;
  } catch {
    return undefined;
  }
}

function recognizeLine(line: string): Result | null {
  for (const { text, hint } of candidates(line)) {
    const r = matchChromiumCors(text)
      ?? matchLines(text, hint)
      ?? matchWebkitReason(text, hint)
      ?? matchSafariWrapper(text)
      ?? matchException(text, hint);
    if (r !== null) return r;
  }
  return null;
}

function recognizeException(text: string): Result | null {
  for (const { text: t, hint } of candidates(text)) {
    const r = matchException(t, hint);
    if (r !== null) return r;
  }
  return null;
}

/** How many more input lines an exception may span (a header value with line breaks). */
const MAX_CONTINUATION_LINES = 8;

/**
 * Every recognized line of pasted console text, in order; [] if none. A line that is nothing by
 * itself may be the start of an exception whose page-given value holds CR/LF (Firefox and WebKit
 * print header values as given): it is joined with the following lines, up to a line that is
 * recognized by itself.
 */
export function recognize(text: string): RecognizedMessage[] {
  const parts = text.split(/(\r\n|\r|\n)/);
  const lines: string[] = [];
  const breaks: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    lines.push(parts[i]!);
    breaks.push(parts[i + 1] ?? '');
  }
  const alone = lines.map((raw) => {
    const line = raw.trim();
    return line === '' ? null : recognizeLine(line);
  });
  const out: RecognizedMessage[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const r = alone[i];
    if (r !== null && r !== undefined) {
      out.push({ ...r, line });
      continue;
    }
    let joined = lines[i]!;
    for (let j = i + 1; j < lines.length && j <= i + MAX_CONTINUATION_LINES && alone[j] === null; j++) {
      joined += breaks[j - 1]! + lines[j]!;
      const multi = recognizeException(joined.trim());
      if (multi !== null) {
        out.push({ ...multi, line: joined.trim() });
        i = j;
        break;
      }
    }
  }
  return out;
}
