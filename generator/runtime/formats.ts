/**
 * The format checks of the generated validators, bundled into `validators/formats.js`:
 * ajv-formats' `full` formats, with a fast path in front of `uri`.
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
import { fullFormats as ajvFormats } from "ajv-formats/dist/formats.js";

/**
 * `scheme "://" reg-name [":" port] path-abempty ["?" query] ["#" fragment]` of RFC 3986, minus
 * userinfo, IP literals and percent-encoding, with the same character sets as ajv-formats.
 */
export const FAST_URI =
  /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9\-._~!$&'()*+,;=]*(?::\d*)?(?:\/[a-z0-9\-._~!$&'()*+,;=:@/]*)?(?:\?[a-z0-9\-._~!$&'()*+,;=:@/?]*)?(?:#[a-z0-9\-._~!$&'()*+,;=:@/?]*)?$/i;

const fullUri = ajvFormats.uri as (value: string) => boolean;

/** ajv-formats' `full` verdict on `value` as an RFC 3986 URI, usually from the fast path. */
export function uri(value: string): boolean {
  return FAST_URI.test(value) || fullUri(value);
}

/** ajv-formats' `full` formats, `uri` checked by {@link uri}. */
export const fullFormats = { ...ajvFormats, uri };
