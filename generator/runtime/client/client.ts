/**
 * The client every stub takes as its first argument: the options, with their defaults resolved.
 *
 * @module
 */
import { createMemoryCache } from "./memory-cache.js";
import type { Cache, ClientOptions } from "./types.js";

/** Client returned by {@link createClient}. */
export interface Client extends ClientOptions {
  cache: Cache | false;
}

/** Resolves defaults (a new {@link createMemoryCache} unless `cache` is given); the result is what stubs take. */
export function createClient(options: ClientOptions): Client {
  return { ...options, cache: options.cache ?? createMemoryCache() };
}
