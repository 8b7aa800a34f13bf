/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * {@link request}: performs any operation, picking the flow its descriptor asks for. Generated
 * stubs call the flow itself (`send`, `sendCached`, `sendNoFollow`), so that a bundle holds only
 * the flows its operations use; `request` is for descriptors written by hand.
 *
 * @module
 */
import { sendCached } from "./cached.js";
import { sendNoFollow } from "./redirect.js";
import { send } from "./send.js";
/**
 * Performs an operation.
 *
 * JSON operations resolve to a {@link Result} for a 2xx answer. For `cache`
 * operations (and a client cache) a fresh entry is returned without any
 * request; a stale one is revalidated with `If-None-Match` /
 * `If-Modified-Since` and reused on 304 (with freshness from the 304's
 * headers). Every caller gets its own copy of cached data; what is stored is
 * what a shared cache may keep (see {@link sendCached}).
 *
 * `init` goes to `fetch` (after the operation's `prepare`, if any), its
 * headers after the client's.
 *
 * Redirect operations use `redirect: "manual"` (never following) and resolve
 * to a `RedirectResult` for a 301/302/303/307/308 answer, with
 * `Location` resolved against the request URL (see {@link sendNoFollow}).
 *
 * @typeParam R {@link Result} or `RedirectResult`, declared by the stub.
 * @throws MatrixError / HttpError for non-2xx answers; HttpError for an
 *   oversized or non-JSON body, for a redirect operation answering without a
 *   redirect, or with a missing or non-http(s) `Location` (e.g. `javascript:`);
 *   ResponseValidationError if the body fails (or breaks) the validator for its
 *   status (unless `validate: false`); TypeError for bad parameters (see
 *   `buildUrl`). Network and abort/timeout errors are passed through unchanged.
 */
export function request(c, op, params, init = {}) {
    if (op.redirect)
        return sendNoFollow(c, op, params, init);
    if (op.cache)
        return sendCached(c, op, params, init);
    return send(c, op, params, init);
}
