/**
 * One spec's Ajv module (`<module>.ajv.js`): Ajv's standalone code for the `all` compile (and,
 * for a small spec, the `first` compile behind `isX`) as one plain ES module linked to the shared
 * modules. The exports people import are written over it by front.ts.
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
import { HeldWarnings } from "./held-warnings.js";
import { linkHelpers, type LinkedHelpers } from "./link.js";
import { FORMATS_BINDING } from "./options.js";
import { warnUnsafePatterns } from "./patterns.js";
import type { SharedModules } from "./shared-files.js";
import type { ValidatorTarget } from "./targets.js";

/** One spec's validators compiled: the Ajv module's code and what its front needs to know. */
export interface CompiledValidators {
  /**
   * `<module>.ajv.js` without its banner: imports of the shared modules, Ajv's standalone code
   * (exporting each compiled `validateX`) and, for a small spec, the first-error compile behind
   * `firstErrorValidator`.
   */
  ajv: string;
  /** Each `validateX` that shares another target's compiled function → that function's export (see exports.ts). */
  aliases: Record<string, string>;
  /** Whether the Ajv module exports `firstErrorValidator` (a small spec: `isX` stop at the first error). */
  firstError: boolean;
  /** Where the hoisted functions' schemas stood (for `specgen validate`). */
  origins: Record<string, string[]>;
}

/**
 * The code of one spec's Ajv module (see {@link CompiledValidators.ajv}). Ajv's standalone output
 * still loads its run-time helpers with `require()` (ajv issues #1976, #2209); those lines are
 * linked to the shared helpers module instead (see link.ts).
 */
export async function compileAjvModule(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  shared: SharedModules,
  warn?: (message: string) => void,
): Promise<string> {
  return (await compileValidators(spec, targets, shared, warn)).ajv;
}

/**
 * What `specgen validate` leaves out of a compile: it checks documents with one target's
 * `validateX` alone, so neither the `isX` compile nor the regexes its validator never runs concern it.
 */
export interface CompileScope {
  /** Compile the first-error `isX` too (default: for a small spec, as `generate` writes it). */
  firstError?: boolean;
  /** Warn only of the unsafe regexes at the document pointers this accepts (default: all). */
  patternsWithin?: (pointer: string) => boolean;
}

/**
 * One spec's validators compiled by Ajv (see {@link CompiledValidators}); front.ts writes the
 * exports over them. With `judged` (the run's regexes being judged, see pattern-gate.ts), Ajv
 * compiles without waiting for the verdicts; only the warnings about unsafe regexes wait, and the
 * compile's own warnings, which follow them, are held until then.
 */
export async function compileValidators(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  shared: SharedModules,
  warn?: (message: string) => void,
  judged?: Promise<void>,
  scope: CompileScope = {},
): Promise<CompiledValidators> {
  // A scoped warning is said where the held ones are (createAjv would judge every regex).
  const waitFor = judged ?? (scope.patternsWithin && Promise.resolve());
  const held = warn && waitFor ? new HeldWarnings(warn) : undefined;
  const all = createAjv(spec, targets, held?.warn ?? warn, "all", held && (() => held.hold()));
  // A large spec's `isX` share the `all` compile (see model/size.ts).
  const firstError = scope.firstError ?? !isLargeSpec(spec);
  const first = firstError ? createAjv(spec, targets, undefined, "first") : undefined;
  const linked: LinkedHelpers = { helpers: new Set(), runtime: new Set() };
  const allCode = standalone(spec, all, linked);
  const firstCode = first && standalone(spec, first, linked);
  if (held && warn) {
    await waitFor;
    held.release(() => warnUnsafePatterns(spec, warn, scope.patternsWithin));
  }
  const lines = [...imports(shared, all.usesFormats, linked), "", allCode];
  if (firstCode !== undefined) lines.push(...firstErrorFactory(firstCode));
  const ajv = `${indentBlocks(lines.join("\n"))}\n`;
  refuseRequire(ajv, spec);
  return { ajv, aliases: all.aliases, firstError: firstCode !== undefined, origins: all.origins };
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
 * The Ajv module's imports: the runtime's replacements for some of Ajv's helpers (see link.ts),
 * ajv-formats' formats, Ajv's own helpers; each only where the code uses it.
 */
function imports(shared: SharedModules, usesFormats: boolean, linked: LinkedHelpers): string[] {
  const lines: string[] = [];
  if (linked.runtime.size) {
    lines.push(`import { ${[...linked.runtime].sort().join(", ")} } from ${JSON.stringify(shared.runtime)};`);
  }
  // A namespace import: the code reads `fullFormats.uri`, so a bundler keeps only the formats used.
  if (usesFormats) lines.push(`import * as ${FORMATS_BINDING} from ${JSON.stringify(shared.formats)};`);
  if (linked.helpers.size) {
    lines.push(`import { ${[...linked.helpers].sort().join(", ")} } from ${JSON.stringify(shared.helpers)};`);
  }
  return lines;
}

/**
 * The `first` compile (small specs) behind `isX`, inside a factory run on the first `isX` call:
 * Ajv's code assigns to its functions at the top level (`validate1.evaluated = …`), which a
 * bundler keeps, so without the factory every application would ship both compiles. The
 * factory's names are its own, so the two compiles' names (`validate1`, …) never meet. The
 * front's `isX` call `firstErrorValidator("validateX")`, which builds them on the first call.
 */
function firstErrorFactory(firstCode: string): string[] {
  return [
    "function createFirstErrorValidators(exports) {",
    `"use strict";`,
    firstCode,
    "return exports;",
    "}",
    "let firstError;",
    "export function firstErrorValidator(name) {",
    "return (value) => (firstError ??= createFirstErrorValidators({}))[name](value);",
    "}",
  ];
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
