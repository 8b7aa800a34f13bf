/**
 * Where a document first uses a keyword: for an error that names a keyword without saying where
 * (Ajv's strict mode refusing `minLenght`), so that it can point at a line.
 *
 * @module
 */
import { DATA_KEYS } from "./keys.js";
import { formatPointer } from "./pointer.js";
import { type Place, walk } from "./walk.js";

/** A use of the keyword found so far: the object holding it, and its keys written before it. */
interface Found {
  place: Place;
  before: ReadonlySet<string>;
}

/**
 * The JSON pointer of the first place in `document` where `keyword` is a key that stands for a
 * keyword (not a name in a name map, not inside data), in document order: a key comes after
 * everything under the keys written before it, and before what lies under it.
 */
export function keywordPointer(document: unknown, keyword: string): string | undefined {
  let found: Found | undefined;
  const enter = (place: Place) => {
    // Nodes are entered in document order: one outside what precedes the use found comes after it.
    if (found && !precedes(place, found)) return "stop";
    const { node } = place;
    if (place.names || Array.isArray(node) || !Object.hasOwn(node, keyword)) return;
    const keys = Object.keys(node);
    found = { place, before: new Set(keys.slice(0, keys.indexOf(keyword))) };
  };
  walk(document, enter, { skip: (key) => DATA_KEYS.has(key), documentOrder: true });
  return found && formatPointer([...found.place.tokens(), keyword]);
}

/** Whether `place` lies under one of the keys written before the use `found`, so comes first. */
function precedes(place: Place, found: Found): boolean {
  for (let at: Place | undefined = place; at?.parent; at = at.parent) {
    if (at.parent === found.place) return found.before.has(at.key!);
  }
  return false;
}
