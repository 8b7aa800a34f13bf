/**
 * OpenAPI 3.0 Schema Objects in JSON Schema 2020-12 terms, for the tools here that read schemas
 * as 2020-12: Ajv for the validators, @cfworker/json-schema for lint's example check. The
 * reading is openapi-typescript's, so that the validators stay equal to the types:
 * - `nullable: true` admits null: "null" joins `type` (and `enum`, where there is one). A schema
 *   that combines others (`allOf`, `$ref`, …) or has a `const` becomes
 *   `anyOf: [itself, {type: "null"}]`, since those would still refuse null. (OpenAPI 3.0.3 gives `nullable` no effect
 * without `type`;
 *   openapi-typescript types such a schema `| null` all the same, and so do the validators.)
 * - A boolean `exclusiveMinimum`/`exclusiveMaximum` becomes the number 2020-12 expects.
 * Written here because the converters on npm produce draft-04, where exclusives stay boolean.
 *
 * @module
 */
import { NAME_MAPS } from "./keys.js";
import { childAt } from "./pointer.js";

/** Whether a document is OpenAPI 3.0 (its schemas need {@link schemaFrom30}). */
function isOpenApi30(document: unknown): boolean {
  return (
    typeof document === "object" &&
    document !== null &&
    /^3\.0\./.test(String((document as { openapi?: unknown }).openapi))
  );
}

/** Keywords whose boolean value only OpenAPI 3.0 defines. */
const THREE_0_KEYWORDS = ["nullable", "exclusiveMinimum", "exclusiveMaximum"];

/**
 * Whether a document's schemas are read as OpenAPI 3.0 writes them: a 3.0 document, or a 3.1
 * one that uses 3.0's boolean `nullable` (OpenAI's, 334 times) or a boolean exclusive bound. 3.1 has no such
 * keyword, so reading it as 3.0 did is the only reading that agrees with the types
 * (openapi-typescript adds `| null` for it whatever the version); a 3.1 document without one is
 * left as it is. Values of name maps are walked, their keys are not read as keywords.
 */
export function readsAs30(document: unknown): boolean {
  if (isOpenApi30(document)) return true;
  const stack: Array<[unknown, boolean]> = [[document, false]];
  const seen = new Set<object>();
  while (stack.length) {
    const [node, names] = stack.pop()!;
    if (typeof node !== "object" || node === null || seen.has(node)) continue;
    seen.add(node);
    const keywords = !names && !Array.isArray(node);
    const record = node as Record<string, unknown>;
    if (keywords && THREE_0_KEYWORDS.some((k) => typeof record[k] === "boolean")) return true;
    for (const [key, value] of Object.entries(node)) stack.push([value, keywords && NAME_MAPS.has(key)]);
  }
  return false;
}

// Keywords that can refuse null whatever `type` says (every other keyword applies to one type only).
const COMBINING = ["allOf", "anyOf", "oneOf", "$ref", "not", "if", "const"];

/** Marks the `anyOf` wrappers {@link schemaFrom30} makes, for {@link schemaAt}. */
const wrappers = new WeakSet<object>();

/** One schema object, rewritten when it uses a 3.0-only form (a new object then; `schema` itself otherwise). */
export function schemaFrom30(schema: Record<string, unknown>): Record<string, unknown> {
  const bounds = [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const;
  if (typeof schema.nullable !== "boolean" && bounds.every(([exclusive]) => typeof schema[exclusive] !== "boolean"))
    return schema;
  const out = { ...schema };
  for (const [exclusive, bound] of bounds) {
    if (typeof out[exclusive] !== "boolean") continue;
    if (out[exclusive] === true && typeof out[bound] === "number") {
      out[exclusive] = out[bound];
      delete out[bound];
    } else delete out[exclusive];
  }
  if (typeof out.nullable !== "boolean") return out;
  const nullable = out.nullable;
  delete out.nullable;
  if (!nullable) return out;
  if (COMBINING.some((k) => k in out)) {
    const wrapper = { anyOf: [out, { type: "null" }] };
    wrappers.add(wrapper);
    return wrapper;
  }
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === "string") out.type = [out.type, "null"];
  else if (Array.isArray(out.type) && !out.type.includes("null")) out.type = [...out.type, "null"];
  return out;
}

/**
 * The node at a JSON pointer's tokens in a converted document, reading through the wrappers
 * {@link schemaFrom30} added (a pointer written against the original names the wrapped schema).
 */
export function schemaAt(document: unknown, tokens: readonly string[]): unknown {
  let node = document;
  for (const t of tokens) {
    if (t !== "anyOf") node = unwrap30(node);
    node = childAt(node, t);
  }
  return node;
}

/** The schema inside a wrapper {@link schemaFrom30} made; any other node as it is. */
export function unwrap30(node: unknown): unknown {
  return typeof node === "object" && node !== null && wrappers.has(node)
    ? (node as { anyOf: unknown[] }).anyOf[0]
    : node;
}
