/**
 * Says how an `Access-Control-Allow-Origin` value differs from the origin the browser compared it
 * with: the part a developer must change (scheme, `www`, port, trailing slash, case, path, ...).
 */
export function describeOriginDifference(sent: string, expected: string): string {
  if (sent === expected) return 'it is equal';
  if (sent === '') return 'the header is present but empty';
  if (sent === '*') return 'it is the wildcard `*`';
  if (sent === 'null') return 'it is `null`, which only matches a request whose origin is opaque or was tainted by a redirect';
  if (expected === 'null') {
    return 'the request carried `Origin: null` (its origin was tainted by a cross-origin redirect), so only `null` or `*` can match';
  }
  if (/[ ,]/.test(sent)) return 'it lists several values; the header takes exactly one origin';
  if (sent === `${expected}/`) return 'it has a trailing slash; an origin has none';
  if (sent.toLowerCase() === expected.toLowerCase()) return 'it differs only in letter case; the comparison is case-sensitive';
  let a: URL;
  let b: URL;
  try {
    a = new URL(sent);
    b = new URL(expected);
  } catch {
    return 'it is not a valid origin (scheme://host[:port])';
  }
  const parts: string[] = [];
  if (a.pathname !== '/' || a.search !== '' || a.hash !== '') parts.push('it has a path, query or fragment; an origin has none');
  if (a.protocol !== b.protocol) parts.push(`the scheme differs (${a.protocol.slice(0, -1)} instead of ${b.protocol.slice(0, -1)})`);
  if (a.hostname !== b.hostname) {
    if (a.hostname === `www.${b.hostname}`) parts.push('it has `www.` where the page has none');
    else if (b.hostname === `www.${a.hostname}`) parts.push('it lacks the `www.` the page has');
    else parts.push(`the host differs (${a.hostname} instead of ${b.hostname})`);
  }
  if (a.port !== b.port) parts.push(`the port differs (${a.port || 'default'} instead of ${b.port || 'default'})`);
  if (parts.length === 0 && sent !== a.origin) parts.push(`it is not in serialized form; write it as ${a.origin}`);
  return parts.length === 0 ? 'it names another origin' : parts.join('; ');
}
