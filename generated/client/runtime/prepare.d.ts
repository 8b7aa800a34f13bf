/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { ClientOptions, Operation, Params, SendOptions } from "./types.js";
/**
 * The `init` a call sends for an operation with a request body or header
 * parameters (generated descriptors name it as their `prepare`, so a bundle
 * without such operations leaves it out): `init.headers` after the header
 * parameters from `params` (arrays comma-joined), and `init.body`
 * JSON-encoded for a `json` operation (otherwise sent as given), declared with
 * the operation's `bodyType` unless the call's or client's headers set a
 * Content-Type.
 */
export declare function prepareRequest(c: ClientOptions, op: Operation, params?: Params, init?: SendOptions): SendOptions;
