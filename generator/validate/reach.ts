/**
 * The part of a spec's document that one target's validator can run: the target's schema and
 * every schema its local `$ref`s reach, again and again. `specgen validate` judges (and warns
 * of) only the regexes there, since no other regex of the spec runs in the check it makes.
 *
 * @module
 */
import { literalPointer } from "../emit/validators/literal-pointer.js";
import { isObject } from "../load/refs.js";
import { childAt, formatPointer, parseFragment, parsePointer, valueAt } from "../load/pointer.js";
import { EVERY_KEY, walk } from "../load/walk.js";

/** Whether a pointer into the document (`/components/schemas/A/pattern`) lies where the validator runs. */
export type Within = (pointer: string) => boolean;

/**
 * The places the validator of the schema at `targetAt` can reach, as a test on pointers; undefined
 * when that cannot be told from local `#/…` references alone: a `$ref` of another form, or an
 * `$id`, `$anchor` or `$dynamicRef` that would move what a reference means. The caller then
 * treats the whole document as reachable, as a full compile does.
 */
export function reachableFrom(document: unknown, targetAt: string): Within | undefined {
  const seen = new Set<string>([targetAt]);
  const queue = [targetAt];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const refs = localRefsUnder(valueAt(document, parsePointer(next)));
    if (refs === undefined) return undefined;
    for (const ref of refs) {
      const raw = formatPointer(parseFragment(ref));
      // A reference through another (into `components/responses`) is followed the way the
      // validators' own pointers are; both places count, which can only judge more regexes.
      for (const at of [raw, literalPointer(document, raw)]) {
        if (!seen.has(at)) {
          seen.add(at);
          queue.push(at);
        }
      }
    }
  }
  const roots = [...seen];
  return (pointer) => roots.some((root) => pointer === root || pointer.startsWith(`${root}/`));
}

/** Keys that change what a `$ref` resolves to, or resolve one by other rules than a pointer. */
const SCOPE_KEYS = ["$id", "$anchor", "$dynamicAnchor", "$dynamicRef"];

/**
 * Every `$ref` under `node` (data keys too: a reference in an example only adds a place), or
 * undefined when one is not a local pointer or a key that scopes references appears.
 */
function localRefsUnder(node: unknown): string[] | undefined {
  const refs: string[] = [];
  let unknown = false;
  walk(
    node,
    ({ node: at }) => {
      if (Array.isArray(at) || !isObject(at)) return;
      if (SCOPE_KEYS.some((k) => childAt(at, k) !== undefined)) unknown = true;
      const ref = childAt(at, "$ref");
      if (ref === undefined) return unknown ? "stop" : undefined;
      if (typeof ref === "string" && ref.startsWith("#/")) refs.push(ref);
      else unknown = true;
      return unknown ? "stop" : undefined;
    },
    EVERY_KEY,
  );
  return unknown ? undefined : refs;
}
