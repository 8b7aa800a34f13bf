/**
 * `$ref`s into `paths` or `webhooks` in the types' copy of a document. openapi-typescript (7.13)
 * prints such a reference as an indexed access through the operation that holds its target,
 * `paths["/a"]["post"]["requestBody"]["content"]["application/json"]["schema"]`; where the way
 * passes a member the types make optional (a request body, `parameters`), the access does not
 * compile under `strict`. The copy gets the target itself in place of each such reference (a
 * copy of it, whose own references still resolve), so the types name the same values and
 * compile. A reference met again inside its own copy (a cycle through `paths`) stays as written.
 *
 * @module
 */
import { isDataKey } from "../../load/keys.js";
import { parseFragment, setOwn, valueAt } from "../../load/pointer.js";
import { isObject } from "../../load/refs.js";
import { type Place, walk } from "../../load/walk.js";
import { PATHS_REF } from "../../model/facts.js";

type Node = Record<string, unknown>;

/** Whether an ancestor of `place` (or itself) is a copy made from `target`. */
function insideCopyOf(place: Place, target: string, copies: WeakMap<object, string>): boolean {
  for (let at: Place | undefined = place; at; at = at.parent) if (copies.get(at.node) === target) return true;
  return false;
}

/** What replaces `ref`: a copy of its target, with the `$ref`'s siblings kept beside it through `allOf`. */
function replacement(ref: Node, target: unknown): Node {
  const copy = structuredClone(target) as Node;
  const siblings = Object.fromEntries(Object.entries(ref).filter(([key]) => key !== "$ref"));
  return Object.keys(siblings).length ? { allOf: [copy, siblings] } : copy;
}

/** The target of `ref` in `document`, or undefined when the pointer does not parse or lead anywhere. */
function targetOf(document: Node, ref: string): Node | undefined {
  try {
    const target = valueAt(document, parseFragment(ref));
    return isObject(target) ? target : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces, in `copy` (changed in place), every `$ref` into `paths` or `webhooks` by its target.
 * The walk enters what replaced a reference, so references inside the target are replaced too.
 */
export function inlinePathRefs(copy: Node): void {
  const copies = new WeakMap<object, string>();
  walk(copy, (place) => {
    const { node, names } = place;
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? [...node.entries()] : Object.entries(node);
    for (const [key, value] of entries) {
      // Data (`enum`, examples) and `x-` extensions hold no references (as the walk reads them).
      if (typeof key === "string" && !names && isDataKey(key)) continue;
      if (!isObject(value) || typeof value.$ref !== "string" || !PATHS_REF.test(value.$ref)) continue;
      const target = targetOf(copy, value.$ref);
      if (target === undefined || insideCopyOf(place, value.$ref, copies)) continue;
      const inlined = replacement(value, target);
      copies.set(inlined, value.$ref);
      // An own `__proto__` key (JSON may have one) stays an own key: never the node's prototype.
      if (Array.isArray(node)) node[key as number] = inlined;
      else setOwn(node, key as string, inlined);
    }
  });
}
