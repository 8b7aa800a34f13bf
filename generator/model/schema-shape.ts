/**
 * What a schema may hold, read through its `$ref`s and its `allOf`/`anyOf`/`oneOf` members: the
 * JSON types its values may take, and the properties it declares.
 *
 * @module
 */
import { deref, isObject } from "../load/refs.js";

/** How many `$ref`s and members deep these questions look before answering no. */
const MAX_DEPTH = 16;

/** The members of a schema's `allOf`, `anyOf` and `oneOf`. */
export function subschemas(schema: Record<string, unknown>): unknown[] {
  return ["allOf", "anyOf", "oneOf"].flatMap((k) => (Array.isArray(schema[k]) ? (schema[k] as unknown[]) : []));
}

/**
 * Whether a value of `raw` (a schema) may be of JSON type `kind`. An unconstrained schema may;
 * a parameter without a schema (with `content`) is sent as given, so it may not.
 */
export function mayHold(document: Record<string, unknown>, raw: unknown, kind: "object" | "array", depth = 0): boolean {
  const schema = deref(document, raw);
  if (schema === true) return true;
  if (!isObject(schema) || depth > MAX_DEPTH) return false;
  const branches = subschemas(schema);
  if (typeof schema.type === "string" || Array.isArray(schema.type)) return [schema.type].flat().includes(kind);
  const isKind = (v: unknown) => v !== null && (Array.isArray(v) ? "array" : typeof v) === kind;
  if (Array.isArray(schema.enum)) return schema.enum.some(isKind);
  if ("const" in schema) return isKind(schema.const);
  const keywords =
    kind === "object" ? ["properties", "additionalProperties", "patternProperties"] : ["items", "prefixItems"];
  if (keywords.some((k) => k in schema)) return true;
  if (branches.length) return branches.some((b) => mayHold(document, b, kind, depth + 1));
  // No type, no shape: any value (a scalar-only keyword such as `format` or `pattern` says nothing of the type).
  return !["format", "pattern", "minLength", "maxLength", "minimum", "maximum"].some((k) => k in schema);
}

/** Whether a schema (through `$ref`s and `allOf`/`anyOf`/`oneOf`) declares property `name`. */
export function hasProperty(document: Record<string, unknown>, raw: unknown, name: string, depth = 0): boolean {
  const schema = deref(document, raw);
  if (!isObject(schema) || depth > MAX_DEPTH) return false;
  if (isObject(schema.properties) && Object.hasOwn(schema.properties, name)) return true;
  const branches = subschemas(schema);
  return branches.some((b) => hasProperty(document, b, name, depth + 1));
}
