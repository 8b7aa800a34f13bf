/**
 * Subschemas hoisted into functions of their own, before Ajv compiles a spec.
 *
 * Ajv compiles every `$ref` target once (inlineRefs is off), but an inline subschema is compiled
 * where it stands, and with `allErrors` each keyword becomes a few hundred bytes of code holding
 * its instance and schema paths as string literals. Real specs repeat large inline schemas:
 * GitHub's webhooks spell out the same `pull_request` object in dozens of bodies, so 4.8 MB of
 * spec gave 44 MB of code. This pass moves such subschemas into `$defs` of the compiled resource
 * and puts a `$ref` where each stood, so each is one function however often it is used:
 * - a subschema that occurs twice or more (same keywords in the same order, annotations already
 *   left out), of about {@link HOIST_DEFAULTS}.sharedChars characters of JSON or more;
 * - any subschema of about `largeChars` or more once its own large parts are hoisted, so that no
 *   function inlines a whole tree (paths in its code grow with nesting).
 *
 * A `$ref` to a subschema that is nothing else is what JSON Schema 2020-12 defines it to be (its
 * annotations reach `unevaluated*` the same way), so verdicts do not change; an error's
 * `schemaPath` is then relative to the hoisted function, as it already is for a component, and
 * {@link Hoisted.origins} says where that function's schema stood. Nothing moves in a document
 * that names base URIs or dynamic scopes (`$id`, `$anchor`, `$dynamicRef`, …), whose references
 * depend on where a schema stands; nor a subschema holding a `$ref` target or an export (Ajv does
 * not follow a `$ref` through another); nor anything under `contains`, whose item errors the
 * runtime folds by their schema path (runtime/validation.ts, problemSources).
 *
 * Identity is decided by hash-consing: each subschema gets a number from its own members with its
 * subschemas replaced by their numbers, so the pass stays linear in the document's size however
 * deep it nests (stringifying each subtree whole would cost size × depth).
 *
 * @module
 */
import { DATA_KEYS, NAME_MAPS } from "../load/keys.js";
import { decodeFragment, escapeToken, formatPointer, pointerTokens, setOwnFresh } from "../load/pointer.js";
import { isObject } from "../load/refs.js";

/** When a subschema gets a function of its own (sizes in characters of its JSON, about). */
export interface HoistOptions {
  /** Least size of a repeated subschema worth a function: a call costs about as much code. */
  sharedChars: number;
  /** Size from which a subschema gets a function even if it is used once. */
  largeChars: number;
}

export const HOIST_DEFAULTS: Readonly<HoistOptions> = { sharedChars: 300, largeChars: 4000 };

/** Keywords whose value is one subschema (`contains` is left alone, see the module comment). */
const ONE = new Set([
  "items",
  "additionalItems",
  "additionalProperties",
  "unevaluatedProperties",
  "unevaluatedItems",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
]);
/** Keywords whose value is an array of subschemas. */
const LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value maps names to subschemas applied in place. */
const MAP = new Set(["properties", "patternProperties", "dependentSchemas"]);
/** Keywords mapping names to subschemas applied only through a `$ref`: walked, never replaced themselves. */
const DEFS = new Set(["$defs", "definitions"]);
/** Keywords that make a schema's meaning depend on where it stands. */
const SCOPED = new Set([
  "$id",
  "$anchor",
  "$dynamicAnchor",
  "$dynamicRef",
  "$recursiveAnchor",
  "$recursiveRef",
  "$schema",
]);
/** About the size of the `{"$ref": …}` that replaces a hoisted subschema. */
const REF_CHARS = 40;

export interface Hoisted {
  /** The document with `$ref`s where hoisted subschemas stood. */
  document: unknown;
  /** The hoisted subschemas by name (`s1`, `s2`, … in the order they were first met, innermost first). */
  schemas: Record<string, unknown>;
  /** Where each hoisted subschema stood in the document (JSON pointers), every place it occurs. */
  origins: Record<string, string[]>;
}

type Child = (node: unknown, pointer: string) => unknown;

/**
 * Hoists `document`'s large and repeated subschemas (see the module comment). `refBase` is the
 * `$ref` prefix local references carry in the document (`#/$defs/document`), `sharedBase` the
 * one a hoisted schema is referred to by (`#/$defs/shared/` + its name). `pinned` lists the
 * pointers (below the document) that must stay reachable, such as the exports' schemas.
 */
export function hoistSubschemas(
  document: unknown,
  refBase: string,
  sharedBase: string,
  pinned: Iterable<string>,
  options: Readonly<HoistOptions> = HOIST_DEFAULTS,
): Hoisted {
  const out: Hoisted = { document, schemas: {}, origins: {} };
  const blocked = new Set<string>();
  const addTarget = (pointer: string) => {
    const tokens = pointerTokens(pointer);
    for (let i = 0; i < tokens.length; i++) blocked.add(formatPointer(tokens.slice(0, i)));
  };
  for (const p of pinned) addTarget(p);
  if (!scanRefs(document, refBase, addTarget)) return out;
  const shapes = new Shapes(document);
  const names = new Map<number, string>();
  const inline = new WeakMap<object, number>();
  const place = (node: unknown, pointer: string): unknown => {
    let size = 0;
    const copy = rebuild(node, pointer, (child, p) => {
      const placed = place(child, p);
      size += isObject(placed) ? (inline.get(placed) ?? REF_CHARS) : String(placed).length;
      return placed;
    });
    if (!isObject(node) || !isObject(copy)) return copy;
    const shape = shapes.of(node);
    size += shape.ownSize;
    const keep = () => {
      inline.set(copy, size);
      return copy;
    };
    if (blocked.has(pointer) || isPlainRef(copy)) return keep();
    const shared = shape.count > 1 && shape.size >= options.sharedChars;
    if (!shared && size < options.largeChars) return keep();
    let name = names.get(shape.id);
    if (name === undefined) {
      name = `s${names.size + 1}`;
      names.set(shape.id, name);
      out.schemas[name] = copy;
      out.origins[name] = [];
    }
    out.origins[name]!.push(pointer);
    return { $ref: `${sharedBase}${name}` };
  };
  out.document = walkRoots(document, "", place);
  return out;
}

