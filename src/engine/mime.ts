/**
 * MIME type parsing per WHATWG MIME Sniffing (https://mimesniff.spec.whatwg.org/#parsing-a-mime-type),
 * as needed by the CORS-safelisted `Content-Type` test. Pure module.
 */
import {
  byteLowercase,
  collectHttpQuotedString,
  isHttpQuotedStringTokenCodePoint,
  isHttpWhitespace,
  isToken,
  trimHttpWhitespace,
  trimTrailingHttpWhitespace,
} from './http-syntax.js';

/** MIME Sniffing "MIME type record" (https://mimesniff.spec.whatwg.org/#mime-type-representation). */
export interface MimeType {
  /** Lower-cased, non-empty, HTTP token code points only. */
  type: string;
  /** Lower-cased, non-empty, HTTP token code points only. */
  subtype: string;
  /** `type/subtype` (https://mimesniff.spec.whatwg.org/#mime-type-essence). */
  essence: string;
  /** Ordered map: lower-cased names → values (first occurrence wins). */
  parameters: Map<string, string>;
}

function solelyQuotedStringTokenCodePoints(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (!isHttpQuotedStringTokenCodePoint(s.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * MIME Sniffing "parse a MIME type" (https://mimesniff.spec.whatwg.org/#parse-a-mime-type),
 * step for step. Returns null on failure. Used by Fetch "CORS-safelisted request-header" for
 * `Content-Type` (https://fetch.spec.whatwg.org/#cors-safelisted-request-header). Checklist B.7.
 *
 * Notable consequences: `text/plain;` and `text/plain;garbage` parse (parameters without `=` or
 * with an empty value are ignored); `text /plain` and `text\t/\tplain` fail (whitespace is not a
 * token code point in the type, and only *trailing* whitespace is removed from the subtype);
 * `text/plain,x/x` fails (`,` is not a token code point).
 */
export function parseMimeType(input: string): MimeType | null {
  // 1. Remove leading and trailing HTTP whitespace.
  input = trimHttpWhitespace(input);
  // 2. position
  let position = 0;
  // 3. type = code points that are not "/".
  while (position < input.length && input.charCodeAt(position) !== 0x2f) position++;
  const type = input.slice(0, position);
  // 4. empty or non-token → failure.
  if (!isToken(type)) return null;
  // 5. past the end → failure.
  if (position >= input.length) return null;
  // 6. skip "/".
  position++;
  // 7. subtype = code points that are not ";".
  const subtypeStart = position;
  while (position < input.length && input.charCodeAt(position) !== 0x3b) position++;
  // 8. remove trailing HTTP whitespace.
  const subtype = trimTrailingHttpWhitespace(input.slice(subtypeStart, position));
  // 9. empty or non-token → failure.
  if (!isToken(subtype)) return null;
  // 10. record, lower-cased.
  const lowerType = byteLowercase(type);
  const lowerSubtype = byteLowercase(subtype);
  const parameters = new Map<string, string>();
  // 11. parameters.
  while (position < input.length) {
    // 11.1 skip ";".
    position++;
    // 11.2 skip HTTP whitespace.
    while (position < input.length && isHttpWhitespace(input.charCodeAt(position))) position++;
    // 11.3 parameterName = code points that are not ";" or "=".
    const nameStart = position;
    while (position < input.length) {
      const c = input.charCodeAt(position);
      if (c === 0x3b || c === 0x3d) break;
      position++;
    }
    // 11.4 lower-case.
    const parameterName = byteLowercase(input.slice(nameStart, position));
    // 11.5
    if (position < input.length) {
      if (input.charCodeAt(position) === 0x3b) continue;
      position++; // skip "="
    }
    // 11.6
    if (position >= input.length) break;
    // 11.7
    let parameterValue: string;
    if (input.charCodeAt(position) === 0x22) {
      // 11.8
      const collected = collectHttpQuotedString(input, position, true);
      parameterValue = collected.value;
      position = collected.position;
      while (position < input.length && input.charCodeAt(position) !== 0x3b) position++;
    } else {
      // 11.9
      const valueStart = position;
      while (position < input.length && input.charCodeAt(position) !== 0x3b) position++;
      parameterValue = trimTrailingHttpWhitespace(input.slice(valueStart, position));
      if (parameterValue === '') continue;
    }
    // 11.10
    if (
      isToken(parameterName) &&
      solelyQuotedStringTokenCodePoints(parameterValue) &&
      !parameters.has(parameterName)
    ) {
      parameters.set(parameterName, parameterValue);
    }
  }
  // 12.
  return {
    type: lowerType,
    subtype: lowerSubtype,
    essence: `${lowerType}/${lowerSubtype}`,
    parameters,
  };
}

/**
 * MIME Sniffing § serialize a MIME type (`#serialize-a-mime-type`): essence, then each parameter
 * as `;name=value`, the value quoted (with `"` and `\` escaped) unless it is a non-empty token.
 */
export function serializeMimeType(m: MimeType): string {
  let out = m.essence;
  for (const [name, value] of m.parameters) {
    out += `;${name}=`;
    out += value !== '' && isToken(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return out;
}
