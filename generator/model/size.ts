import type { SpecModel } from "./types.js";

/**
 * From this many operations, webhooks and named schemas up, a spec is large. Its types print on a
 * worker thread, beside the validators' compile (starting a worker costs a few hundred milliseconds of
 * module loading, which only a large spec wins back), and its `isX` share the compile of
 * `validateX` rather than having a first-error compile of their own, which would double the
 * module's size (12 MB instead of 6 for Rebilly's 2 MB spec) and its compile time; and Ajv
 * skips its optimising pass there.
 */
export const LARGE_SPEC_ITEMS = 256;

export function isLargeSpec(spec: SpecModel): boolean {
  return spec.operations.length + spec.webhooks.length + spec.schemas.length >= LARGE_SPEC_ITEMS;
}

/**
 * A spec file this big (in UTF-16 code units of its text) is taken for a large spec before it is
 * bundled, to start work for it early (see emit/types.ts, startTypesWorker). Rebilly's 2.3 MB
 * spec has 542 operations; the largest Matrix file, 90 kB, has 9.
 */
export const LARGE_SPEC_TEXT = 1_000_000;