interface Shape {
  id: number;
  /** How many times the document holds this subschema. */
  count: number;
  /** About its JSON size, and that of its own members (its subschemas counted apart). */
  size: number;
  ownSize: number;
}

/**
 * Every subschema of a document, numbered by its content: two subschemas get one {@link Shape}
 * when their members (subschemas by number) are written the same, in the same order.
 */
class Shapes {
  private readonly byKey = new Map<string, Shape>();
  private readonly byNode = new WeakMap<object, Shape>();

  constructor(document: unknown) {
    walkRoots(document, "", (child) => this.add(child));
  }

  of(node: object): Shape {
    return this.byNode.get(node)!;
  }

  /**
   * Numbers `node` and its subschemas; what stands for `node` in its parent's key: `[number]`
   * for a schema object, `[its JSON]` for anything else (`true`), so that no member the document
   * writes itself (always unwrapped) reads as one.
   */
  private add(node: unknown): unknown {
    if (!isObject(node)) return [JSON.stringify(node) ?? "undefined"];
    let inner = 0;
    const members = rebuild(node, "", (child) => {
      const stand = this.add(child);
      if (isObject(child)) inner += this.byNode.get(child)!.size;
      return stand;
    });
    const key = JSON.stringify(members);
    let shape = this.byKey.get(key);
    if (shape === undefined) {
      shape = { id: this.byKey.size, count: 0, size: key.length + inner, ownSize: key.length };
      this.byKey.set(key, shape);
    }
    shape.count++;
    this.byNode.set(node, shape);
    return [shape.id];
  }
}

/**
 * Calls `add` with the document pointer of every local `$ref` in it; false when the document
 * holds a keyword that ties a schema to its place (see SCOPED) or a `$ref` that is not local.
 */
function scanRefs(document: unknown, refBase: string, add: (pointer: string) => void): boolean {
  const stack: Array<[unknown, boolean]> = [[document, false]];
  while (stack.length) {
    const [node, names] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const v of node) stack.push([v, false]);
      continue;
    }
    if (!isObject(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      if (!names && SCOPED.has(key)) return false;
      if (!names && key === "$ref") {
        if (typeof value !== "string" || !value.startsWith(`${refBase}/`)) return false;
        add(decodeFragment(value.slice(refBase.length)));
        continue;
      }
      if (!names && DATA_KEYS.has(key)) continue;
      stack.push([value, !names && NAME_MAPS.has(key)]);
    }
  }
  return true;
}

/**
 * The document with each schema it holds (a `schema` member, an entry of `components/schemas` or
 * of a `$defs`) rebuilt by {@link rebuild} with `child` for its subschemas; the rest is copied.
 */
function walkRoots(node: unknown, at: string, child: Child, names = false): unknown {
  if (Array.isArray(node)) return node.map((v, i) => walkRoots(v, `${at}/${i}`, child));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}/${escapeToken(key)}`;
    let copy: unknown;
    if (names) copy = walkRoots(value, here, child);
    else if (DATA_KEYS.has(key)) copy = value;
    else if (key === "schema") copy = rebuild(value, here, child);
    else if (key === "schemas" || DEFS.has(key)) copy = mapValues(value, here, (v, p) => rebuild(v, p, child));
    else copy = walkRoots(value, here, child, NAME_MAPS.has(key));
    setOwnFresh(out, key, copy);
  }
  return out;
}

/** A copy of schema `node` whose subschemas are `child(subschema, pointer)`; other members are kept as they are. */
function rebuild(node: unknown, at: string, child: Child): unknown {
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}/${escapeToken(key)}`;
    let copy: unknown = value;
    if (ONE.has(key)) copy = child(value, here);
    else if (LIST.has(key) && Array.isArray(value)) copy = value.map((v, i) => child(v, `${here}/${i}`));
    else if (MAP.has(key)) copy = mapValues(value, here, child);
    else if (DEFS.has(key)) copy = mapValues(value, here, (v, p) => rebuild(v, p, child));
    setOwnFresh(out, key, copy);
  }
  return out;
}

function mapValues(value: unknown, at: string, f: Child): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwnFresh(out, k, f(v, `${at}/${escapeToken(k)}`));
  return out;
}

/** Whether a schema is nothing but a `$ref`. */
function isPlainRef(node: Record<string, unknown>): boolean {
  const keys = Object.keys(node);
  return keys.length === 1 && keys[0] === "$ref";
}
