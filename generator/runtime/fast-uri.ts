/**
 * The fast path in front of ajv-formats' `uri` check, shipped in `validators/formats.js` (see
 * scripts/bundle-runtime.ts) and used by the toolkit's own compile (runtime/formats.ts). It
 * imports nothing, so that a bundle that checks only `uri` takes no other format with it.
 *
 * ajv-formats' `uri` regex (RFC 3986 absolute URI) spends about 190 ns on a typical `https://`
 * URL on a 2-core machine, because its alternatives for IP literals and percent-encoded octets
 * are tried character by character; an OAuth metadata document holds half a dozen URLs. Most
 * real URLs are `scheme://host/path?query#fragment` with unescaped characters only, which
 * {@link FAST_URI}, a chain of character classes, accepts in linear time. It accepts nothing the
 * full regex rejects (test/formats.test.ts checks this on random and corpus strings), so the
 * verdict is the full one; anything it does not accept goes to the full check.
 *
 * @module
 */

// The parts of {@link FAST_URI}, as regex source: the characters RFC 3986 allows unescaped in a
// host name (unreserved and sub-delims), and in a path segment, query or fragment (also `:`, `@`).
const HOST_CHARS = String.raw`a-z0-9\-._~!$&'()*+,;=`;
const PATH_CHARS = `${HOST_CHARS}:@`;
const SCHEME = String.raw`[a-z][a-z0-9+.-]*:\/\/`;
const HOST_AND_PORT = String.raw`[${HOST_CHARS}]*(?::\d*)?`;
const PATH = String.raw`(?:\/[${PATH_CHARS}/]*)?`;
const QUERY = String.raw`(?:\?[${PATH_CHARS}/?]*)?`;
const FRAGMENT = `(?:#[${PATH_CHARS}/?]*)?`;

/**
 * `scheme "://" reg-name [":" port] path-abempty ["?" query] ["#" fragment]` of RFC 3986, minus
 * userinfo, IP literals and percent-encoding, with the same character sets as ajv-formats; case
 * does not matter. Built once from the parts above (a single literal would not fit a line).
 */
export const FAST_URI = new RegExp(`^${SCHEME}${HOST_AND_PORT}${PATH}${QUERY}${FRAGMENT}$`, "i");

/** The `uri` check: {@link FAST_URI}, then `full` (ajv-formats' verdict) for what it does not accept. */
export function fastUri(full: (value: string) => boolean): (value: string) => boolean {
  return (value) => FAST_URI.test(value) || full(value);
}
