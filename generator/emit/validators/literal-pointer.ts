/**
 * Where a schema the model names really is, following the `$ref`s on the way and a `$ref` that
 * is the whole schema, so that every use of one component is compiled as one function.
 *
 * @module
 */
import { isObject } from "../../load/refs.js";
import { childAt, formatPointer, parseFragment, parsePointer } from "../../load/pointer.js";

/** Keys that may sit beside a `$ref` without making it more than a reference (annotations). */
const REF_SIBLINGS = new Set([
  "$ref",
  "description",
  "summary",
  "title",
  "$comment",
  "example",
  "examples",
  "deprecated",
  "readOnly",
  "writeOnly",
]);

/** Chains of `$ref`s followed at most this far (a loop of them ends here). */
const MAX_HOPS = 64;

/**
 * The location of the schema the model's pointer designates, following `$ref`s: the pointer may
 * pass through one (a response defined in `components/responses`, which Ajv would not follow
 * outside a schema), and a schema that is only a `$ref` is replaced by its target, so that the
 * export and every other `$ref` to that component share one compiled function.
 */
export function literalPointer(document: unknown, pointer: string): string {
  let tokens = parsePointer(pointer);
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const next = redirected(document, tokens);
    if (next === undefined) break;
    tokens = next;
  }
  return formatPointer(tokens);
}

/** The local `$ref` of a node (`#/…`), or undefined. */
function localRef(node: unknown): string | undefined {
  return isObject(node) && typeof node.$ref === "string" && node.$ref.startsWith("#/") ? node.$ref : undefined;
}

/**
 * The tokens `tokens` lead to once one `$ref` is followed: the first on the way whose node lacks
 * the next token, else the node reached when it is nothing but a reference; undefined if neither.
 */
function redirected(document: unknown, tokens: readonly string[]): string[] | undefined {
  let node: unknown = document;
  for (const [i, token] of tokens.entries()) {
    const ref = localRef(node);
    if (ref !== undefined && !Object.hasOwn(node as object, token)) return [...parseFragment(ref), ...tokens.slice(i)];
    node = childAt(node, token);
  }
  const ref = localRef(node);
  const onlyRef =
    ref !== undefined && Object.keys(node as object).every((k) => REF_SIBLINGS.has(k) || k.startsWith("x-"));
  return onlyRef ? parseFragment(ref) : undefined;
}
