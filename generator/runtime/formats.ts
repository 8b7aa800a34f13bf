/**
 * The format checks of the generated validators, bundled into `validators/formats.js`:
 * ajv-formats' `full` formats, with a fast path in front of `uri` and of `date-time`.
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

const fullUri = ajvFormats.uri as (value: string) => boolean;

/** ajv-formats' `full` verdict on `value` as an RFC 3986 URI, usually from the fast path. */
export function uri(value: string): boolean {
  return FAST_URI.test(value) || fullUri(value);
}

/**
 * ajv-formats' `date-time` (RFC 3339, time zone required) splits the string at its separator and
 * runs two capturing regexes over the halves: about 300 ns per timestamp on a 2-core machine,
 * which made up 40% of the time Rebilly's validators spend on a resource with two timestamps.
 * Nearly every timestamp a server sends has one shape, `2021-12-15T14:15:22.123Z` or with an
 * offset `+05:30`, which {@link FAST_DATE_TIME} matches without captures; its numbers are then
 * range-checked from character codes (see {@link fastDateTime}). Only a string both steps accept
 * is taken as valid; anything else (a leap day, a leap second, a space or a lowercase separator,
 * an offset without its colon, a long fraction) gets the full check, so the verdict is the full one.
 * The fraction has at most 9 digits: a longer one can round the seconds up to 60 (`59.99…9`),
 * which the full check refuses outside a leap second.
 */
export const FAST_DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)$/;

/** Days per month, February without its leap day (which the full check decides). */
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 48;
const Z = 90;

/** The number written by the two ASCII digits of `s` at `at` (FAST_DATE_TIME checked they are digits). */
function twoDigits(s: string, at: number): number {
  return (s.charCodeAt(at) - ZERO) * 10 + s.charCodeAt(at + 1) - ZERO;
}

/**
 * Whether `value` is a valid RFC 3339 date-time of the common shape (see {@link FAST_DATE_TIME}):
 * month 1–12, a day the month has, hour ≤ 23, minute and second ≤ 59, offset hours ≤ 23 and
 * minutes ≤ 59. A false answer means "ask the full check", not "invalid".
 */
export function fastDateTime(value: string): boolean {
  if (!FAST_DATE_TIME.test(value)) return false;
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month] as number)) return false;
  if (twoDigits(value, 11) > 23 || twoDigits(value, 14) > 59 || twoDigits(value, 17) > 59) return false;
  const end = value.length;
  return value.charCodeAt(end - 1) === Z || (twoDigits(value, end - 5) <= 23 && twoDigits(value, end - 2) <= 59);
}

/** ajv-formats' `full` date-time definition: its `validate` and its `compare` (for formatMinimum). */
const fullDateTime = ajvFormats["date-time"] as { validate: (value: string) => boolean; compare: unknown };

/** ajv-formats' `full` verdict on `value` as an RFC 3339 date-time, usually from the fast path. */
export function checkDateTime(value: string): boolean {
  return fastDateTime(value) || fullDateTime.validate(value);
}

/**
 * ajv-formats' `date-time` definition with {@link checkDateTime} as its check. It stays an object with
 * `validate` and `compare`, as ajv-formats defines it, so Ajv emits the same code for it.
 */
export const DATE_TIME_FORMAT = { ...fullDateTime, validate: checkDateTime };

/** ajv-formats' `full` formats, `uri` checked by {@link uri} and `date-time` by {@link checkDateTime}. */
export const fullFormats = { ...ajvFormats, uri, "date-time": DATE_TIME_FORMAT };
