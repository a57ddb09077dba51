/** The interface every browser driver implements. */
import type { BrowserName, ConsoleLine } from './types.js';

export interface Tab {
  readonly id: string;
  /**
   * Starts navigating this tab to `url` (does not wait for load). `cancelAuthFor`: URLs whose
   * responses challenge for HTTP authentication (401 + WWW-Authenticate, 407); the driver cancels
   * the browser's login prompt for them as a user would (otherwise Chromium and Firefox wait
   * forever). Only these URLs are intercepted, and only until the next navigation.
   */
  navigate(url: string, cancelAuthFor?: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface DriverOptions {
  /** Port of the harness proxy on 127.0.0.1. */
  proxyPort: number;
  /**
   * Direct mode (diagnostics): loopback hosts are reached directly (the harness listens on their
   * ports), everything else goes to `proxyPort`, which is then a dead port.
   */
  direct?: boolean;
  /** Receives every console line of every tab, in arrival order. */
  onConsole: (line: ConsoleLine) => void;
  /** Told about every HTTP authentication prompt the harness cancelled (URL of the request). */
  onAuthCancelled: (url: string) => void;
  /** Scratch directory for the profile (created and removed by the caller). */
  profileDir: string;
  /** Most tabs the caller will have open at once. */
  maxTabs: number;
  /** Extra environment for the browser and every process it starts (the faked-clock lane's LD_PRELOAD). */
  env?: Record<string, string>;

  log: (message: string) => void;
}

export interface BrowserDriver {
  readonly browser: BrowserName;
  readonly version: string;
  /** Pids of the processes the driver started (their descendants are the browser). */
  readonly pids: number[];
  /** Opens a new blank tab. Tabs are reused: one navigation per batch. */
  openTab(): Promise<Tab>;
  close(): Promise<void>;
}

/** Accept-Language is pinned in all three browsers so `sent` headers do not depend on the host locale. */
export const ACCEPT_LANGUAGE = 'en-US';
