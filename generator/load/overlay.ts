import { exec, type JsonValue } from "jsonpath-rfc9535";
import parseJsonPath from "jsonpath-rfc9535/parser";
import { SpecError } from "../errors.js";
import { isObject } from "./refs.js";
import { formatPointer, setOwn, valueAt } from "./pointer.js";

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
  if (!Array.isArray(doc.actions) || doc.actions.length === 0)
    throw new SpecError("an overlay needs a non-empty `actions` list", file, undefined, undefined, "/actions");
  return doc.actions.map((a, i) => {
    if (!isObject(a) || typeof a.target !== "string")
      throw new SpecError("each action needs a `target` JSONPath", file, undefined, undefined, `/actions/${i}`);
    if (a.update === undefined && a.remove !== true)
      throw new SpecError("each action needs `update` or `remove: true`", file, undefined, undefined, `/actions/${i}`);
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

/** One node a target selected: its value, where it sits, and its JSON pointer. */
interface Match {
  value: unknown;
  parent: unknown;
  parentProperty: string | number;
  pointer: string;
}

/**
 * Checks that `target` is an RFC 9535 JSONPath query of the subset overlays need: names,
 * wildcards, indices, slices, at most one descendant segment (`..`), and filters comparing
 * `@`/`$` paths with literals, joined by `&&`, `||` and `!`, or testing that a path exists.
 * Function extensions (`length`, `count`, `match`, `search`, `value`) are refused: `match` and
 * `search` run regular expressions the overlay writes, which may backtrack for ever, and the
 * others are no part of what an overlay needs to select. One descendant segment at most,
 * since each further one multiplies the nodes visited by the document's depth; and inside a
 * filter, a `$` path only as one value compared (`$.info.version == '1'`): a `$` query that
 * selects many nodes is run again for every candidate, which is quadratic in the document.
 */
export function checkTarget(target: string, file: string, action: number): void {
  const at = `/actions/${action}/target`;
  const refuse = (why: string) => new SpecError(`overlay action ${action}: ${why}`, file, undefined, undefined, at);
  let ast: unknown;
  try {
    ast = parseJsonPath(target);
  } catch (err) {
    const column = (err as { location?: { start?: { column?: number } } }).location?.start?.column;
    const where = column ? ` (column ${column})` : "";
    const why = err instanceof RangeError ? "nested too deeply" : `${(err as Error).message}${where}`;
    throw refuse(`the target is not an RFC 9535 JSONPath query: ${why}`);
  }
  let descendants = 0;
  const stack: unknown[] = [ast];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const type = (node as { type?: unknown }).type;
    if (type === "FunctionExpr") {
      const name = String((node as { name?: unknown }).name);
      throw refuse(`the target calls the function ${name}(), and function extensions are not read in overlay targets`);
    }
    if (type === "JsonPathQuery" && node !== ast) {
      throw refuse("inside a filter, a $ path may only be compared as a single value ($.a.b == 1)");
    }
    if (type === "DescendantSegment" && ++descendants > 1) {
      throw refuse("the target has more than one descendant segment (..)");
    }
    stack.push(...Object.values(node));
  }
}

/** The nodes `target` selects in `document`, with their parents, in document order. */
function select(document: unknown, target: string): Match[] {
  const matches: Match[] = [];
  exec(document as JsonValue, target, (value, path) => {
    // The library gives keys escaped as in a normalized path; parsing that path unescapes them.
    const normalized = `$${path.map((k) => (typeof k === "number" ? `[${k}]` : `['${k}']`)).join("")}`;
    const keys = parseJsonPath(normalized).segments.map((segment) => {
      const selector = segment.node.type === "BracketedSelection" ? segment.node.selectors[0] : undefined;
      if (selector?.type === "NameSelector" || selector?.type === "IndexSelector") return selector.value;
      throw new Error(`unexpected normalized path ${normalized}`);
    });
    const tokens = keys.map(String);
    // The parent is found again by own keys: the library gives the matched value, not its holder.
    const parent = tokens.length ? valueAt(document, tokens.slice(0, -1)) : undefined;
    matches.push({ value, parent, parentProperty: keys.at(-1) ?? "", pointer: formatPointer(tokens) });
  });
  return matches;
}

/**
 * Applies an overlay to a parsed document and returns the new document (the input is left
 * alone). Targets are RFC 9535 JSONPath (jsonpath-rfc9535), of the subset checkTarget() admits;
 * the Overlay 1.0 merge rules are small and written here: objects merge recursively, arrays get
 * the update appended, `remove` deletes.
 * An action whose target matches nothing is an error, so a typo cannot silently drop a rule.
 * `onRule` hears of every described action that merged keys into an object.
 */
export function applyOverlay(
  document: unknown,
  overlay: unknown,
  file: string,
  onRule?: (rule: OverlayRule) => void,
): unknown {
  const out = structuredClone(document);
  overlayActions(overlay, file).forEach((action, i) => {
    checkTarget(action.target, file, i);
    const matches = select(out, action.target);
    if (matches.length === 0)
      throw new SpecError(
        `overlay action ${i} matches nothing: ${action.target}`,
        file,
        undefined,
        undefined,
        `/actions/${i}/target`,
      );
    // Reversed, so that removing array elements does not shift the ones still to visit.
    for (const m of matches.reverse()) {
      if (action.remove === true) {
        if (Array.isArray(m.parent)) m.parent.splice(Number(m.parentProperty), 1);
        else if (isObject(m.parent)) delete m.parent[String(m.parentProperty)];
      } else if (Array.isArray(m.value)) m.value.push(structuredClone(action.update));
      else if (isObject(m.value) && isObject(action.update)) {
        merge(m.value, action.update);
        if (typeof action.description === "string")
          onRule?.({
            pointer: m.pointer,
            keywords: Object.keys(action.update),
            description: action.description.replace(/\s+/g, " ").trim(),
            file,
            action: i,
          });
      } else if (isObject(m.parent) || Array.isArray(m.parent)) {
        setOwn(m.parent as object, String(m.parentProperty), structuredClone(action.update));
      }
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
