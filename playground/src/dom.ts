/** A tiny DOM builder: `h('button', { type: 'button', onclick }, 'Copy')`. No framework. */
type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;
export type Child = Node | string | null | undefined | false | Child[];

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

let uid = 0;
/** A document-unique id for label/control pairs. */
export function nextId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Copies text; reports success on the button itself (and to screen readers via a live region). */
export function copyButton(text: () => string, label: string, describedBy?: string): HTMLButtonElement {
  const btn = h('button', { type: 'button', class: 'copy', 'aria-label': label, 'aria-describedby': describedBy }, 'Copy');
  btn.addEventListener('click', () => {
    const done = (ok: boolean): void => {
      btn.textContent = ok ? 'Copied' : 'Select and copy';
      announce(ok ? 'Copied to the clipboard.' : 'Copy failed: select the text and copy it.');
      setTimeout(() => { btn.textContent = 'Copy'; }, 1600);
    };
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text()).then(() => done(true), () => done(false));
    else done(false);
  });
  return btn;
}

/** Speaks a short status through the page's polite live region. */
export function announce(message: string): void {
  const region = document.getElementById('announcer');
  if (region === null) return;
  region.textContent = '';
  // A fresh text node makes screen readers repeat identical messages.
  setTimeout(() => { region.textContent = message; }, 30);
}
