/**
 * The client emitter: typed fetch stubs over the hand-written runtime (generator/runtime,
 * shipped as client/runtime.js). Per spec with operations, a JavaScript module of descriptors
 * and stubs (stubs.ts) and its declarations (declarations.ts); for the package, the runtime and
 * an entry with `createClient` (create-client.ts).
 *
 * @module
 */
import type { ProjectConfig } from "../../config.js";
import type { Model, OperationModel, SpecModel } from "../../model/types.js";
import type { Emitted, GeneratedFile } from "../file.js";
import { cachedOperations } from "./cache.js";
import { indexFiles } from "./create-client.js";
import { declarationModule } from "./declarations.js";
import { mediaRuntimeFiles } from "./media.js";
import { clientRuntimeFiles } from "./runtime-files.js";
import { stubModule } from "./stubs.js";

const RUNTIME_NOTE = "/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */\n";

/** `client/<module>.js` and `.d.ts` of one spec. */
function specClient(spec: SpecModel, cached: ReadonlySet<OperationModel>): GeneratedFile[] {
  const js = `client/${spec.module}.js`;
  const dts = `client/${spec.module}.d.ts`;
  return [
    { path: js, contents: stubModule(spec, js, cached) },
    { path: dts, contents: declarationModule(spec, dts, js) },
  ];
}

/**
 * Typed fetch stubs: per spec, one operation descriptor and one function per operation over
 * the runtime, plus a URL builder for each redirect endpoint, and `createClient` binding them
 * all to one client. Nothing when no spec has operations.
 */
export function emitClient(model: Model, config?: Pick<ProjectConfig, "cache">): Emitted {
  const specs = model.specs.filter((s) => s.operations.length > 0);
  const warnings: string[] = [];
  if (specs.length === 0) return { files: [], warnings };
  const cached = cachedOperations(specs, config?.cache ?? [], warnings);
  const files: GeneratedFile[] = [
    ...clientRuntimeFiles(RUNTIME_NOTE),
    ...mediaRuntimeFiles(specs, RUNTIME_NOTE),
    ...specs.flatMap((spec) => specClient(spec, cached)),
    ...indexFiles(specs, warnings),
  ];
  return { files, warnings };
}
