import { JSONPath } from "jsonpath-plus";
import { SpecError } from "../errors.js";
import { isObject } from "./refs.js";

interface OverlayAction {
  target: string;
  description?: string;
  update?: unknown;
  remove?: boolean;
}

/** Checks the shape of an OpenAPI Overlay 1.0 document; returns its actions. */
export function overlayActions(doc: unknown, file: string): OverlayAction[] {
  if (!isObject(doc) || typeof doc.overlay !== "string" || !/^1\.0\.\d+$/.test(doc.overlay)) {
    throw new SpecError("not an OpenAPI Overlay 1.0 document (expected `overlay: 1.0.x`)", file, 1, 1, "/overlay");
  }
  if (!Array.isArray(doc.actions) || doc.actions.length === 0) throw new SpecError("an overlay needs a non-empty `actions` list", file, undefined, undefined, "/actions");
  return doc.actions.map((a, i) => {
    if (!isObject(a) || typeof a.target !== "string") throw new SpecError("each action needs a `target` JSONPath", file, undefined, undefined, `/actions/${i}`);
    if (a.update === undefined && a.remove !== true) throw new SpecError("each action needs `update` or `remove: true`", file, undefined, undefined, `/actions/${i}`);
    return a as unknown as OverlayAction;
  });
}

/**
 * What one overlay action added to a schema object: the keywords of its `update` at `pointer`
 * (JSON pointer into the document), and the action's description, which cites the rule.
 */
export interface OverlayRule {
  pointer: string;
  keywords: string[];
  description: string;
  /** The overlay file and the action's index in it. */
  file: string;
  action: number;
}

/**
 * Applies an overlay to a parsed document and returns the new document (the input is left
 * alone). JSONPath queries come from jsonpath-plus; the Overlay 1.0 merge rules are small and
 * written here: objects merge recursively, arrays get the update appended, `remove` deletes.
 * An action whose target matches nothing is an error, so a typo cannot silently drop a rule.
 * `onRule` hears of every described action that merged keys into an object.
 */
export function applyOverlay(document: unknown, overlay: unknown, file: string, onRule?: (rule: OverlayRule) => void): unknown {
  const out = structuredClone(document);
  overlayActions(overlay, file).forEach((action, i) => {
    const matches = JSONPath({ path: action.target, json: out as object, resultType: "all", wrap: true, eval: "safe" }) as Array<{
      value: unknown;
      parent: unknown;
      parentProperty: string | number;
      pointer: string;
    }>;
    if (matches.length === 0) throw new SpecError(`overlay action ${i} matches nothing: ${action.target}`, file, undefined, undefined, `/actions/${i}/target`);
    // Reversed, so that removing array elements does not shift the ones still to visit.
    for (const m of matches.reverse()) {
      if (action.remove === true) {
        if (Array.isArray(m.parent)) m.parent.splice(Number(m.parentProperty), 1);
        else if (isObject(m.parent)) delete m.parent[String(m.parentProperty)];
      } else if (Array.isArray(m.value)) m.value.push(structuredClone(action.update));
      else if (isObject(m.value) && isObject(action.update)) {
        merge(m.value, action.update);
        if (typeof action.description === "string") onRule?.({ pointer: m.pointer, keywords: Object.keys(action.update), description: action.description.replace(/\s+/g, " ").trim(), file, action: i });
      }
      else if (isObject(m.parent) || Array.isArray(m.parent)) setOwn(m.parent as object, String(m.parentProperty), structuredClone(action.update));
    }
  });
  return out;
}

/**
 * Overlay 1.0's merge. Keys come from the overlay (untrusted): js-yaml keeps `__proto__` as an
 * own key, so `target[key]` would read Object.prototype itself and the merge would then write
 * onto it. Only own keys are read, and every key is written as an own data property.
 */
function merge(target: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(update)) {
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isObject(current) && isObject(value)) merge(current, value);
    else setOwn(target, key, structuredClone(value));
  }
}

/** `target[key] = value` as an own data property, whatever `key` is (`__proto__` included). */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
