/**
 * One walk over a parsed document (OpenAPI or JSON Schema): every object and array once, with
 * whether its keys are names (the entries of `properties`, `paths`, `responses`, … in the key
 * table, load/keys.ts) or keywords, and its JSON pointer on demand. Data keys in keyword
 * position (`enum`, `examples`, `x-…`) are not entered: what lies there is never a schema.
 *
 * Hand-written rather than taken from Redocly's typed walker: that one walks a bundled OpenAPI
 * document by its node types and skips what no type describes, while these walks also read bare
 * JSON Schema files, unknown keywords and the copies made for the emitters.
 *
 * @module
 */
import { isDataKey, NAME_MAPS } from "./keys.js";
import { formatPointer } from "./pointer.js";

/** Where the walk stands: the node entered, whether its keys are names, and how it was reached. */
export class Place {
  /** How many keys or indexes lead from the root to the node (0 for the root). */
  readonly depth: number;

  constructor(
    /** The object or array entered. */
    readonly node: Record<string, unknown> | unknown[],
    /** Whether the node's keys are names (a name map's entries), not keywords. */
    readonly names: boolean,
    /** The place of the object or array holding the node, and the key or index it holds it under. */
    readonly parent?: Place,
    readonly key?: string,
  ) {
    this.depth = parent ? parent.depth + 1 : 0;
  }

  /** The node's reference tokens from the root. */
  tokens(): string[] {
    const out: string[] = [];
    for (let at: Place | undefined = this; at?.key !== undefined; at = at.parent) out.push(at.key);
    return out.reverse();
  }

  /** The node's JSON pointer from the root (`""` for the root), computed when asked. */
  pointer(): string {
    return formatPointer(this.tokens());
  }
}

export interface WalkOptions {
  /** Keys in keyword position whose values are not entered; by default the data keys ({@link isDataKey}). */
  skip?: (key: string) => boolean;
  /** Whether name maps' entries are names (the default); false reads every key as a keyword. */
  names?: boolean;
  /**
   * Whether a node reached again (a YAML alias) is entered again at each place, as a copy made
   * per place needs (by default it is entered once). A node is never entered inside itself.
   */
  everyPlace?: boolean;
}

/**
 * Calls `enter` for every object and array under `root` (the root too), depth first; `enter`
 * may change the node (its entries are read after it returns), and returns "skip" to leave
 * the node's entries out or "stop" to end the walk. A node reached twice (a YAML alias, an
 * object shared by a copy) is entered once, at the first place, unless `everyPlace` is set.
 * Iterative, so any depth is walked; the entries of a node are taken from a stack, the last key first.
 */
export function walk(root: unknown, enter: (place: Place) => void | "skip" | "stop", options: WalkOptions = {}): void {
  const skip = options.skip ?? isDataKey;
  const nameAware = options.names ?? true;
  const stack: Place[] = [];
  const seen = new Set<object>();
  const push = (value: unknown, names: boolean, parent?: Place, key?: string) => {
    if (typeof value === "object" && value !== null) stack.push(new Place(value as Place["node"], names, parent, key));
  };
  push(root, false);
  while (stack.length) {
    const place = stack.pop()!;
    if (seen.has(place.node) && (!options.everyPlace || insideItself(place))) continue;
    seen.add(place.node);
    const verdict = enter(place);
    if (verdict === "stop") return;
    if (verdict === "skip") continue;
    const { node, names } = place;
    if (Array.isArray(node))
      node.forEach((v, i) => {
        push(v, false, place, String(i));
      });
    else {
      for (const [key, value] of Object.entries(node)) {
        if (!names && skip(key)) continue;
        push(value, nameAware && !names && NAME_MAPS.has(key), place, key);
      }
    }
  }
}

/** Whether a place's node is also one of its ancestors' (a cycle: followed no further). */
function insideItself(place: Place): boolean {
  for (let at = place.parent; at; at = at.parent) if (at.node === place.node) return true;
  return false;
}
