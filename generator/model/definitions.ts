/**
 * The named schemas inside component schemas: every `$defs` (and older `definitions`) map under
 * `components.schemas`, nested ones included, with its entries. A bare schema file's own top-level
 * `$defs` are also named exports (schema-spec.ts); these maps are what the types emitter hoists
 * to components of their own for a bare schema (emit/types/bare-schema.ts), read from here
 * rather than found by walking the document again. They add no export.
 *
 * @module
 */
import { formatPointer } from "../load/pointer.js";
import { isObject } from "../load/refs.js";
import { walk } from "../load/walk.js";
import type { DefinitionsModel } from "./types.js";

/** The keywords whose value maps names to schemas, in the order each schema's maps are listed. */
const DEFINITION_KEYWORDS = ["$defs", "definitions"] as const;

/**
 * Every definitions map under `components.schemas` of `document`, in the order the walk enters
 * the schemas holding them (a schema's maps before those nested in its entries), each with its
 * entries in the spec's order. A node reached twice (a YAML alias) is listed at the place the
 * walk enters it.
 */
export function definitionMaps(document: Record<string, unknown>): DefinitionsModel[] {
  const maps: DefinitionsModel[] = [];
  walk(document, (place) => {
    // Only `components.schemas` holds named schemas (a bare schema is wrapped there too).
    if (place.depth === 1 && place.key !== "components") return "skip";
    if (place.depth === 2 && place.key !== "schemas") return "skip";
    const { node, names } = place;
    if (place.depth < 3 || names || Array.isArray(node)) return;
    for (const keyword of DEFINITION_KEYWORDS) {
      const map = node[keyword];
      if (!isObject(map)) continue;
      const owner = place.tokens();
      const entries = Object.keys(map).map((name) => ({ name, pointer: formatPointer([...owner, keyword, name]) }));
      maps.push({ owner: formatPointer(owner), keyword, entries });
    }
  });
  return maps;
}
