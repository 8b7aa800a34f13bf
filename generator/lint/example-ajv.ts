import { dereference, validate, type Schema } from "@cfworker/json-schema";
import { DocumentStore, fileUrl, getPointer } from "../load/refs.js";

// Keywords whose failure only repeats a failure found deeper in the instance.
const PROPAGATING = new Set(["properties", "items", "prefixItems", "$ref", "allOf", "patternProperties", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "dependentSchemas", "$dynamicRef"]);

/**
 * Validates example values against the schema at `file#pointer`. Each example is checked once,
 * so an interpreting validator (@cfworker/json-schema) is used rather than compiling an Ajv
 * function per example: lint over the Matrix corpus checks over a thousand examples. Every
 * document is registered under its file URL, so cross-file `$ref`s resolve as they do in Ajv.
 */
export class ExampleChecker {
  readonly #lookup: Record<string, Schema> = Object.create(null) as Record<string, Schema>;
  readonly #added = new Set<string>();

  constructor(readonly store: DocumentStore) {}

  /** Problems of `value` against the schema at `file#pointer`, as `[instancePath, message]`. */
  check(file: string, pointer: string, value: unknown): Array<[string, string]> {
    try {
      for (const [path, doc] of this.store.closure(file)) {
        const url = fileUrl(path);
        if (this.#added.has(url) || typeof doc !== "object" || doc === null) continue;
        this.#added.add(url);
        dereference(doc as Schema, this.#lookup, new URL(url));
      }
      // dereference() indexes schema keywords only, not OpenAPI structure (parameter arrays
      // and the like), so the schema at the pointer is indexed under its own location here.
      const schema = getPointer(this.store.get(file), pointer, file) as Schema & { __absolute_uri__?: string };
      if (typeof schema === "object" && schema !== null && schema.__absolute_uri__ === undefined) {
        dereference(schema, this.#lookup, new URL(fileUrl(file)), pointer === "" || pointer === "/" ? "" : encodePointer(pointer));
      }
      const result = validate(value, schema, "2020-12", this.#lookup, false);
      if (result.valid) return [];
      const leaves = result.errors.filter((e) => !PROPAGATING.has(e.keyword));
      return (leaves.length ? leaves : result.errors).map((e) => [decodeURIComponent(e.instanceLocation.replace(/^#/, "")), e.error.replace(/\.$/, "")]);
    } catch (err) {
      return [["", `schema cannot be used: ${err instanceof Error ? err.message : String(err)}`]];
    }
  }
}

// Redocly gives pointers with raw `{}` and spaces; a URI fragment needs them escaped.
function encodePointer(pointer: string): string {
  return pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (c) => encodeURIComponent(c));
}
