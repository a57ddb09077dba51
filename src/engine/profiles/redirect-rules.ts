/**
 * Fetch § HTTP-redirect fetch step 12 (checklist #38): 301/302 turn POST into GET, 303 turns every
 * method but GET/HEAD into GET; the request-body headers go with the body.
 */
export function specRewrite(status: number, method: string): 'keep' | 'get' {
  const get = ((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD');
  return get ? 'get' : 'keep';
}
