/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { ClientOptions, Operation } from "./types.js";
/**
 * Reads a size-capped JSON body; throws the typed error of a non-2xx answer, after checking its
 * body with the operation's validator for the status, if it declares one. (Exported for
 * runtime-media's readMedia.)
 */
export declare function readBody(res: Response, c: ClientOptions, op?: Operation): Promise<unknown>;
/**
 * Reads a 2xx body as bytes, a `Blob` of the response's Content-Type, capped at
 * `maxBodyBytes` like a JSON body; a failure status is read as JSON (Matrix
 * errors). Generated descriptors of operations that answer with bytes (media
 * downloads) name it as their `read`, so other bundles leave it out.
 */
export declare function readBytes(res: Response, c: ClientOptions, op?: Operation): Promise<unknown>;
