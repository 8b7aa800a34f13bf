/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { ClientOptions, Operation, Params, RedirectResult, SendOptions } from "./types.js";
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
export declare function sendNoFollow<R = RedirectResult>(c: ClientOptions, op: Operation, params?: Params, init?: SendOptions): Promise<R>;
