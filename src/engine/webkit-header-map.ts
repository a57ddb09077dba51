/**
 * WebKit's `HTTPHeaderMap` keeps "common" headers (those of HTTPHeaderNames.in) apart from the
 * others and iterates common ones first, spelled canonically. This decides which disallowed header
 * WebKit names first in `Request header field … is not allowed` (observed: `Content-Type` before
 * `X-Zeta`). Names a page could send; lower-case → canonical spelling.
 */
const COMMON = [
  'Accept', 'Accept-Charset', 'Accept-Language', 'Accept-Encoding', 'Accept-Ranges',
  'Access-Control-Allow-Credentials', 'Access-Control-Allow-Headers', 'Access-Control-Allow-Methods',
  'Access-Control-Allow-Origin', 'Access-Control-Expose-Headers', 'Access-Control-Max-Age',
  'Access-Control-Request-Headers', 'Access-Control-Request-Method', 'Age', 'Alternate-Protocol',
  'Authorization', 'Cache-Control', 'Connection', 'Content-Disposition', 'Content-Encoding',
  'Content-Language', 'Content-Length', 'Content-Location', 'Content-Security-Policy', 'Content-Security-Policy-Report-Only',
  'Content-Type', 'Content-Transfer-Encoding', 'Content-Range', 'Cookie', 'Cookie2', 'Date', 'DNT',
  'Default-Style', 'ETag', 'Expect', 'Expires', 'Host', 'If-Match', 'If-Modified-Since', 'If-None-Match',
  'If-Range', 'If-Unmodified-Since', 'Keep-Alive', 'Last-Event-ID', 'Last-Modified', 'Link', 'Location',
  'Origin', 'Ping-From', 'Ping-To', 'Purpose', 'Pragma', 'Range', 'Referer', 'Referrer-Policy', 'Refresh',
  'Server', 'Set-Cookie', 'Set-Cookie2', 'TE', 'Timing-Allow-Origin', 'Trailer', 'Transfer-Encoding',
  'Upgrade', 'User-Agent', 'Vary', 'Via', 'X-Content-Type-Options', 'X-DNS-Prefetch-Control',
  'X-Frame-Options', 'X-Powered-By', 'X-SourceMap', 'X-XSS-Protection',
];

const CANONICAL: ReadonlyMap<string, string> = new Map(COMMON.map((n) => [n.toLowerCase(), n]));

/** Canonical spelling if WebKit stores the name as a common header, else undefined. */
export function webkitCommonHeaderName(name: string): string | undefined {
  return CANONICAL.get(name.toLowerCase());
}
