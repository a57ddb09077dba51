/**
 * E2E harness: Debian's Chromium through playwright-core (never a downloaded build), the built
 * playground served by `serveStatic` on 127.0.0.1, and a screenshot directory for review.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serveStatic, type RunningServer } from '../../src/io/static-server.js';

export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
/** Screenshots for review (gitignored; `npm run test:e2e` rewrites them). */
export const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic',
];

export interface Harness {
  browser: Browser;
  server: RunningServer;
  /** A fresh context (own storage, own service worker) and page; page errors are collected. */
  open(path?: string, opts?: { width?: number; height?: number; permissions?: string[] }): Promise<{ context: BrowserContext; page: Page; errors: string[]; requests: string[] }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  readFileSync(`${DIST}index.html`); // fails clearly when the build is missing
  mkdirSync(SHOTS, { recursive: true });
  const server = await serveStatic({ root: DIST });
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: FLAGS, headless: true });
  return {
    browser,
    server,
    async open(path = '', opts = {}) {
      const context = await browser.newContext({
        viewport: { width: opts.width ?? 1440, height: opts.height ?? 1000 },
        permissions: opts.permissions ?? [],
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      /** Every request the page made ("METHOD URL"), service worker included. */
      const requests: string[] = [];
      context.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(new URL(path, server.url).href);
      await page.waitForSelector('[data-testid="verdict-chromium"]');
      return { context, page, errors, requests };
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** The verdict word and code shown in a browser's card. */
export async function verdict(page: Page, browser: string): Promise<string> {
  return (await page.locator(`[data-testid="verdict-${browser}"]`).innerText()).replace(/\s+/g, ' ').trim();
}

/** The console lines shown in a browser's card (first run). */
export async function consoleLines(page: Page, browser: string): Promise<string[]> {
  return page.locator(`.card[data-browser="${browser}"] > .console .console-line`).allInnerTexts();
}

/** Selects a preset by id and waits for the re-render. */
export async function choosePreset(page: Page, id: string): Promise<void> {
  await page.selectOption('[data-testid="preset"]', id);
  await page.waitForFunction((pid) => (document.getElementById('preset') as HTMLSelectElement).value === pid, id);
}
