/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * The request flow of a redirect operation: fetched without following, it resolves to the
 * answer's `Location`, refused unless an http(s) URL. Generated stubs of such operations call
 * {@link sendNoFollow}, so other bundles leave it out.
 *
 * @module
 */
import { readBody } from "./body.js";
import { HttpError } from "./errors.js";
import { exchange } from "./send.js";
import { buildUrl } from "./url.js";
/** The statuses that redirect with a `Location`. */
const REDIRECTS = [301, 302, 303, 307, 308];
/** The schemes a `Location` may have. */
const HTTP_PROTOCOL = /^https?:$/;
/** `location` resolved against the request URL, if it is an http(s) URL. */
function httpUrl(location, base) {
    if (!location)
        return undefined;
    let url;
    try {
        url = new URL(location, base);
    }
    catch {
        return undefined;
    }
    return HTTP_PROTOCOL.test(url.protocol) ? url.href : undefined;
}
/**
 * Performs a redirect operation (one whose descriptor says `redirect: true`), as `request` does
 * for it: fetched with `redirect: "manual"`, never following, it resolves to a
 * {@link RedirectResult} for a 301/302/303/307/308 answer, with `Location` resolved against the
 * request URL. In browsers (an opaque redirect, status 0) nothing is readable: the result has
 * only the status and empty headers.
 *
 * @throws HttpError for an answer without a redirect, or with a missing or non-http(s)
 *   `Location` (e.g. `javascript:`); otherwise as `request` does.
 */
export async function sendNoFollow(c, op, params, init = {}) {
    const url = buildUrl(c, op, params);
    const { res, headers } = await exchange(c, op, url, { params, init });
    const status = res.status;
    if (status === 0)
        return { status, headers };
    const redirects = REDIRECTS.includes(status);
    if (!redirects)
        await readBody(res, c, op); // throws for error answers
    const location = redirects ? httpUrl(headers.location, url) : undefined;
    if (!location)
        throw new HttpError(status, headers.location, "bad redirect");
    return { status, location, headers };
}
