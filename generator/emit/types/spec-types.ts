/**
 * The types module of one spec (`types/<module>.d.ts`): openapi-typescript's transforms over the
 * types' copy of its document, checked to be declarations only, then the named exports.
 *
 * @module
 */
import type { SpecModel } from "../../model/types.js";
import type { GeneratedFile } from "../file.js";
import { banner } from "../module.js";
import { typesContext } from "./context.js";
import { typesCopy } from "./copy.js";
import { assertDeclarationsOnly } from "./declarations-only.js";
import { libraries } from "./libraries.js";
import { namedExports } from "./named-exports.js";
import { usesReadWrite } from "./read-write.js";

/** `types/<module>.d.ts` of one spec (on this thread, or on a worker for a large spec). */
export async function specTypes(spec: SpecModel): Promise<GeneratedFile> {
  const document = typesCopy(spec);
  // With readOnly/writeOnly in play, openapi-typescript marks those properties, and the named
  // response types keep only what a server sends (`Readable<…>`: no writeOnly fields).
  const readWrite = usesReadWrite(spec.document);
  const { astToString, transformSchema } = libraries().ots;
  const body = astToString(transformSchema(document, await typesContext(document, readWrite)));
  assertDeclarationsOnly(body, spec.source);
  return {
    path: `types/${spec.module}.d.ts`,
    contents: `${banner(spec.source)}${body}${namedExports(spec, readWrite)}`,
  };
}
