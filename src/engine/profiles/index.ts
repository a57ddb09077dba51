import type { BrowserId } from '../types.js';
import { chromiumProfile } from './chromium.js';
import { firefoxProfile } from './firefox.js';
import type { BrowserProfile } from './profile.js';
import { specProfile } from './spec.js';
import { webkitProfile } from './webkit.js';

export type { BrowserProfile } from './profile.js';

export const PROFILES: Readonly<Record<BrowserId, BrowserProfile>> = {
  chromium: chromiumProfile,
  firefox: firefoxProfile,
  webkit: webkitProfile,
  spec: specProfile,
};
