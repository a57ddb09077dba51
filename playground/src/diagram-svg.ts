/**
 * Draws a `Diagram` as an SVG string: lifelines for the page, the browser and each server origin,
 * arrows for the call, each request (preflight tagged) and its answer with the CORS headers listed
 * under it, the failing header in red, and a stop mark where the browser gives up. Pure (string
 * building only); every text is escaped.
 */
import type { Diagram, MarkedHeader, Step } from './diagram.js';

const CHAR = 7.3; // width of one 12px monospace character
const LINE = 16;
const TOP = 64;
const MAX_TEXT = 76;
/** Characters per line of the page's result (drawn between the page and the browser). */
const RESULT_WIDTH = 44;

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function clip(s: string, n = MAX_TEXT): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function headerText(h: MarkedHeader): string {
  return clip(`${h.name}: ${h.value}`);
}

/** Wraps words to lines of at most `width` characters. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') out.push(line);
  return out;
}

function stepHeight(st: Step, wrapWidth: number): number {
  switch (st.kind) {
    case 'divider': return 34;
    case 'call': return 34 + LINE * st.details.length;
    case 'request':
    case 'response': return 34 + LINE * st.headers.length + 8;
    case 'note': return 34;
    case 'stop': return 30 + LINE * wrap(st.text, wrapWidth).length + 8;
    case 'result': return 30 + LINE * wrap(st.label, RESULT_WIDTH).length;
  }
}

/** A plain-text description of the diagram, for the SVG's `<desc>` (screen readers) and tests. */
export function describeDiagram(d: Diagram): string {
  const laneName = (id: string): string => d.lanes.find((l) => l.id === id)?.sub ?? id;
  return d.steps.map((st) => {
    switch (st.kind) {
      case 'divider': return `${st.label}.`;
      case 'call': return `The page calls ${st.label}.`;
      case 'request': return `The browser sends ${st.tag === 'preflight' ? 'the preflight ' : ''}${st.label} to ${laneName(st.lane)}${st.headers.length ? ` with ${st.headers.map(headerText).join('; ')}` : ''}.`;
      case 'response': return `${laneName(st.lane)} answers ${st.label}${st.headers.length ? ` with ${st.headers.map(headerText).join('; ')}` : ''}${st.fault ? ' (this answer fails the check)' : ''}.`;
      case 'note': return `${st.text}.`;
      case 'stop': return `The browser stops: ${st.code}. ${st.text}`;
      case 'result': return `The page gets: ${st.label}.`;
    }
  }).join(' ');
}

