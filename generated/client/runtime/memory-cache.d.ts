/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * The default {@link Cache}: in memory, bounded, least recently used entries dropped first.
 *
 * @module
 */
import type { Cache } from "./types.js";
/**
 * In-memory {@link Cache} holding at most `maxEntries` entries (default 100), dropping the least
 * recently used first; share one between clients if wanted.
 */
export declare function createMemoryCache(maxEntries?: number): Cache;
