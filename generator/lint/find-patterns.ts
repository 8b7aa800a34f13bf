/**
 * The regexes of a parsed document: `pattern` values and `patternProperties` keys where a schema
 * keyword stands. Apart from the lint rules (patterns.ts), which load Redocly, so that a worker
 * judging regexes (judge-worker.ts) does not.
 *
 * @module
 */
import { formatPointer } from "../load/pointer.js";
import { isObject } from "../load/refs.js";
import { walk } from "../load/walk.js";

export interface Found {
  /** JSON pointer of the keyword (`…/pattern`) or of the `patternProperties` key. */
  pointer: string;
  pattern: string;
  /** A `patternProperties` key rather than a `pattern` value. */
  key: boolean;
}

/** The regexes of one schema node. */
export function patternsOf(schema: Record<string, unknown>): Array<{ at: string[]; pattern: string; key: boolean }> {
  const out: Array<{ at: string[]; pattern: string; key: boolean }> = [];
  if (typeof schema.pattern === "string") out.push({ at: ["pattern"], pattern: schema.pattern, key: false });
  if (isObject(schema.patternProperties)) {
    for (const p of Object.keys(schema.patternProperties))
      out.push({ at: ["patternProperties", p], pattern: p, key: true });
  }
  return out;
}

/**
 * Every `pattern`/`patternProperties` regex of a document, outside data (`enum`, examples, `x-…`)
 * and not taken from a name map's keys (a property, a response or a discriminator mapping may be
 * called `pattern`): the key table of load/keys.ts decides, through the shared walk.
 */
export function findPatterns(doc: unknown): Found[] {
  const out: Found[] = [];
  walk(doc, (place) => {
    if (place.names || Array.isArray(place.node)) return;
    const found = patternsOf(place.node);
    const at = found.length ? place.pointer() : "";
    for (const f of found) out.push({ pointer: `${at}${formatPointer(f.at)}`, pattern: f.pattern, key: f.key });
  });
  return out;
}

/** The regexes of `doc` (see {@link findPatterns}), as the strings recheck judges. */
export const regexesIn = (doc: unknown): string[] => findPatterns(doc).map((f) => f.pattern);
