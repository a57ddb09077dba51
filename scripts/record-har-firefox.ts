import type { Site } from './har-site.js';
export async function recordFirefox(_site: Site): Promise<Record<string, unknown>> {
  throw new Error('not yet');
}
