/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { ClientOptions, Operation, Params, Result, SendOptions } from "./types.js";
/**
 * Performs a `cache: true` operation through the client's cache (as `request` does for such an
 * operation). A fresh entry is returned without any request; a stale one is revalidated with
 * `If-None-Match` / `If-Modified-Since` and reused on 304 (with freshness from the 304's headers).
 * Every caller gets its own copy of cached data.
 *
 * What is stored: only 200 answers that passed validation (or `validate: false`), and only
 * those a shared cache may keep: not `no-store` or `private`; when the request carried
 * `Authorization` or `Cookie` (or `credentials: "include"`), only `public` answers; none with a
 * `Vary` other than `Accept-Encoding`. Freshness: `max-age` minus `Age` (both delta-seconds,
 * anything else makes the answer stale); `no-cache` stores but always revalidates; `s-maxage`,
 * `Expires` and `stale-*` are ignored (no max-age = revalidate).
 *
 * @throws as `request` does.
 */
export declare function sendCached<R = Result<unknown>>(c: ClientOptions, op: Operation, params?: Params, init?: SendOptions): Promise<R>;
