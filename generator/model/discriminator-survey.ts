/**
 * Reading discriminators from a bundled document: where they are (one walk, in document order),
 * and what a local `$ref` between its schemas names. Shared by the tag constraints and the
 * declared tags of model/discriminators.ts.
 *
 * @module
 */
import { DATA_KEYS } from "../load/keys.js";
import { formatPointer, parseFragment, valueAt } from "../load/pointer.js";
import { isObject } from "../load/refs.js";

export type Discriminator = { propertyName: string; mapping?: Record<string, unknown> };

// A schema's `$ref` as the bundled document writes it: a plain pointer after `#`, not percent-encoded.
export const refOf = (path: readonly string[]) => `#${formatPointer(path)}`;
/** The tokens of a `$ref`'s fragment; none for a `$ref` without one or whose fragment is no pointer. */
export const tokensOf = (ref: string): string[] => {
  const hash = ref.indexOf("#");
  try {
    return hash === -1 ? [] : parseFragment(ref.slice(hash));
  } catch {
    return [];
  }
};

export function discriminatorOf(node: Record<string, unknown>): Discriminator | undefined {
  const d = node.discriminator;
  return isObject(d) && typeof d.propertyName === "string" && d.propertyName !== "" ? (d as Discriminator) : undefined;
}

/**
 * Every object of the document with its path, depth first in key order; data values are not
 * entered. `path` is one array, changed as the walk goes: read it during the visit, do not keep it.
 */
function walk(
  node: unknown,
  visit: (node: Record<string, unknown>, path: readonly string[]) => void,
  path: string[] = [],
): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      path.push(String(i));
      walk(v, visit, path);
      path.pop();
    });
  } else if (isObject(node)) {
    visit(node, path);
    for (const [k, v] of Object.entries(node)) {
      if (DATA_KEYS.has(k) || typeof v !== "object" || v === null) continue;
      path.push(k);
      walk(v, visit, path);
      path.pop();
    }
  }
}

/**
 * The object a local `$ref` names (its `$ref`s followed unless `follow` is false); undefined where the types would not
 * resolve it.
 */
export function resolveIn(
  document: unknown,
  ref: string,
  follow = true,
): { node: Record<string, unknown>; pointer: string } | undefined {
  const seen: string[] = [];
  for (;;) {
    const tokens = tokensOf(ref);
    if (!tokens.length) return undefined;
    const node = valueAt(document, tokens);
    if (!isObject(node)) return undefined;
    if (!follow || typeof node.$ref !== "string") return { node, pointer: refOf(tokens).slice(1) };
    if (seen.includes(node.$ref)) return undefined;
    ref = node.$ref;
    seen.push(ref);
  }
}

/**
 * The schemas that hold a discriminator or extend others through `allOf`, in document order, with their `$ref` form
 * (one walk).
 */
export function survey(document: unknown): Array<[node: Record<string, unknown>, ref: string]> {
  const found: Array<[Record<string, unknown>, string]> = [];
  walk(document, (node, path) => {
    if (discriminatorOf(node) || Array.isArray(node.allOf)) found.push([node, refOf(path)]);
  });
  return found;
}
