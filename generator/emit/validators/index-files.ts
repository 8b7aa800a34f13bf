/**
 * `validators/index.js` and `.d.ts`: the runtime's error type and every spec's exports, each name
 * from the first spec that has it.
 *
 * @module
 */
import { duplicatesWarning } from "../../model/names.js";
import type { SpecModel } from "../../model/types.js";
import type { Emitted } from "../file.js";
import { banner, relativeImport } from "../module.js";
import { AS_WRITTEN, exportNames, type ValidatorTarget } from "./targets.js";

/** One spec's validators module: the spec and what it exports. */
export interface ValidatorModule {
  spec: SpecModel;
  targets: readonly ValidatorTarget[];
}

/** The index files, and a warning per spec whose names an earlier spec already exports. */
export function indexFiles(modules: readonly ValidatorModule[]): Emitted {
  const warnings: string[] = [];
  const js = [`export { ValidationError, problemsOf } from "./runtime.js";`];
  const dts = [
    `export { ValidationError, problemsOf } from "./runtime.js";`,
    `export type { ValidateFunction, ValidationProblem } from "./runtime.js";`,
  ];
  // Each exported target name → the spec that exports it.
  const seen = new Map<string, string>();
  for (const { spec, targets } of modules) {
    const names = firstExports(spec, targets, seen, warnings);
    if (!names.length) continue;
    const lines = reexports(spec, names);
    js.push(...lines);
    dts.push(...lines);
  }
  return {
    files: [
      { path: "validators/index.js", contents: `${banner(null)}${js.join("\n")}\n` },
      { path: "validators/index.d.ts", contents: `${banner(null)}${dts.join("\n")}\n` },
    ],
    warnings,
  };
}

/** The export names of `targets` that no earlier spec exports (recorded in `seen`); a warning for the others. */
function firstExports(
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  seen: Map<string, string>,
  warnings: string[],
): string[] {
  const dups = new Map<string, string>();
  const names = targets
    .filter((t) => {
      const prior = seen.get(t.name);
      if (prior) {
        dups.set(t.name, prior);
        return false;
      }
      seen.set(t.name, spec.source);
      return true;
    })
    .flatMap((t) => Object.values(exportNames(t.name)));
  const warning = duplicatesWarning(spec.source, "validators for", dups);
  if (warning) warnings.push(warning);
  return names;
}

/** The index's lines re-exporting `names` from a spec's module (and its as-written twin). */
function reexports(spec: SpecModel, names: readonly string[]): string[] {
  const from = JSON.stringify(relativeImport("validators/index.js", `validators/${spec.module}.js`));
  const lines = [`export { ${names.join(", ")} } from ${from};`];
  if (spec.asWritten) {
    const written = names.map((n) => `${n}${AS_WRITTEN}`).join(", ");
    const module = `validators/${spec.module}.as-written.js`;
    lines.push(`export { ${written} } from ${JSON.stringify(relativeImport("validators/index.js", module))};`);
  }
  return lines;
}
