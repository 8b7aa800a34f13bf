/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Request hooks: a `fetch` that runs code around every request a client sends. A function of its
 * own rather than client options, so bundles that use no hooks leave it out.
 *
 * @module
 */
/** The URL a `fetch` was called with, as text. */
function urlText(url) {
    return url instanceof Request ? url.url : String(url);
}
/**
 * A `fetch` for `ClientOptions.fetch` that runs `hooks` around `base` (default: the global
 * `fetch`), e.g. to send a fresh access token with each request and retry once on a 401:
 * `createClient({ baseUrl, fetch: withHooks({ onRequest, onResponse }) })`.
 */
export function withHooks(hooks, base = (url, init) => fetch(url, init)) {
    return async (url, init = {}) => {
        // the runtime passes a Headers: changed in place, its cache rules see what is sent
        const headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
        const sent = Object.assign(init, { headers });
        const send = async () => {
            await hooks.onRequest?.(urlText(url), sent);
            return base(url, sent);
        };
        const res = await send();
        const replaced = await hooks.onResponse?.(res, send);
        return replaced ?? res;
    };
}
