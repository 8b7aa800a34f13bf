/**
 * `specgen validate`: JSON documents checked with the validators `generate` would write. One
 * module per concept: the target (target.ts), the spec (spec.ts), the validators compiled in
 * memory (compile.ts), the documents read (read.ts, fetch.ts), the run (run.ts), the overlay
 * rules cited (roots.ts, cite.ts) and the output formats (format.ts, lint-format.ts).
 *
 * @module
 */
export { importValidators, loadValidators } from "./compile.js";
export { readJsonFile } from "./read.js";
export { runValidate } from "./run.js";
export { loadSpec } from "./spec.js";
export type {
  Finding,
  ImportedValidators,
  LoadedSpec,
  LoadedValidators,
  ValidateFormat,
  ValidateOptions,
  ValidateOutcome,
} from "./types.js";
