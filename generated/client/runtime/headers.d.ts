/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * The headers a call sends and the headers of its answer, as plain records.
 *
 * @module
 */
import type { CallOptions, ClientOptions } from "./types.js";
/**
 * The headers of a call: the client's, then the call's (names compared case-insensitively), then
 * `conditions` (those of a revalidation).
 */
export declare function requestHeaders(c: ClientOptions, sent: CallOptions, conditions?: Record<string, string>): Headers;
/** An answer's headers: lower-cased names; a repeated header is one comma-joined value (set-cookie: the last). */
export declare function responseHeaders(res: Response): Record<string, string>;
