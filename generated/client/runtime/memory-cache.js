/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/** How many entries {@link createMemoryCache} keeps unless told otherwise. */
const DEFAULT_MAX_ENTRIES = 100;
/**
 * In-memory {@link Cache} holding at most `maxEntries` entries (default 100), dropping the least
 * recently used first; share one between clients if wanted.
 */
export function createMemoryCache(maxEntries = DEFAULT_MAX_ENTRIES) {
    // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
    const entries = new Map();
    const touch = (url, entry) => {
        entries.delete(url);
        entries.set(url, entry);
    };
    const dropOldest = () => {
        for (const oldest of entries.keys()) {
            if (entries.size <= maxEntries)
                return;
            entries.delete(oldest);
        }
    };
    return {
        get(url) {
            const entry = entries.get(url);
            if (entry)
                touch(url, entry);
            return entry;
        },
        set(url, entry) {
            touch(url, entry);
            dropOldest();
        },
        delete: (url) => entries.delete(url),
    };
}
