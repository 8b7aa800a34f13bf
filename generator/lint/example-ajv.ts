import { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { DocumentStore, fileUrl } from "../load/refs.js";

/**
 * Validates example values against the schema at `file#pointer`. Whole documents are added to
 * one Ajv instance under their file URL, so Ajv itself resolves relative `$ref`s across files.
 * Lint Ajv is lenient about unknown keywords and formats (they are the linter's business
 * elsewhere); the generated validators are strict.
 */
export class ExampleChecker {
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true, logger: false, validateFormats: true, inlineRefs: false, code: { optimize: false } });
  readonly #added = new Set<string>();
  readonly #compiled = new Map<string, ValidateFunction | Error>();

  constructor(readonly store: DocumentStore) {
    addFormats.default(this.#ajv);
  }

  /** Problems of `value` against the schema at `file#pointer`, as `[instancePath, message]`. */
  check(file: string, pointer: string, value: unknown): Array<[string, string]> {
    const validate = this.#validator(file, pointer);
    if (validate instanceof Error) return [["", `schema cannot be compiled: ${validate.message}`]];
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => [e.instancePath, e.message ?? "is invalid"]);
  }

  #validator(file: string, pointer: string): ValidateFunction | Error {
    const ref = `${fileUrl(file)}#${encodePointer(pointer)}`;
    let v = this.#compiled.get(ref);
    if (!v) {
      try {
        for (const [path, doc] of this.store.closure(file)) {
          const url = fileUrl(path);
          if (this.#added.has(url) || typeof doc !== "object" || doc === null) continue;
          this.#added.add(url);
          // `$id` (not only the key) makes Ajv resolve the file's relative `$ref`s against it.
          this.#ajv.addSchema({ ...(doc as object), $id: url }, undefined, undefined, false);
        }
        v = this.#ajv.compile({ $ref: ref });
      } catch (err) {
        v = err instanceof Error ? err : new Error(String(err));
      }
      this.#compiled.set(ref, v);
    }
    return v;
  }
}

// Redocly gives pointers with raw `{}` and spaces; a URI fragment needs them escaped.
function encodePointer(pointer: string): string {
  return pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (c) => encodeURIComponent(c));
}
