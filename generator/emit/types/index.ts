/**
 * The types emitter: per spec, openapi-typescript's types (in process; a large spec's on a
 * worker thread) with descriptions rendered for readers through the one comment module, plus
 * named exports for operations and standalone schemas; and `types/index.d.ts` over them all.
 *
 * @module
 */
import { isLargeSpec } from "../../model/size.js";
import type { Model } from "../../model/types.js";
import type { Emitted, GeneratedFile } from "../file.js";
import { indexFile } from "./index-file.js";
import { specTypes } from "./spec-types.js";
import { typesOnWorker } from "./worker-handoff.js";

export { startTypesWorker } from "./worker-handoff.js";

/** The types of every spec of the model, and the index of their named types. */
export async function emitTypes(model: Model): Promise<Emitted> {
  // A large spec's types print on a worker thread, given its spec here before anything is
  // awaited, so that they run beside the validators' compile; the others print in turn here.
  const pending = model.specs.map((spec) => (isLargeSpec(spec) ? typesOnWorker(spec) : undefined));
  const files: GeneratedFile[] = [];
  for (const [i, spec] of model.specs.entries()) files.push(await (pending[i] ?? specTypes(spec)));
  const warnings: string[] = [];
  files.push(indexFile(model, warnings));
  return { files, warnings };
}
