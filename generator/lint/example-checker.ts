import { dereference, validate, type Schema } from "@cfworker/json-schema";
import { DocumentStore, fileUrl, getPointer } from "../load/refs.js";
import type { SpecError } from "../errors.js";
import { fileURLToPath } from "node:url";

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
    // `$ref` targets that cannot be read (missing, refused by the policy) are reported at their
    // `$ref` by no-unresolved-refs; a schema that needs one is then not checked here.
    const unreadable: SpecError[] = [];
    try {
      for (const [path, doc] of this.store.closure(file, unreadable)) {
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
      const message = err instanceof Error ? err.message : String(err);
      if (unreadable.length || this.#missingTarget(message)) return [];
      return [["", `schema cannot be used: ${message}`]];
    }
  }

  /** Whether a validator error names a `$ref` target that does not exist (a pointer into nothing). */
  #missingTarget(message: string): boolean {
    const uri = /^Unresolved \$ref .*Absolute URI "(file:[^"#]*)(?:#([^"]*))?"/s.exec(message);
    if (!uri) return false;
    try {
      const path = fileURLToPath(uri[1]!);
      getPointer(this.store.get(path), decodeURIComponent(uri[2] ?? ""), path);
      return false;
    } catch {
      return true;
    }
  }
}

// Redocly gives pointers with raw `{}` and spaces; a URI fragment needs them escaped.
function encodePointer(pointer: string): string {
  return pointer.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (c) => encodeURIComponent(c));
}
