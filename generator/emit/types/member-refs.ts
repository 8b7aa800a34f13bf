/**
 * `$ref`s to a member of a component schema (`#/components/schemas/Suite/properties/foo`), which
 * openapi-typescript (7.13) prints as indexed accesses that often do not compile: each target
 * gets a `components.schemas` key of its own in the types' copy.
 *
 * @module
 */
import { deref, isObject } from "../../load/refs.js";
import { setOwn } from "../../load/pointer.js";
import { walk } from "../../load/walk.js";
import { definitionKey } from "../../model/names.js";

type Schema = Record<string, unknown>;

/** A `$ref` into a component schema, below its name. */
const MEMBER_REF = /^#\/components\/schemas\/[^/]+\/./;

/**
 * A `$ref` into a component (`#/components/schemas/Suite/properties/foo`) is printed by
 * openapi-typescript as an indexed access (`components["schemas"]["Suite"]["foo"]`), which
 * breaks once `Suite` is a union with non-objects (TS2339), is circular when the member is
 * Suite's own (TS2502), and reads `foo?:` as `number | undefined`. Each such target gets a
 * component key of its own (the same node under a second key, named like a hoisted `$defs`
 * entry) and its `$ref`s point there: the type is printed once as written.
 */
export function nameRefTargets(document: Schema, schemas: Schema, nodes: Schema[]): void {
  const named = new Map<string, string>();
  for (const o of nodes) {
    const ref = o.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/components/schemas/")) continue;
    const tokens = ref.split("/").slice(3);
    if (tokens.length < 2) continue;
    let key = named.get(ref);
    if (key === undefined) {
      const target = deref(document, { $ref: ref });
      if (target === undefined) continue;
      const plain = definitionKey(tokens[0]!, tokens[1]!, tokens.slice(2).join("."));
      key = plain;
      for (let i = 2; Object.hasOwn(schemas, key); i++) key = `${plain}${i}`;
      setOwn(schemas, key, target);
      named.set(ref, key);
    }
    o.$ref = `#/components/schemas/${key}`;
  }
}

/**
 * {@link nameRefTargets} for an OpenAPI document's types copy (changed in place): every `$ref` to
 * a member of a component schema, wherever it stands (components, operations, webhooks), gets
 * its own key. An OpenAPI document that never refers below a component's name is left as it is.
 */
export function nameMemberRefs(document: Schema): void {
  const components = isObject(document.components) ? document.components : undefined;
  if (!isObject(components?.schemas)) return;
  const nodes: Schema[] = [];
  walk(document, ({ node, names }) => {
    if (names || Array.isArray(node)) return;
    if (typeof node.$ref === "string" && MEMBER_REF.test(node.$ref)) nodes.push(node);
  });
  if (nodes.length) nameRefTargets(document, components.schemas, nodes);
}
