/**
 * The one table of what the keys of an OpenAPI document or JSON Schema are, for the walks over
 * whole documents (load/walk.ts and its callers: the types' copy, the validators' copy, lint's
 * pattern and example checks, the schema-file bundling) that must tell keywords from names and
 * schemas from data: which keys hold a list of schemas, a map of names (to schemas or to OpenAPI
 * objects), and data that is never a schema.
 *
 * @module
 */
import { escapeToken } from "./pointer.js";

/** Values of these keys are data (examples, defaults, allowed values), never schemas or prose. */
export const DATA_KEYS: ReadonlySet<string> = new Set(["example", "examples", "default", "enum", "const"]);

/** Whether a key in keyword position holds data: one of {@link DATA_KEYS}, or an `x-` extension (the project's own). */
export function isDataKey(key: string): boolean {
  return DATA_KEYS.has(key) || key.startsWith("x-");
}

/** Keywords whose value is a list of schemas. */
export const SCHEMA_LISTS: ReadonlySet<string> = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/** Keywords whose value maps names (or regexes) to schemas; all are {@link NAME_MAPS} too. */
export const SCHEMA_MAPS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "schemas",
]);

/**
 * Keys whose values map names to values (schema properties, components, paths, responses, media
 * types, discriminator mappings, …): an entry named `enum`, `pattern` or `x-foo` there is a name,
 * not a keyword.
 */
export const NAME_MAPS: ReadonlySet<string> = new Set([
  ...SCHEMA_MAPS,
  "dependentRequired",
  "dependencies",
  "mapping",
  "responses",
  "parameters",
  "headers",
  "content",
  "paths",
  "pathItems",
  "requestBodies",
  "callbacks",
  "links",
  "encoding",
  "variables",
  "webhooks",
]);

/**
 * The JSON pointer of the first place in `document` where `keyword` is a key that stands for a
 * keyword (not a name in a name map, not inside data), depth first in document order.
 */
export function keywordPointer(document: unknown, keyword: string): string | undefined {
  const visit = (node: unknown, at: string, names: boolean, depth: number): string | undefined => {
    if (depth > 10_000 || typeof node !== "object" || node === null) return undefined;
    const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
    for (const [key, value] of entries) {
      const here = `${at}/${escapeToken(key)}`;
      if (!names && !Array.isArray(node) && key === keyword) return here;
      if (!names && DATA_KEYS.has(key)) continue;
      const found = visit(value, here, !names && !Array.isArray(node) && NAME_MAPS.has(key), depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(document, "", false, 0);
}