/** Renders the diagram; `title` becomes the SVG's accessible name. */
export function renderDiagramSvg(d: Diagram, title: string): string {
  // Lane x positions: page → browser wide enough for the call, browser → first server for the headers.
  const longest = (lines: string[]): number => lines.reduce((m, l) => Math.max(m, l.length), 0);
  const callLines = d.steps.flatMap((s) => (s.kind === 'call' ? [s.label, ...s.details] : []));
  const resultLines = d.steps.flatMap((s) => (s.kind === 'result' ? wrap(s.label, RESULT_WIDTH) : []));
  const wireLines = d.steps.flatMap((s) => (s.kind === 'request' || s.kind === 'response' ? [s.label, ...s.headers.map(headerText)] : []));
  // Compact lanes; texts start at the sender's side and may run across later lifelines (they carry
  // a white halo), so the diagram stays about as wide as the result column.
  const xs: number[] = [80, 300];
  for (let i = 2; i < d.lanes.length; i++) xs.push(xs[i - 1]! + (i === 2 ? 230 : 190));
  const textEnd = Math.max(
    xs[0]! + 16 + Math.min(MAX_TEXT, longest([...callLines, ...resultLines])) * CHAR,
    xs[1]! + 30 + Math.min(MAX_TEXT + 4, longest(wireLines) + 24) * CHAR,
  );
  const width = Math.max(xs[xs.length - 1]! + 90, Math.min(textEnd, xs[1]! + 640), 640);
  const wrapWidth = Math.max(40, Math.floor((width - xs[1]! - 40) / CHAR));
  const x = (lane: string): number => xs[Math.max(0, d.lanes.findIndex((l) => l.id === lane))] ?? xs[0]!;

  const parts: string[] = [];
  let y = TOP + 16;
  const text = (tx: number, ty: number, s: string, cls: string, anchor = 'start'): string =>
    `<text x="${tx.toFixed(1)}" y="${ty}" class="${cls}" text-anchor="${anchor}">${esc(s)}</text>`;
  const arrow = (x1: number, x2: number, ay: number, cls: string): string =>
    `<line x1="${x1}" y1="${ay}" x2="${x2 + (x2 > x1 ? -2 : 2)}" y2="${ay}" class="${cls}" marker-end="url(#arrow-${cls.includes('bad') ? 'bad' : cls.includes('good') ? 'good' : 'n'})"/>`;

  for (const st of d.steps) {
    const h = stepHeight(st, wrapWidth);
    switch (st.kind) {
      case 'divider':
        parts.push(`<line x1="10" y1="${y + 14}" x2="${width - 10}" y2="${y + 14}" class="divider"/>`);
        parts.push(`<rect x="14" y="${y + 4}" width="${st.label.length * CHAR + 12}" height="20" rx="3" class="divider-label-bg"/>`);
        parts.push(text(20, y + 18, st.label, 'mono small'));
        break;
      case 'call': {
        const ay = y + 22 + LINE * st.details.length;
        parts.push(text(xs[0]! + 8, y + 14, clip(st.label), 'mono strong'));
        st.details.forEach((dl, i) => parts.push(text(xs[0]! + 16, y + 14 + LINE * (i + 1), clip(dl), 'mono small')));
        parts.push(arrow(xs[0]!, xs[1]!, ay, 'msg'));
        break;
      }
      case 'request':
      case 'response': {
        const from = st.kind === 'request' ? xs[1]! : x(st.lane);
        const to = st.kind === 'request' ? x(st.lane) : xs[1]!;
        const ay = y + 22;
        const tag = st.kind === 'request' ? (st.tag === 'preflight' ? 'preflight' : st.tag === 'redirected' ? 'follows redirect' : 'request') : (st.fault ? 'fails the CORS check' : 'response');
        const cls = st.kind === 'response' ? (st.fault ? 'msg reply bad' : 'msg reply') : st.tag === 'preflight' ? 'msg preflight' : 'msg';
        parts.push(text(xs[1]! + 10, y + 14, st.label, `mono strong${st.kind === 'response' && st.fault ? ' bad-text' : ''}`));
        parts.push(text(xs[1]! + 10 + (st.label.length + 1) * CHAR, y + 14, `(${tag})`, `small tag${st.kind === 'request' && st.tag === 'preflight' ? ' preflight-text' : ''}${st.kind === 'response' && st.fault ? ' bad-text' : ''}`));
        parts.push(arrow(from, to, ay, cls));
        st.headers.forEach((hd, i) => {
          const hy = ay + 18 + LINE * i;
          if (hd.mark === 'fault') parts.push(`<rect x="${xs[1]! + 6}" y="${hy - 12}" width="${headerText(hd).length * CHAR + 20}" height="${LINE}" rx="2" class="fault-bg"/>`);
          parts.push(text(xs[1]! + 10, hy, `${hd.mark === 'fault' ? '✗ ' : ''}${headerText(hd)}`, `mono hdr ${hd.mark}`));
        });
        break;
      }
      case 'note':
        parts.push(`<rect x="${xs[1]! - 8}" y="${y + 6}" width="${st.text.length * 6.6 + 20}" height="22" rx="4" class="note"/>`);
        parts.push(text(xs[1]! + 2, y + 21, st.text, 'small'));
        break;
      case 'stop': {
        const cy = y + 16;
        parts.push(`<g class="stop-mark"><circle cx="${xs[1]}" cy="${cy}" r="11"/><path d="M${xs[1]! - 5} ${cy - 5} L${xs[1]! + 5} ${cy + 5} M${xs[1]! + 5} ${cy - 5} L${xs[1]! - 5} ${cy + 5}"/></g>`);
        parts.push(text(xs[1]! + 20, cy + 5, `blocked: ${st.code}`, 'mono strong bad-text'));
        wrap(st.text, wrapWidth).forEach((l, i) => parts.push(text(xs[1]! + 20, cy + 5 + LINE * (i + 1), l, 'small')));
        break;
      }
      case 'result': {
        const lines = wrap(st.label, RESULT_WIDTH);
        const ay = y + 12 + LINE * lines.length;
        lines.forEach((l, i) => parts.push(text(xs[0]! + 8, y + 14 + LINE * i, l, `mono small ${st.ok ? 'good-text' : 'bad-text'}`)));
        parts.push(arrow(xs[1]!, xs[0]!, ay, st.ok ? 'msg reply good' : 'msg reply bad'));
        break;
      }
    }
    y += h;
  }
  const height = y + 16;

  const lanes = d.lanes.map((l, i) => {
    const lx = xs[i]!;
    const w = Math.max(110, Math.max(l.label.length, l.sub.length) * 6.8 + 20);
    return `<line x1="${lx}" y1="${TOP}" x2="${lx}" y2="${height - 8}" class="lifeline"/>` +
      `<rect x="${lx - w / 2}" y="8" width="${w}" height="${TOP - 16}" rx="6" class="lane lane-${i === 0 ? 'page' : i === 1 ? 'browser' : 'server'}"/>` +
      text(lx, 28, l.label, 'lane-label', 'middle') + text(lx, 45, l.sub, 'small lane-sub', 'middle');
  });
  const minX = Math.min(0, ...d.lanes.map((l, i) => xs[i]! - Math.max(110, Math.max(l.label.length, l.sub.length) * 6.8 + 20) / 2 - 4));
  const vbWidth = width - minX;

  const marker = (id: string, cls: string): string =>
    `<marker id="arrow-${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" class="${cls}"/></marker>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="seq" role="img" aria-labelledby="seq-title seq-desc" width="${vbWidth.toFixed(0)}" height="${height}" viewBox="${minX.toFixed(0)} 0 ${vbWidth.toFixed(0)} ${height}">` +
    `<title id="seq-title">${esc(title)}</title><desc id="seq-desc">${esc(describeDiagram(d))}</desc>` +
    `<defs>${marker('n', 'head')}${marker('bad', 'head bad')}${marker('good', 'head good')}</defs>` +
    lanes.join('') + parts.join('') + '</svg>';
}
