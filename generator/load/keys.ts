/**
 * What the keys of an OpenAPI document are, for the walks over whole documents (the types'
 * comment pass, the validators' copy, lint's example check) that must tell keywords from names
 * and schemas from data.
 *
 * @module
 */
import { escapeToken } from "./pointer.js";

/** Values of these keys are data (examples, defaults, allowed values), never schemas or prose. */
export const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);

/**
 * Keys whose values map names to values (schema properties, components, media types, …): an
 * entry named `enum`, `example` or `x-foo` there is a name, not a keyword.
 */
export const NAME_MAPS = new Set([
  "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependentRequired", "dependencies", "mapping",
  "schemas", "responses", "parameters", "headers", "content", "paths", "pathItems", "requestBodies", "callbacks", "links",
  "encoding", "variables", "webhooks",
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
