/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * The request flow every call shares: its URL, what it sends, the `fetch`, and reading the
 * answer. {@link send} is the whole flow of an operation that neither caches nor redirects;
 * `sendCached` (the cached module) and `sendNoFollow` (the redirect module) add their steps around it.
 *
 * @module
 */
import { readBody } from "./body.js";
import { requestHeaders, responseHeaders } from "./headers.js";
import { buildUrl } from "./url.js";
import { validate } from "./validate.js";
/**
 * Fetches `url` for a call: `init` after the operation's `prepare` (if any), its headers after the
 * client's, then `conditions` (a revalidation's). A redirect operation is fetched with
 * `redirect: "manual"`, never following.
 */
export async function exchange(c, op, url, call) {
    const prepared = op.prepare ? op.prepare(c, op, call.params, call.init) : call.init;
    const headers = requestHeaders(c, prepared, call.conditions);
    // otherwise fetch's default, "follow"
    const redirect = op.redirect ? { redirect: "manual" } : {};
    const sent = { ...prepared, method: op.method, headers, ...redirect };
    const fetcher = c.fetch ?? fetch;
    const res = await fetcher(url, sent);
    return { sent, res, headers: responseHeaders(res) };
}
/** An answer read by the operation's reader (JSON by default) and checked by its validator for the status. */
export async function readAnswer(c, op, answer) {
    const read = op.read ?? readBody;
    const data = await read(answer.res, c, op);
    validate(c, op, answer.res.status, data);
    return { status: answer.res.status, data, headers: answer.headers };
}
/**
 * Performs an operation that neither caches nor redirects: resolves to a {@link Result} for a 2xx
 * answer whose body passed validation. Generated stubs of such operations call it (and not
 * `request`), so their bundles leave the cache and the redirect handling out.
 *
 * @typeParam R {@link Result}, declared by the stub.
 * @throws as `request` does.
 */
export async function send(c, op, params, init = {}) {
    const url = buildUrl(c, op, params);
    const answer = await exchange(c, op, url, { params, init });
    return (await readAnswer(c, op, answer));
}
