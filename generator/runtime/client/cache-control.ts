/**
 * What an answer's headers let a shared cache do with it (RFC 9111): its Cache-Control
 * directives, whether it may be stored, and until when it is fresh.
 *
 * @module
 */

/** The elements of a Cache-Control field: runs of quoted strings and characters other than `,`. */
const ELEMENTS = /(?:"(?:[^"\\]|\\.)*"|[^",])+/g;
/** One directive: a name, then optionally `=` and a value; anything else (`a b`, `max-age = 5`) names nothing. */
const DIRECTIVE = /^\s*([^=\s]*)(?:=(.*?))?\s*$/;
/** A quoted directive value, whose quotes are dropped. */
const QUOTED = /^"(.*)"$/;
/** delta-seconds (RFC 9111 §1.2.2): digits only. */
const DIGITS = /^\d+$/;
/** The largest delta-seconds a cache must handle (RFC 9111 §1.2.2): larger values count as this. */
const MAX_DELTA_SECONDS = 2 ** 31;
/** A `Vary` element that does not stop an entry keyed by URL alone from being stored. */
const HARMLESS_VARY = /^\s*(accept-encoding)?\s*$/i;

/** One Cache-Control element as [lower-cased name, unquoted value (`""` for none)]. */
function directive(element: string): [string, string] {
  const match = DIRECTIVE.exec(element);
  if (!match) return ["", ""];
  const [, name = "", value = ""] = match;
  return [name.toLowerCase(), value.replace(QUOTED, "$1")];
}

/**
 * Cache-Control directives (RFC 9111 §5.2) by lower-cased name, with their values unquoted (`""`
 * for none). A directive repeated with another value gets `""` (so a conflicting `max-age`
 * counts as absent: stale). Names are compared whole, so `x-max-age` or `no-cache-x` are other
 * directives; a comma inside a quoted value separates nothing.
 */
export function cacheDirectives(field = ""): Map<string, string> {
  const directives = new Map<string, string>();
  for (const element of field.match(ELEMENTS) ?? []) {
    const [name, value] = directive(element);
    const conflicting = directives.has(name) && directives.get(name) !== value;
    directives.set(name, conflicting ? "" : value);
  }
  return directives;
}

/** delta-seconds (RFC 9111 §1.2.2): digits only, capped at 2^31; undefined when invalid. */
function deltaSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !DIGITS.test(value)) return undefined;
  return Math.min(Number(value), MAX_DELTA_SECONDS);
}

/** Epoch milliseconds until which an answer is fresh: `max-age` minus `Age`; 0 = revalidate. */
export function freshUntil(directives: Map<string, string>, age: string | undefined, now: number): number {
  if (directives.has("no-cache")) return 0;
  const maxAgeSeconds = deltaSeconds(directives.get("max-age"));
  const ageSeconds = deltaSeconds(age ?? "0");
  if (maxAgeSeconds === undefined || ageSeconds === undefined) return 0;
  return now + (maxAgeSeconds - ageSeconds) * 1000;
}

/**
 * Whether a shared cache may keep an answer (RFC 9111 §3): not `no-store` or `private`; to a
 * request with credentials only if `public`; and varying on nothing but Accept-Encoding, since
 * entries are keyed by URL alone.
 */
export function storable(directives: Map<string, string>, vary = "", credentials = false): boolean {
  if (directives.has("no-store") || directives.has("private")) return false;
  if (credentials && !directives.has("public")) return false;
  return vary.split(",").every((name) => HARMLESS_VARY.test(name));
}
