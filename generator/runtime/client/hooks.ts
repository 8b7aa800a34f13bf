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
  onRequest?: (url: string, init: RequestInit & { headers: Headers }) => unknown;
  /**
   * Called with every response before it is read; the Response it resolves to (if any) replaces
   * it. `retry()` calls `onRequest` and fetches again, e.g. once after a 401 with a refreshed
   * token: `(res, retry) => (res.status == 401 ? refresh().then(retry) : res)`. A retry sends the
   * same body, so a stream body cannot be retried.
   */
  onResponse?: (res: Response, retry: () => Promise<Response>) => Response | undefined | Promise<Response | undefined>;
}

/** The URL a `fetch` was called with, as text. */
function urlText(url: string | URL | Request): string {
  return url instanceof Request ? url.url : String(url);
}

/**
 * A `fetch` for `ClientOptions.fetch` that runs `hooks` around `base` (default: the global
 * `fetch`), e.g. to send a fresh access token with each request and retry once on a 401:
 * `createClient({ baseUrl, fetch: withHooks({ onRequest, onResponse }) })`.
 */
export function withHooks(hooks: Hooks, base: typeof fetch = (url, init) => fetch(url, init)): typeof fetch {
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
