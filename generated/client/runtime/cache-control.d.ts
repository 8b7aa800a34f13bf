/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * What an answer's headers let a shared cache do with it (RFC 9111): its Cache-Control
 * directives, whether it may be stored, and until when it is fresh.
 *
 * @module
 */
/**
 * Cache-Control directives (RFC 9111 §5.2) by lower-cased name, with their values unquoted (`""`
 * for none). A directive repeated with another value gets `""` (so a conflicting `max-age`
 * counts as absent: stale). Names are compared whole, so `x-max-age` or `no-cache-x` are other
 * directives; a comma inside a quoted value separates nothing.
 */
export declare function cacheDirectives(field?: string): Map<string, string>;
/** Epoch milliseconds until which an answer is fresh: `max-age` minus `Age`; 0 = revalidate. */
export declare function freshUntil(directives: Map<string, string>, age: string | undefined, now: number): number;
/**
 * Whether a shared cache may keep an answer (RFC 9111 §3): not `no-store` or `private`; to a
 * request with credentials only if `public`; and varying on nothing but Accept-Encoding, since
 * entries are keyed by URL alone.
 */
export declare function storable(directives: Map<string, string>, vary?: string, credentials?: boolean): boolean;
