/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { Cache, ClientOptions } from "./types.js";
/** Client returned by {@link createClient}. */
export interface Client extends ClientOptions {
    cache: Cache | false;
}
/** Resolves defaults (a new {@link createMemoryCache} unless `cache` is given); the result is what stubs take. */
export declare function createClient(options: ClientOptions): Client;
