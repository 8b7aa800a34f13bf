/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * The client every stub takes as its first argument: the options, with their defaults resolved.
 *
 * @module
 */
import { createMemoryCache } from "./memory-cache.js";
/** Resolves defaults (a new {@link createMemoryCache} unless `cache` is given); the result is what stubs take. */
export function createClient(options) {
    return { ...options, cache: options.cache ?? createMemoryCache() };
}
