/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { ClientOptions, Operation, Params, Result, SendOptions } from "./types.js";
/** One `fetch` of a call: what was sent, its answer, and the answer's headers. */
export interface Exchange {
    /** The `init` given to `fetch`, its headers as sent (a hook may have changed them). */
    sent: RequestInit & {
        headers: Headers;
    };
    res: Response;
    /** Lower-cased names (see `responseHeaders`). */
    headers: Record<string, string>;
}
/**
 * Fetches `url` for a call: `init` after the operation's `prepare` (if any), its headers after the
 * client's, then `conditions` (a revalidation's). A redirect operation is fetched with
 * `redirect: "manual"`, never following.
 */
export declare function exchange(c: ClientOptions, op: Operation, url: string, call: {
    params?: Params | undefined;
    init: SendOptions;
    conditions?: Record<string, string> | undefined;
}): Promise<Exchange>;
/** An answer read by the operation's reader (JSON by default) and checked by its validator for the status. */
export declare function readAnswer(c: ClientOptions, op: Operation, answer: Exchange): Promise<Result<unknown>>;
/**
 * Performs an operation that neither caches nor redirects: resolves to a {@link Result} for a 2xx
 * answer whose body passed validation. Generated stubs of such operations call it (and not
 * `request`), so their bundles leave the cache and the redirect handling out.
 *
 * @typeParam R {@link Result}, declared by the stub.
 * @throws as `request` does.
 */
export declare function send<R = Result<unknown>>(c: ClientOptions, op: Operation, params?: Params, init?: SendOptions): Promise<R>;
