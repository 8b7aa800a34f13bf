/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * The request flow of a `cache: true` operation: answers kept in the client's {@link Cache} as a
 * shared HTTP cache may keep them, revalidated when stale, and copied for every caller.
 * Generated stubs of such operations call {@link sendCached}, so other bundles leave it out.
 *
 * @module
 */
import { cacheDirectives, freshUntil, storable } from "./cache-control.js";
import { exchange, readAnswer } from "./send.js";
import { buildUrl } from "./url.js";
import { validate } from "./validate.js";
/** A copy of cached data for one caller, or undefined when it cannot be copied (too deep). */
function copyOf(data) {
    try {
        return { data: structuredClone(data) };
    }
    catch {
        return undefined;
    }
}
/** The conditions of a request revalidating a stale entry: its validators `ETag` and `Last-Modified`. */
function revalidation(stale) {
    const conditions = {};
    if (stale.etag)
        conditions["if-none-match"] = stale.etag;
    if (stale["last-modified"])
        conditions["if-modified-since"] = stale["last-modified"];
    return conditions;
}
/**
 * Whether a request carried credentials: `Authorization`, a cookie, or the browser's cookies.
 * Judged after the fetch: a `fetch` from withHooks may have added a token to the headers.
 */
function carriedCredentials(exchanged) {
    const { headers, credentials } = exchanged.sent;
    return headers.has("authorization") || headers.has("cookie") || credentials === "include";
}
/**
 * The answer made of stored data (a fresh entry's, or a stale one's that a 304 confirmed), checked
 * again by the operation's validator: the validators may have changed since it was stored.
 */
function storedAnswer(c, op, data, headers) {
    validate(c, op, 200, data);
    return { status: 200, data, headers };
}
/**
 * Keeps a 200 answer that a shared cache may keep (see {@link storable}), fresh until
 * {@link freshUntil} says, or drops the entry `hit` was when the answer may no longer be kept.
 */
async function remember(cache, url, result, request) {
    const directives = cacheDirectives(result.headers["cache-control"]);
    const keep = result.status === 200 && storable(directives, result.headers.vary, request.credentials);
    const entry = keep ? copyOf(result.data) : undefined;
    const expires = freshUntil(directives, result.headers.age, request.now);
    if (entry)
        await cache.set(url, { data: entry.data, headers: { ...result.headers }, expires });
    else if (request.hit)
        await cache.delete?.(url);
}
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
export async function sendCached(c, op, params, init = {}) {
    const url = buildUrl(c, op, params);
    const now = c.now ?? Date.now;
    const cache = c.cache === false ? undefined : c.cache;
    const hit = cache ? await cache.get(url) : undefined;
    const stored = hit ? copyOf(hit.data) : undefined;
    if (hit && stored && hit.expires > now())
        return storedAnswer(c, op, stored.data, { ...hit.headers });
    const conditions = hit && stored ? revalidation(hit.headers) : undefined;
    const answer = await exchange(c, op, url, { params, init, conditions });
    // a 304 confirms the stored data, its headers updating the stored ones
    const revalidated = hit && stored && answer.res.status === 304;
    const result = revalidated
        ? storedAnswer(c, op, stored.data, { ...hit.headers, ...answer.headers })
        : await readAnswer(c, op, answer);
    if (cache)
        await remember(cache, url, result, { credentials: carriedCredentials(answer), now: now(), hit });
    return result;
}
