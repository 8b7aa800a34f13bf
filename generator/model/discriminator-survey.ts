/**
 * Reading discriminators from a bundled document: where they are (one walk, in document order),
 * and what a local `$ref` between its schemas names. Shared by the tag constraints and the
 * declared tags of model/discriminators.ts.
 *
 * @module
 */
import { DATA_KEYS } from "../load/keys.js";
import { formatPointer, parseFragment, valueAt } from "../load/pointer.js";
import { isObject } from "../load/refs.js";
import { type Place, walk } from "../load/walk.js";

export type Discriminator = { propertyName: string; mapping?: Record<string, unknown> };

// A schema's `$ref` as the bundled document writes it: a plain pointer after `#`, not percent-encoded.
export const refOf = (path: readonly string[]) => `#${formatPointer(path)}`;
/** The tokens of a `$ref`'s fragment; none for a `$ref` without one or whose fragment is no pointer. */
export const tokensOf = (ref: string): string[] => {
  const hash = ref.indexOf("#");
  try {
    return hash === -1 ? [] : parseFragment(ref.slice(hash));
  } catch {
    return [];
  }
};

export function discriminatorOf(node: Record<string, unknown>): Discriminator | undefined {
  const d = node.discriminator;
  return isObject(d) && typeof d.propertyName === "string" && d.propertyName !== "" ? (d as Discriminator) : undefined;
}

/**
 * The object a local `$ref` names (its `$ref`s followed unless `follow` is false); undefined where the types would not
 * resolve it.
 */
export function resolveIn(
  document: unknown,
  ref: string,
  follow = true,
): { node: Record<string, unknown>; pointer: string } | undefined {
  const seen: string[] = [];
  for (;;) {
    const tokens = tokensOf(ref);
    if (!tokens.length) return undefined;
    const node = valueAt(document, tokens);
    if (!isObject(node)) return undefined;
    if (!follow || typeof node.$ref !== "string") return { node, pointer: refOf(tokens).slice(1) };
    if (seen.includes(node.$ref)) return undefined;
    ref = node.$ref;
    seen.push(ref);
  }
}

/**
 * The schemas that hold a discriminator or extend others through `allOf`, in document order
 * (the order openapi-typescript reads them in), with their `$ref` form: one walk
 * (load/walk.ts), every key read as a keyword (a property named `enum` is not entered, as the
 * types' reading leaves it), data values not entered.
 */
export function survey(document: unknown): Array<[node: Record<string, unknown>, ref: string]> {
  const found: Array<[node: Record<string, unknown>, place: Place]> = [];
  const visit = (place: Place) => {
    const { node } = place;
    if (!Array.isArray(node) && (discriminatorOf(node) || Array.isArray(node.allOf))) found.push([node, place]);
  };
  walk(document, visit, { names: false, skip: (key) => DATA_KEYS.has(key) });
  const position = documentPosition();
  const ordered = found.map(([node, place]) => ({ node, place, at: position(place) }));
  ordered.sort((x, y) => compareOrder(x.at, y.at));
  return ordered.map(({ node, place }): [Record<string, unknown>, string] => [node, refOf(place.tokens())]);
}

/**
 * Where a place stands in document order: the index of each key on its way from the root, in
 * its object's key order (the walker takes a node's entries last key first). Each object's key
 * indexes are computed once.
 */
function documentPosition(): (place: Place) => number[] {
  const indexes = new Map<object, Map<string, number>>();
  const indexIn = (node: Place["node"], key: string): number => {
    if (Array.isArray(node)) return Number(key);
    let keys = indexes.get(node);
    if (!keys) {
      keys = new Map(Object.keys(node).map((k, i) => [k, i]));
      indexes.set(node, keys);
    }
    return keys.get(key)!;
  };
  return (place) => {
    const out: number[] = [];
    for (let at: Place | undefined = place; at?.parent && at.key !== undefined; at = at.parent)
      out.push(indexIn(at.parent.node, at.key));
    return out.reverse();
  };
}

/** Document order of two positions: by their first differing index, a place before those inside it. */
function compareOrder(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
