/**
 * The validators emitter: per spec, Ajv (2020-12, strict) compiles every JSON response body and
 * named schema in one instance (and, for `isX`, again stopping at the first error). Its
 * standalone code becomes one plain ES module, `<module>.ajv.js`: the `require()`s it still emits
 * for Ajv's run-time helpers (ajv issues #1976, #2209) are linked to a shared module instead, so
 * the output has no `require(` at all. Over it, `<module>.js` is the short front people import and
 * read: per target its `validateX`, `isX` and `assertX`. Three shared files: the hand-written
 * runtime (`ValidationError`, the guard helpers), and ajv-formats' formats and Ajv's helpers,
 * bundled when the toolkit is built.
 *
 * The modules of this folder, in the order a compile uses them: targets.ts (what is checked),
 * scan.ts, patterns.ts, options.ts, strict.ts and formats.ts (the Ajv instance's setup),
 * exports.ts, literal-pointer.ts and ajv-document.ts (the schema resource Ajv compiles), ajv.ts
 * (the instance), compile.ts, held-warnings.ts, link.ts and code-text.ts (the Ajv module's code),
 * compile-error.ts, front.ts (the exports over it), module-files.ts (the two files), then the files
 * around them:
 * declarations.ts, as-written.ts, shared-files.ts, index-files.ts.
 *
 * @module
 */
import type { Model } from "../../model/types.js";
import type { EmitContext, Emitted, GeneratedFile } from "../file.js";
import { asWrittenModule } from "./as-written.js";
import { declarations } from "./declarations.js";
import { indexFiles, type ValidatorModule } from "./index-files.js";
import { validatorModuleFiles } from "./module-files.js";
import { sharedFiles } from "./shared-files.js";
import { validatorTargets } from "./targets.js";

/**
 * `validators/<module>.js` + `.d.ts` (the front) and `<module>.ajv.js` (Ajv's code) per spec with
 * at least one JSON schema to check, the shared
 * `validators/runtime.js` (+ `.d.ts`) and `validators/formats.js`, and `validators/index.js`
 * (+ `.d.ts`) re-exporting everything.
 */
export async function emitValidators(model: Model, _config?: unknown, context: EmitContext = {}): Promise<Emitted> {
  const judged = context.patternsJudged;
  const files: GeneratedFile[] = [];
  const warnings: string[] = [];
  const modules: ValidatorModule[] = [];
  const bySource = new Map<string, string[]>();
  for (const spec of model.specs) {
    const targets = validatorTargets(spec);
    if (!targets.length) continue;
    const own: string[] = [];
    bySource.set(spec.source, own);
    const warn = (m: string) => {
      warnings.push(m);
      own.push(m);
    };
    files.push(...(await validatorModuleFiles(spec.source, spec.module, spec, targets, warn, judged)));
    files.push({ path: `validators/${spec.module}.d.ts`, contents: declarations(spec, targets) });
    modules.push({ spec, targets });
    if (spec.asWritten) files.push(...(await asWrittenModule(spec, spec.asWritten, targets, judged)));
  }
  if (!modules.length) return { files, warnings, bySource };
  const index = indexFiles(modules);
  const all = [...files, ...sharedFiles(), ...index.files];
  return { files: all, warnings: [...warnings, ...index.warnings], bySource };
}
