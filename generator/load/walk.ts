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
import { escapeToken } from "./pointer.js";

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

  #pointer: string | undefined;

  /**
   * The node's JSON pointer from the root (`""` for the root), computed when asked and kept: it
   * is built on the nearest ancestor's kept pointer, so asking it of every place costs each place
   * one token, however deep the document.
   */
  pointer(): string {
    const unknown: Place[] = [];
    let at: Place | undefined = this;
    for (; at !== undefined && at.key !== undefined && at.#pointer === undefined; at = at.parent) unknown.push(at);
    let pointer = at === undefined ? "" : (at.#pointer ?? "");
    for (const place of unknown.reverse()) {
      pointer += `/${escapeToken(place.key!)}`;
      place.#pointer = pointer;
    }
    return pointer;
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
  /**
   * Enter a node's entries first key first, so that nodes are entered in document order and a
   * node reached twice at its first place in the document; by default the last key is first.
   */
  documentOrder?: boolean;
  /**
   * Called when the walk leaves a node it entered: after the nodes entered from it, right away
   * when `enter` skipped it (so what a node sums up from its entries is known when it is left).
   */
  leave?: (place: Place) => void;
}

/**
 * What the walk calls at each node: it returns nothing to go on into the node's entries, or
 * "skip" to leave them out, or "stop" to end the walk. (Two signatures rather than one returning
 * `void | "skip" | "stop"`, so that both a plain visitor and one that steers the walk fit.)
 */
export type Enter = ((place: Place) => void) | ((place: Place) => "skip" | "stop" | undefined);

/** Walk options that enter every key, data keys and names alike. */
export const EVERY_KEY: WalkOptions = { skip: () => false, names: false };

/**
 * Calls `enter` for every object and array under `root` (the root too), depth first; `enter`
 * may change the node (its entries are read after it returns), and returns "skip" to leave
 * the node's entries out or "stop" to end the walk. A node reached twice (a YAML alias, an
 * object shared by a copy) is entered once, at the first place, unless `everyPlace` is set.
 * Iterative, so any depth is walked; the entries of a node are taken from a stack, the last key
 * first (unless `documentOrder`).
 */
export function walk(root: unknown, enter: Enter, options: WalkOptions = {}): void {
  const { leave } = options;
  const stack: Place[] = [];
  const seen = new Set<object>();
  // The places entered and not yet left, each with the stack's length before its entries were
  // pushed: once the stack is back to that length, they have all been walked.
  const open: Place[] = [];
  const heights: number[] = [];
  push(stack, root, false);
  for (;;) {
    while (leave && heights.length && heights.at(-1) === stack.length) {
      heights.pop();
      leave(open.pop()!);
    }
    const place = stack.pop();
    if (!place) return;
    if (seen.has(place.node) && (!options.everyPlace || insideItself(place))) continue;
    seen.add(place.node);
    const verdict = enter(place);
    if (verdict === "stop") return;
    if (leave) {
      open.push(place);
      heights.push(stack.length);
    }
    if (verdict !== "skip") pushEntries(stack, place, options);
  }
}

function push(stack: Place[], value: unknown, names: boolean, parent?: Place, key?: string): void {
  if (typeof value === "object" && value !== null) stack.push(new Place(value as Place["node"], names, parent, key));
}

/** Pushes the entries of the node at `place` that the walk enters, so that the last pushed is entered first. */
function pushEntries(stack: Place[], place: Place, options: WalkOptions): void {
  const skip = options.skip ?? isDataKey;
  const nameAware = options.names ?? true;
  const { node, names } = place;
  const from = stack.length;
  if (Array.isArray(node))
    node.forEach((v, i) => {
      push(stack, v, false, place, String(i));
    });
  else {
    for (const [key, value] of Object.entries(node)) {
      if (!names && skip(key)) continue;
      push(stack, value, nameAware && !names && NAME_MAPS.has(key), place, key);
    }
  }
  if (options.documentOrder) {
    for (let i = from, j = stack.length - 1; i < j; i++, j--) {
      const first = stack[i]!;
      stack[i] = stack[j]!;
      stack[j] = first;
    }
  }
}

/** Whether a place's node is also one of its ancestors' (a cycle: followed no further). */
function insideItself(place: Place): boolean {
  for (let at = place.parent; at; at = at.parent) if (at.node === place.node) return true;
  return false;
}
