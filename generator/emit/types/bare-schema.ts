/**
 * Rewrites of the types' copy of a bare JSON Schema file (wrapped in a synthetic OpenAPI
 * document by the model) that openapi-typescript needs to read it as its validator does:
 * `$defs` entries hoisted to components of their own, and the `$ref`s JSON Schema resolves by
 * its own rules left out. The validators compile the schema as written.
 *
 * @module
 */
import { DATA_KEYS } from "../../load/keys.js";
import {
  childAt,
  decodeFragment,
  encodeFragment,
  formatPointer,
  parsePointer,
  setOwn,
  valueAt,
} from "../../load/pointer.js";
import { deref, isObject } from "../../load/refs.js";
import { type Place, walk } from "../../load/walk.js";
import { definitionKey } from "../../model/names.js";
import type { DefinitionsModel } from "../../model/types.js";

type Node = Record<string, unknown>;

/** The `$ref` fragment of a place in the document. */
const fragmentOf = (tokens: readonly string[]) => `#${formatPointer(tokens)}`;

/**
 * openapi-typescript prints a schema's `$defs` as a required member of its type
 * (openapi-typescript#2664): `{minLength: 2, $defs: {…}}` would be typed as an object that has
 * `$defs`, though no value the validator accepts needs one, and a root that `$ref`s its own
 * `$defs` is a type defined by itself (TS2502). In the types' copy of a bare schema, every
 * `$defs`/`definitions` entry (the model lists them, `definitions`, in the order they are
 * hoisted: model/definitions.ts) becomes a component of its own, keyed by where it was
 * (`Schema/$defs/name`, from the component that holds it, or from the hoisted entry that does),
 * and the `$ref`s to it (or into it) follow.
 */
export function hoistDefinitions(document: Node, definitions: readonly DefinitionsModel[]): void {
  const components = isObject(document.components) ? document.components : undefined;
  const schemas = components && isObject(components.schemas) ? components.schemas : undefined;
  if (!schemas) return;
  // Old pointer → new pointer, for every hoisted entry; hoisted node → its component key.
  const moved = new Map<string, string>();
  const hoisted = new Map<object, string>();
  const emptied: Array<[Node, string]> = [];
  for (const { owner, keyword, entries } of definitions) {
    const at = parsePointer(owner);
    const node = valueAt(document, at);
    const map = isObject(node) ? node[keyword] : undefined;
    if (!isObject(node) || !isObject(map)) continue;
    for (const { name } of entries) {
      const member = map[name];
      // A key that needs no escaping in a `$ref` (openapi-typescript quotes it as a member name).
      // Asked per entry: an entry may be an alias of a schema above it, which then counts as hoisted.
      const plain = definitionKey(ownerKey(document, at, hoisted), keyword, name);
      let target = plain;
      for (let i = 2; Object.hasOwn(schemas, target); i++) target = `${plain}${i}`;
      setOwn(schemas, target, member);
      if (typeof member === "object" && member !== null) hoisted.set(member, target);
      moved.set(fragmentOf([...at, keyword, name]), `#/components/schemas/${target}`);
    }
    // Left in place until every entry is hoisted, so that nested entries are found where they were.
    emptied.push([node, keyword]);
  }
  for (const [node, keyword] of emptied) delete node[keyword];
  if (moved.size) retarget(document, moved);
}

/**
 * The key entries of the schema at `at` are named from: the path to it from the component
 * (`components/schemas/X`) or the hoisted entry nearest above it, which counts by its new key.
 */
function ownerKey(document: Node, at: readonly string[], hoisted: ReadonlyMap<object, string>): string {
  // The nodes from the component (at[2] names it) down to the owner.
  const nodes = [valueAt(document, at.slice(0, 3))];
  for (const token of at.slice(3)) nodes.push(childAt(nodes.at(-1), token));
  const steps: string[] = [];
  let depth = at.length;
  for (; depth > 3 && !hoisted.has(nodes[depth - 3] as object); depth--) steps.push(at[depth - 1]!);
  steps.push(hoisted.get(nodes[depth - 3] as object) ?? at[depth - 1]!);
  return steps.reverse().join("/");
}

/** Every `$ref` into a moved subtree, pointed at its new place (longest moved prefix first). */
function retarget(document: unknown, moved: ReadonlyMap<string, string>): void {
  const prefixes = [...moved.keys()].sort((a, b) => b.length - a.length);
  const match = (r: string) => prefixes.find((p) => r === p || r.startsWith(`${p}/`));
  const visit = ({ node: o }: Place): void => {
    if (Array.isArray(o) || typeof o.$ref !== "string") return;
    const ref = o.$ref;
    // A malformed escape is matched as written.
    const decoded = decodeFragment(ref);
    // The rest of the pointer is kept as written where the ref matched as written.
    const raw = match(ref);
    const from = raw ?? match(decoded);
    const rest = raw !== undefined ? ref.slice(from?.length) : encodeFragment(decoded.slice(from?.length));
    if (from !== undefined) o.$ref = `${moved.get(from)!}${rest}`;
  };
  // Every key is read as a keyword here; only the data keys' values (not `x-` ones) are skipped.
  walk(document, visit, { names: false, skip: (k) => DATA_KEYS.has(k) });
}

/** Whether `ref` resolves in `document` (false for a malformed percent-escape). */
function resolves(document: Node, ref: string): boolean {
  try {
    return deref(document, { $ref: ref }) !== undefined;
  } catch {
    return false;
  }
}

/**
 * A bare schema keeps the `$ref`s that JSON Schema resolves by its own rules (against an `$id`,
 * to an `$anchor`; see load/scoped-refs.ts) for Ajv. openapi-typescript reads every `$ref` as
 * a pointer into the document, so in its copy those are left out: the node is typed by its
 * other keywords, a type wider than the validator's verdict, never narrower. Kept: pointers to
 * components that exist.
 */
export function typeableRefs(document: Node): void {
  walk(document, ({ node, names }) => {
    if (names || Array.isArray(node) || typeof node.$ref !== "string") return;
    if (!node.$ref.startsWith("#/components/") || !resolves(document, node.$ref)) delete node.$ref;
  });
}
