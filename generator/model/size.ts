import type { SpecModel } from "./types.js";

/**
 * From this many operations and named schemas up, a spec is large. Its types print on a worker
 * thread, beside the validators' compile (starting a worker costs a few hundred milliseconds of
 * module loading, which only a large spec wins back), and its `isX` share the compile of
 * `validateX` rather than having a first-error compile of their own, which would double the
 * module's size (12 MB instead of 6 for Rebilly's 2 MB spec) and its compile time.
 */
export const LARGE_SPEC_ITEMS = 256;

export function isLargeSpec(spec: SpecModel): boolean {
  return spec.operations.length + spec.schemas.length >= LARGE_SPEC_ITEMS;
}
