/**
 * `types/index.d.ts`: every named type of every spec at the top level, once; a name two specs
 * export is kept from the first, with a warning.
 *
 * @module
 */
import { duplicatesWarning } from "../../model/names.js";
import type { Model } from "../../model/types.js";
import { type Code, code, identifier, list } from "../code.js";
import type { GeneratedFile } from "../file.js";
import { banner, operationTypeNames, relativeImport } from "../module.js";

/** `types/index.d.ts` of the model; a warning per spec whose names an earlier spec took goes to `warnings`. */
export function indexFile(model: Model, warnings: string[]): GeneratedFile {
  const lines: Code[] = [];
  const seen = new Map<string, string>();
  for (const spec of model.specs) {
    const from = relativeImport("types/index.d.ts", `types/${spec.module}.js`);
    const dups = new Map<string, string>();
    const names = [
      ...spec.operations.flatMap(operationTypeNames),
      ...spec.webhooks.flatMap(operationTypeNames),
      ...spec.schemas.map((s) => s.name),
    ].filter((n) => {
      const prior = seen.get(n);
      if (prior) dups.set(n, prior);
      else seen.set(n, spec.source);
      return !prior;
    });
    const warning = duplicatesWarning(spec.source, "type(s)", dups);
    if (warning) warnings.push(warning);
    if (names.length) lines.push(code`export type { ${list(names.map(identifier))} } from ${from};`);
  }
  // Without a named type the file must still be a module, or `export type * from "./types/index.js"` fails.
  const exports = lines.length ? list(lines, "\n") : code`export {};`;
  return { path: "types/index.d.ts", contents: `${banner(null)}${exports}\n` };
}
