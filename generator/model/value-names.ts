import type { SpecModel } from "./types.js";

/**
 * The names a spec's named types and validators take in the package's root index: its response
 * types and schemas (`X`, `validateX`, `isX`, `assertX`), which no client function may take.
 */
export function valueNames(spec: SpecModel): string[] {
  return [...spec.operations.flatMap((op) => op.responseTypes.map((r) => r.name)), ...spec.schemas.map((s) => s.name)];
}
