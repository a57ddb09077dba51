import { schemelesslySameSite } from '../origin.js';

/**
 * Fetch § cross-origin resource policy internal check, `same-site` branch: schemelessly same
 * site, and an https page or a non-https response.
 */
export function corpSchemelesslySameSite(page: URL, response: URL): boolean {
  return schemelesslySameSite(page, response) && (page.protocol === 'https:' || response.protocol !== 'https:');
}
