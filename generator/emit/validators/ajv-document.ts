/**
 * The copy of a spec's document that Ajv compiles.
 *
 * @module
 */
import { schemaFrom30 } from "../../load/oas30.js";
import { DATA_KEYS } from "../../load/keys.js";
import { setOwnFresh } from "../../load/pointer.js";
import { walk, type Place } from "../../load/walk.js";
import { isAnnotationKey } from "../../load/keys.js";

/** How {@link ajvDocument} rewrites the document. */
export interface CopyRules {
  /** Where the document sits in the resource Ajv compiles, as a fragment (`#/$defs/document`). */
  prefix: string;
  /** Whether schemas are read as OpenAPI 3.0 writes them (load/oas30.ts). */
  from30: boolean;
  /** Regexes rewritten in their Unicode form (see patterns.ts), original → rewritten. */
  patterns: ReadonlyMap<string, string>;
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null;

/** Keys in keyword position whose values the copy does not walk: annotations (left out) and data (kept). */
const notWalked = (key: string): boolean => isAnnotationKey(key) || DATA_KEYS.has(key);

/**
 * The copy of the document that Ajv compiles: local `$ref`s (`#/…`) point below `prefix`, an
 * OpenAPI 3.0 document's schemas are read as 2020-12 (`from30`, see load/oas30.ts), annotations
 * are left out (see annotations.ts), and `enum` and `const` values are data, kept as they are (a
 * `$ref` key inside one is data too). Keys of name maps (`properties`, …) are names, never
 * keywords. `__proto__` keys stay own keys. A node the document shares between places (a YAML
 * alias) is copied at each, as each place reads it.
 *
 * The walk copies each node as it enters it, with an `undefined` in place of each object or
 * array below (which keeps the keys' order); then, deepest first, each finished copy takes its
 * place in its parent's, so a schema is read as 3.0 only once its entries are all there.
 */
export function ajvDocument(document: unknown, rules: CopyRules): unknown {
  const copies = new Map<Place, Container>();
  const owners = new Map<Place, Map<string, string>>();
  const entered: Array<[Place, Container | false]> = [];
  walk(
    document,
    (place) => {
      const copy = copyNode(place, rules);
      entered.push([place, copy]);
      if (copy === false) return "skip";
      copies.set(place, copy);
      const owner = lastKeys(place, rules);
      if (owner) owners.set(place, owner);
      return undefined;
    },
    { everyPlace: true, skip: notWalked },
  );
  // A parent is entered before its children: in reverse, every copy below a node is finished first.
  for (let i = entered.length - 1; i > 0; i--) {
    const [place, copy] = entered[i]!;
    const parent = place.parent!;
    const name = entryName(parent, place.key!, rules);
    const owner = owners.get(parent)?.get(name);
    if (owner === undefined || owner === place.key) put(copies.get(parent)!, name, finish(place, copy, rules));
  }
  const root = entered[0];
  return root === undefined ? document : finish(root[0], root[1], rules);
}

/**
 * One node's copy, without what lies below it: `false` for `enum: []` (it allows no value, and
 * Ajv refuses an empty enum; the types make it `never`), else its entries as the copy has them.
 */
function copyNode(place: Place, rules: CopyRules): Container | false {
  const { node, names } = place;
  if (Array.isArray(node)) return node.map((v) => (isContainer(v) ? undefined : v));
  if (!names && Object.hasOwn(node, "enum") && Array.isArray(node.enum) && node.enum.length === 0) return false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (names) setOwnFresh(out, entryName(place, key, rules), isContainer(value) ? undefined : value);
    else if (!isAnnotationKey(key)) setOwnFresh(out, key, keywordValue(key, value, rules));
  }
  return out;
}

/** A keyword's value in the copy; `undefined` for an object or array the walk copies next. */
function keywordValue(key: string, value: unknown, rules: CopyRules): unknown {
  if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) return `${rules.prefix}${value.slice(1)}`;
  if (key === "pattern" && typeof value === "string") return rules.patterns.get(value) ?? value;
  return DATA_KEYS.has(key) || !isContainer(value) ? value : undefined;
}

/** The key an entry of `place`'s node has in the copy: a `patternProperties` regex in the form Ajv compiles. */
function entryName(place: Place, key: string, rules: CopyRules): string {
  return renames(place) ? (rules.patterns.get(key) ?? key) : key;
}

/** Whether `place`'s node is a `patternProperties` map, whose keys the copy may rewrite. */
function renames(place: Place): boolean {
  return place.names && place.key === "patternProperties" && !Array.isArray(place.node);
}

/**
 * For a `patternProperties` map, which key each name of the copy comes from: the last one
 * written, where two regexes are rewritten alike (see patterns.ts). Undefined for other nodes.
 */
function lastKeys(place: Place, rules: CopyRules): Map<string, string> | undefined {
  if (!renames(place)) return undefined;
  return new Map(Object.keys(place.node).map((k) => [entryName(place, k, rules), k]));
}

/** A finished copy: a schema (an object in keyword position) read as 2020-12 where the document is 3.0. */
function finish(place: Place, copy: Container | false, rules: CopyRules): unknown {
  return rules.from30 && !place.names && isContainer(copy) && !Array.isArray(copy) ? schemaFrom30(copy) : copy;
}

/** Sets an entry of a copy: an array element by index, an object's own property by name. */
function put(copy: Container, name: string, value: unknown): void {
  if (Array.isArray(copy)) copy[Number(name)] = value;
  else setOwnFresh(copy, name, value);
}
