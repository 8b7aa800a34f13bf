/**
 * Where Ajv's compiled functions start in a spec's document, for telling which overlay rule a
 * failed keyword comes from (cite.ts): an error's schema path is relative to the function that
 * raised it, and it does not say which one that was.
 *
 * @module
 */
import { childAt, pointerTokens } from "../load/pointer.js";
import { EVERY_KEY, walk } from "../load/walk.js";

/** A compiled function's schema, as tokens from the document's root. */
export interface FunctionRoot {
  tokens: string[];
  /** Reached only with the checked document's root value (the target's own function). */
  anchored: boolean;
}

/**
 * The function roots: the target's own function (at `targetAt`, reached with the document's
 * root value, so `anchored`), the target of every local `$ref` (inlineRefs is off, so each is a
 * function of its own, called at any depth of the value), and every place a subschema hoisted
 * into a function stood (`origins`, emit/hoist.ts).
 */
export function functionRoots(document: unknown, targetAt: string, origins: Record<string, string[]>): FunctionRoot[] {
  const refs = new Set<string>();
  // Every key is entered, data keys too: a `$ref` inside an example adds a root no error comes
  // from, which can only keep a rule from being cited (cite.ts), never cite a wrong one.
  walk(
    document,
    ({ node }) => {
      const ref = childAt(node, "$ref");
      if (!Array.isArray(node) && typeof ref === "string" && ref.startsWith("#/")) refs.add(ref);
    },
    EVERY_KEY,
  );
  const roots = [...refs].map((ref) => ({ tokens: pointerTokens(ref), anchored: false }));
  for (const at of Object.values(origins).flat()) roots.push({ tokens: pointerTokens(at), anchored: false });
  const target = pointerTokens(targetAt);
  const same = (a: readonly string[]) => a.length === target.length && a.every((t, i) => t === target[i]);
  return roots.some((r) => same(r.tokens)) ? roots : [{ tokens: target, anchored: true }, ...roots];
}
