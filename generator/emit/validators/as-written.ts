/**
 * The validators of a spec as written, without its overlays.
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";
import { jsdoc } from "../comment.js";
import type { GeneratedFile } from "../file.js";
import { banner, relativeImport } from "../module.js";
import { compileValidatorModule } from "./compile.js";
import { sharedImports } from "./shared-files.js";
import { AS_WRITTEN, exportNames, type ValidatorTarget } from "./targets.js";

/**
 * `validators/<module>.as-written.js` (+ `.d.ts`): the spec's targets compiled from the spec
 * without its overlays, as `validateXAsWritten`, `isXAsWritten`, `assertXAsWritten`. They check
 * the schema alone, so that an application can accept what the overlays' prose rules refuse (a
 * local auth service with an `http` issuer) without turning every check off. Their guards narrow
 * to nothing: the types follow the overlaid spec, which may require more. The overlays only add
 * keywords, so every target's schema is at the same pointer in both documents.
 */
export async function asWrittenModule(
  spec: SpecModel,
  asWritten: SpecModel,
  targets: readonly ValidatorTarget[],
): Promise<GeneratedFile[]> {
  const path = `validators/${spec.module}.as-written.js`;
  const renamed = targets.map((t) => ({ ...t, name: `${t.name}${AS_WRITTEN}` }));
  // The overlaid spec's compile already reported its warnings; this one would repeat them.
  const code = await compileValidatorModule(asWritten, renamed, sharedImports(path), () => {});
  const dts = asWrittenDeclarations(path, renamed);
  return [
    { path, contents: `${banner(spec.source)}${code}` },
    { path: `validators/${spec.module}.as-written.d.ts`, contents: `${banner(spec.source)}${dts}` },
  ];
}

/** The declarations of the as-written module at `path`: its exports take `unknown` and narrow nothing. */
function asWrittenDeclarations(path: string, renamed: readonly ValidatorTarget[]): string {
  const runtime = JSON.stringify(relativeImport(path, "validators/runtime.js"));
  const lines = [`import type { ValidateFunction } from ${runtime};`, ""];
  for (const t of renamed) {
    const n = exportNames(t.name);
    const what = `${t.description}, by the spec as written (without its overlays' rules)`;
    const failed = "After a failed call, `.errors` holds its errors.";
    lines.push(
      jsdoc({ description: `Ajv validate function for ${what}. ${failed}` }) +
        `export declare const ${n.validate}: ValidateFunction<unknown>;`,
      jsdoc({ description: `Whether \`value\` is ${what}.` }) +
        `export declare function ${n.is}(value: unknown): boolean;`,
      jsdoc({ description: `Throws a \`ValidationError\` listing every problem unless \`value\` is ${what}.` }) +
        `export declare function ${n.assert}(value: unknown): void;`,
    );
  }
  return `${lines.join("\n")}\n`;
}
