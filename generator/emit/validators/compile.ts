/**
 * One spec's validators as one plain ES module: Ajv's standalone code for the `all` compile
 * (and, for a small spec, the `first` compile behind `isX`), linked to the shared modules, with
 * the `isX`/`assertX` exports.
 *
 * @module
 */
import standaloneCode from "ajv/dist/standalone/index.js";
import { SpecError } from "../../errors.js";
import { isLargeSpec } from "../../model/size.js";
import type { SpecModel } from "../../model/types.js";
import { createAjv, type CompiledSpec } from "./ajv.js";
import { blankStrings, indentBlocks, ownProtoKeys } from "./code-text.js";
import { compileError } from "./compile-error.js";
import { linkHelpers, type LinkedHelpers } from "./link.js";
import { FORMATS_BINDING } from "./options.js";
import type { SharedModules } from "./shared-files.js";
import { exportNames, type ValidatorTarget } from "./targets.js";

/**
 * ESM source of one spec's validators: Ajv's standalone code plus the `is`/`assert` wrappers.
 * Ajv's standalone output still loads its run-time helpers with `require()` (ajv issues #1976,
 * #2209); those lines are linked to the shared helpers module instead (see link.ts).
 */
export async function compileValidatorModule(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  shared: SharedModules,
  warn?: (message: string) => void,
): Promise<string> {
  return (await compileValidators(spec, targets, shared, warn)).code;
}

/** {@link compileValidatorModule}, with where the hoisted functions' schemas stood (for `specgen validate`). */
export async function compileValidators(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  shared: SharedModules,
  warn?: (message: string) => void,
): Promise<{ code: string; origins: Record<string, string[]> }> {
  const all = createAjv(spec, targets, warn);
  // A large spec's `isX` share the `all` compile (see model/size.ts).
  const first = isLargeSpec(spec) ? undefined : createAjv(spec, targets, undefined, "first");
  const linked: LinkedHelpers = { helpers: new Set(), runtime: new Set() };
  const allCode = standalone(spec, all, linked);
  const firstCode = first && standalone(spec, first, linked);
  const lines = [...imports(shared, all.usesFormats, linked), "", allCode];
  if (firstCode !== undefined) lines.push(...firstErrorFactory(firstCode));
  lines.push(...guardExports(targets, all.aliases, firstCode !== undefined));
  const code = `${indentBlocks(lines.join("\n"))}\n`;
  refuseRequire(code, spec);
  return { code, origins: all.origins };
}

/** Ajv's standalone code for one compile, linked to the shared helpers (recorded in `linked`). */
function standalone(spec: SpecModel, compiled: CompiledSpec, linked: LinkedHelpers): string {
  let code: string;
  try {
    code = standaloneCode.default(compiled.ajv, compiled.keys);
  } catch (err) {
    throw compileError(err, spec);
  }
  // The directive is the module's own (ESM is strict) or the factory's first statement.
  return linkHelpers(ownProtoKeys(code.replace(/^"use strict";\n/, "")), linked);
}

/**
 * The module's imports. The wrappers come from two runtime helpers (the guards never throw for
 * a value: one nested past the call stack, in a recursive schema, is invalid).
 */
function imports(shared: SharedModules, usesFormats: boolean, linked: LinkedHelpers): string[] {
  const fromRuntime = ["asserter", "guard", ...linked.runtime].sort();
  const lines = [`import { ${fromRuntime.join(", ")} } from ${JSON.stringify(shared.runtime)};`];
  if (usesFormats) lines.push(`import { ${FORMATS_BINDING} } from ${JSON.stringify(shared.formats)};`);
  if (linked.helpers.size) {
    lines.push(`import { ${[...linked.helpers].sort().join(", ")} } from ${JSON.stringify(shared.helpers)};`);
  }
  return lines;
}

/**
 * The `first` compile (small specs) behind `isX`, inside a factory run on the first `isX` call:
 * Ajv's code assigns to its functions at the top level (`validate1.evaluated = …`), which a
 * bundler keeps, so without the factory every application would ship both compiles. The
 * factory's names are its own, so the two compiles' names (`validate1`, …) never meet.
 */
function firstErrorFactory(firstCode: string): string[] {
  return [
    "function createFirstErrorValidators(exports) {",
    `"use strict";`,
    firstCode,
    "return exports;",
    "}",
    "let firstError;",
    "const firstErrorValidator = (name) => (value) => (firstError ??= createFirstErrorValidators({}))[name](value);",
  ];
}

/**
 * The `validateX` aliases and the `isX`/`assertX` exports of each target, marked pure, so that
 * a bundler drops those an application does not import. Targets with the same schema share
 * functions. The `all` compile's functions are `validateX` and back `assertX`.
 */
function guardExports(targets: readonly ValidatorTarget[], aliases: Record<string, string>, factory: boolean) {
  const lines: string[] = [];
  for (const t of targets) {
    const n = exportNames(t.name);
    const alias = aliases[n.validate];
    if (alias !== undefined) lines.push(`export const ${n.validate} = ${alias};`);
    const guarded = factory
      ? `/* @__PURE__ */ firstErrorValidator(${JSON.stringify(alias ?? n.validate)})`
      : n.validate;
    lines.push(
      `export const ${n.is} = /* @__PURE__ */ guard(${guarded});`,
      `export const ${n.assert} = /* @__PURE__ */ asserter(${JSON.stringify(t.name)}, ${n.validate});`,
    );
  }
  return lines;
}

/**
 * Stops the run where the module would call `require()` (an Ajv helper link.ts does not know).
 * Spec data sits in Ajv's code as string literals (an enum value `require ("approval")`); only
 * the code around them is checked.
 */
function refuseRequire(code: string, spec: SpecModel): void {
  const requires = /\brequire\s*\(/;
  if (requires.test(code) && requires.test(blankStrings(code))) {
    const why = "the compiled validators call require() (an Ajv helper this toolkit does not ship)";
    throw new SpecError(why, spec.source);
  }
}
