/**
 * A spec's validators compiled in memory by the emitter's own code (same Ajv options, same
 * bundling) and loaded as an ES module from a `data:` URL, so that `validate` checks with
 * exactly what `generate` would write.
 *
 * @module
 */
import { type CompileScope, compileValidators } from "../emit/validators/compile.js";
import { validatorFront } from "../emit/validators/front.js";
import { formatsModule, helpersModule, RUNTIME_JS_URL } from "../emit/validators/shared-files.js";
import type { ValidatorTarget } from "../emit/validators/targets.js";
import type { SpecModel } from "../model/types.js";
import { judgeAll } from "../pattern-gate.js";
import { loadSpec } from "./spec.js";
import type { ImportedValidators, LoadedValidators, ValidateOptions } from "./types.js";

const dataUrl = (code: string) => `data:text/javascript;base64,${Buffer.from(code, "utf8").toString("base64")}`;

/** Builds the model of one spec file and loads the validators of all its targets. */
export async function loadValidators(specPath: string, options: ValidateOptions = {}): Promise<LoadedValidators> {
  const loaded = await loadSpec(specPath, options);
  const warn = (m: string) => loaded.warnings.push(m);
  return { ...loaded, ...(await compileInMemory(loaded.spec, loaded.targets, warn)) };
}

/**
 * Compiles validators for `targets` of a spec exactly as the emitter does and imports the front
 * and its Ajv module from `data:` URLs; the runtime is the toolkit's own compiled copy, the formats module another
 * `data:` URL (a `data:` module can import absolute URLs only).
 */
export async function importValidators(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  warn?: (message: string) => void,
): Promise<Record<string, unknown>> {
  return (await compileInMemory(spec, targets, warn)).exports;
}

/**
 * {@link importValidators}, with the origins of the hoisted functions. `judged` settles once the
 * regexes to warn of have their verdicts; `scope` says what the compile leaves out.
 */
export async function compileInMemory(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  warn?: (message: string) => void,
  { judged, ...scope }: CompileScope & { judged?: Promise<void> } = {},
): Promise<ImportedValidators> {
  // The shared modules' URLs are the same text each time, so Node's module map loads them once.
  const shared = { runtime: RUNTIME_JS_URL.href, formats: dataUrl(formatsModule()), helpers: dataUrl(helpersModule()) };
  // The warnings about unsafe regexes wait for verdicts made on the judge's worker (pattern-gate.ts):
  // the caller's, or else every regex of the spec's.
  const verdicts = judged ?? (warn ? judgeAll(spec.facts.patterns) : undefined);
  const { ajv, origins, ...compiled } = await compileValidators(spec, targets, shared, warn, verdicts, scope);
  // The front imports its Ajv module from a `data:` URL of its own, as the files import each other.
  const front = validatorFront(targets, compiled, { runtime: RUNTIME_JS_URL.href, ajv: dataUrl(ajv) });
  return { exports: (await import(dataUrl(front))) as Record<string, unknown>, origins };
}
