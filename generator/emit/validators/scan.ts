/**
 * What a spec's schemas use that decides how its Ajv instance is set up: formats, regular
 * expressions and discriminators.
 *
 * @module
 */
import { isObject } from "../../load/refs.js";
import { metaSchemaFormats } from "../../load/scoped-refs.js";
import { DATA_KEYS } from "../../load/keys.js";
import { walk, type Place } from "../../load/walk.js";
import { isAnnotationKey } from "./annotations.js";

/** What {@link scanDocument} finds. */
export interface DocumentUses {
  formats: Set<string>;
  patterns: Set<string>;
  discriminators: boolean;
}

/**
 * `format` values, regular expressions and discriminators used by the document's schemas (data
 * values and annotations skipped).
 */
export function scanDocument(document: unknown): DocumentUses {
  const found: DocumentUses = { formats: new Set(), patterns: new Set(), discriminators: false };
  const visit = ({ node, names }: Place) => {
    if (names || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) note(found, key, value);
  };
  walk(document, visit, { skip: (key) => DATA_KEYS.has(key) || isAnnotationKey(key) });
  return found;
}

/** Records what one keyword of a schema uses. */
function note(found: DocumentUses, key: string, value: unknown): void {
  if (key === "format" && typeof value === "string") found.formats.add(value);
  else if (key === "pattern" && typeof value === "string") found.patterns.add(value);
  else if (key === "patternProperties" && isObject(value)) for (const p of Object.keys(value)) found.patterns.add(p);
  else if (key === "discriminator") found.discriminators = true;
  else if (key === "$ref" && typeof value === "string") for (const f of metaSchemaFormats(value)) found.formats.add(f);
}
