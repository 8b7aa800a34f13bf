/**
 * The two files of one compile of a spec's validators: the front people import
 * (`validators/<name>.js`, front.ts) and the Ajv module under it (`validators/<name>.ajv.js`,
 * compile.ts). `<name>` is the spec's module, or `<module>.as-written` (as-written.ts).
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";
import type { GeneratedFile } from "../file.js";
import { banner, relativeImport } from "../module.js";
import { compileValidators } from "./compile.js";
import { validatorFront } from "./front.js";
import { sharedImports } from "./shared-files.js";
import type { ValidatorTarget } from "./targets.js";

/**
 * The suffix of an Ajv module's name; model/names.ts keeps spec modules from ending in it, and
 * stamp-units.ts counts the file among its spec's own.
 */
const AJV_SUFFIX = ".ajv";

/** Said at the top of every Ajv module, under the banner (the generator's own text). */
const AJV_NOTE =
  "// Ajv's standalone code behind the validators module of the same name without `.ajv`: import that one.\n";

/**
 * `validators/<name>.js` and `validators/<name>.ajv.js`: `spec`'s `targets` compiled by Ajv, and
 * the front over them. `source` is the spec file the banners name; `judged`, the regexes' verdicts
 * still coming (see compile.ts).
 */
export async function validatorModuleFiles(
  source: string,
  name: string,
  spec: SpecModel,
  targets: readonly ValidatorTarget[],
  warn?: (message: string) => void,
  judged?: Promise<void>,
): Promise<GeneratedFile[]> {
  const front = `validators/${name}.js`;
  const ajv = `validators/${name}${AJV_SUFFIX}.js`;
  const compiled = await compileValidators(spec, targets, sharedImports(ajv), warn, judged);
  const from = { runtime: relativeImport(front, "validators/runtime.js"), ajv: relativeImport(front, ajv) };
  return [
    { path: front, contents: `${banner(source)}${validatorFront(targets, compiled, from)}` },
    { path: ajv, contents: `${banner(source)}${AJV_NOTE}${compiled.ajv}` },
  ];
}
