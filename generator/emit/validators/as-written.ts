/**
 * The validators of a spec as written, without its overlays.
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";
import { blockComment, code, identifier, list } from "../code.js";
import { jsdoc } from "../comment.js";
import type { GeneratedFile } from "../file.js";
import { banner, relativeImport } from "../module.js";
import { validatorModuleFiles } from "./module-files.js";
import { AS_WRITTEN, exportNames, type ValidatorTarget } from "./targets.js";

/**
 * `validators/<module>.as-written.js` (+ `.d.ts`, over its Ajv module `.as-written.ajv.js`): the
 * spec's targets compiled from the spec without its overlays, as `validateXAsWritten`,
 * `isXAsWritten`, `assertXAsWritten`. They check the schema alone, so that an application can
 * accept what the overlays' prose rules refuse (a local auth service with an `http` issuer)
 * without turning every check off. Their guards narrow
 * to nothing: the types follow the overlaid spec, which may require more. The overlays only add
 * keywords, so every target's schema is at the same pointer in both documents.
 */
export async function asWrittenModule(
  spec: SpecModel,
  asWritten: SpecModel,
  targets: readonly ValidatorTarget[],
  judged?: Promise<void>,
): Promise<GeneratedFile[]> {
  const name = `${spec.module}.as-written`;
  const renamed = targets.map((t) => ({ ...t, name: `${t.name}${AS_WRITTEN}` }));
  // The overlaid spec's compile already reported its warnings; this one would repeat them.
  const files = await validatorModuleFiles(spec.source, name, asWritten, renamed, () => {}, judged);
  const dts = asWrittenDeclarations(`validators/${name}.d.ts`, renamed);
  return [...files, { path: `validators/${name}.d.ts`, contents: `${banner(spec.source)}${dts}` }];
}

/** The declarations of the as-written module at `path`: its exports take `unknown` and narrow nothing. */
function asWrittenDeclarations(path: string, renamed: readonly ValidatorTarget[]): string {
  const doc = (description: string) => blockComment(jsdoc({ description }));
  const runtime = relativeImport(path, "validators/runtime.js");
  const lines = [code`import type { ValidateFunction } from ${runtime};`, code``];
  for (const t of renamed) {
    const n = exportNames(t.name);
    const what = `${t.description}, by the spec as written (without its overlays' rules)`;
    const failed = "After a failed call, `.errors` holds its errors.";
    const validateDoc = doc(`Ajv validate function for ${what}. ${failed}`);
    const isDoc = doc(`Whether \`value\` is ${what}.`);
    const assertDoc = doc(`Throws a \`ValidationError\` listing every problem unless \`value\` is ${what}.`);
    lines.push(
      code`${validateDoc}export declare const ${identifier(n.validate)}: ValidateFunction<unknown>;`,
      code`${isDoc}export declare function ${identifier(n.is)}(value: unknown): boolean;`,
      code`${assertDoc}export declare function ${identifier(n.assert)}(value: unknown): void;`,
    );
  }
  return `${list(lines, "\n")}\n`;
}
