/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Request hooks: a `fetch` that runs code around every request a client sends. A function of its
 * own rather than client options, so bundles that use no hooks leave it out.
 *
 * @module
 */
/** What {@link withHooks} calls around every request. */
export interface Hooks {
    /**
     * Called before every request (a retry too) with its URL and `init`, whose `headers` (a
     * `Headers`) it may change in place: e.g. `init.headers.set("authorization", "Bearer " + await
     * freshToken())`. The cache sees such headers: an answer to a request with a token is kept
     * only if `public`.
     */
    onRequest?: (url: string, init: RequestInit & {
        headers: Headers;
    }) => unknown;
    /**
     * Called with every response before it is read; the Response it resolves to (if any) replaces
     * it. `retry()` calls `onRequest` and fetches again, e.g. once after a 401 with a refreshed
     * token: `(res, retry) => (res.status == 401 ? refresh().then(retry) : res)`. A retry sends the
     * same body, so a stream body cannot be retried.
     */
    onResponse?: (res: Response, retry: () => Promise<Response>) => Response | undefined | Promise<Response | undefined>;
}
/**
 * A `fetch` for `ClientOptions.fetch` that runs `hooks` around `base` (default: the global
 * `fetch`), e.g. to send a fresh access token with each request and retry once on a 401:
 * `createClient({ baseUrl, fetch: withHooks({ onRequest, onResponse }) })`.
 */
export declare function withHooks(hooks: Hooks, base?: typeof fetch): typeof fetch;
