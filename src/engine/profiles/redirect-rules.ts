/**
 * Fetch § HTTP-redirect fetch step 12 (checklist #38): 301/302 turn POST into GET, 303 turns every
 * method but GET/HEAD into GET; the request-body headers go with the body.
 */
export function specRewrite(status: number, method: string): 'keep' | 'get' | 'get-keep-body-headers' {
  const get = ((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD');
  return get ? 'get' : 'keep';
}

/**
 * WebKitGTK (NetworkDataTaskSoup `shouldRedirectAsGET`): the spec's rewrites, and a DELETE
 * redirected to another origin becomes GET whatever the status — keeping the body headers
 * (observed: Content-Type still sent, and the re-preflight asks for GET).
 */
export function webkitRewrite(status: number, method: string, crossOrigin: boolean): 'keep' | 'get' | 'get-keep-body-headers' {
  const spec = specRewrite(status, method);
  if (spec !== 'keep') return spec;
  return crossOrigin && method === 'DELETE' ? 'get-keep-body-headers' : 'keep';
}
