/**
 * Ajv's refusal of a schema as an error the user can act on.
 *
 * @module
 */
import { SpecError } from "../../errors.js";
import { keywordPointer } from "../../load/keyword-pointer.js";
import type { SpecModel } from "../../model/types.js";

/**
 * Ajv's refusal of a schema as an error naming the spec and, for a keyword strict mode does not
 * know (`summary` in a schema), the first place the document uses it in keyword position.
 */
export function compileError(err: unknown, spec: SpecModel): SpecError {
  const message = err instanceof Error ? err.message : String(err);
  const keyword = /unknown keyword: "([^"]*)"/.exec(message)?.[1];
  const pointer = keyword === undefined ? undefined : keywordPointer(spec.document, keyword);
  return new SpecError(`cannot compile validators: ${message}`, spec.source, undefined, undefined, pointer);
}
