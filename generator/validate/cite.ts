/**
 * The overlay rule a failed keyword comes from, so that `specgen validate` can cite the prose
 * rule (the overlay action's description) a document breaks, and where that action is.
 *
 * @module
 */
import { isDeepStrictEqual } from "node:util";
import type { OverlayRule } from "../load/overlay.js";
import { escapeToken, pointerTokens, valueAt } from "../load/pointer.js";
import type { AjvErrorObject } from "../runtime/validation.js";
import type { FunctionRoot } from "./roots.js";

/**
 * The overlay rule a failed keyword comes from: the keyword (or one inside it, such as the
 * `contains` under an added `allOf`) sits where an overlay action put it, and the value that
 * failed sits where that schema applies. Every function root whose schema holds the error's
 * schema path, at a place that applies to the failed value, could have raised it; a rule is cited
 * only when all of them lead to the same rule, so a keyword of the spec's own that happens to
 * sit at the same relative path in another component is never blamed on an overlay.
 */
export function citeRule(
  rules: readonly OverlayRule[],
  roots: readonly FunctionRoot[],
  document: unknown,
  error: AjvErrorObject,
): OverlayRule | undefined {
  if (!error.schemaPath.startsWith("#/")) return undefined;
  const path = pointerTokens(error.schemaPath);
  const cited = new Set<OverlayRule | undefined>();
  for (const root of roots) {
    const at = [...root.tokens, ...path];
    const keyword = valueAt(document, at);
    if (keyword === undefined || !agrees(path.at(-1)!, keyword, error.params)) continue;
    const applies = instancePattern(path.slice(0, -1), root.anchored);
    if (applies && !applies.test(error.instancePath)) continue;
    cited.add(rules.find((rule) => ruleHolds(rule, root, at, error.instancePath)));
  }
  return cited.size === 1 ? [...cited][0] : undefined;
}

/** Whether `rule` put the keyword at `at` (schema tokens), for a value at `instancePath`. */
function ruleHolds(rule: OverlayRule, root: FunctionRoot, at: readonly string[], instancePath: string): boolean {
  const base = pointerTokens(rule.pointer);
  if (at.length <= base.length || base.some((t, i) => t !== at[i])) return false;
  if (!rule.keywords.includes(at[base.length]!)) return false;
  // A rule above the function's root (a subschema it added, hoisted into a function of
  // its own): that function is called at any depth, so any instance path may be its.
  if (base.length < root.tokens.length) return !root.anchored;
  return instancePattern(base.slice(root.tokens.length), root.anchored)?.test(instancePath) ?? false;
}

/**
 * Whether an error's params agree with the keyword's value in a schema: Ajv puts the value it
 * checked against in the params of these keywords. Any other keyword agrees.
 */
function agrees(keyword: string, value: unknown, params: Record<string, unknown>): boolean {
  switch (keyword) {
    case "pattern":
    case "format":
    case "multipleOf":
      return params[keyword] === value;
    case "const":
      return isDeepStrictEqual(params.allowedValue, value);
    case "enum":
      return isDeepStrictEqual(params.allowedValues, value);
    case "required":
      return Array.isArray(value) && value.includes(params.missingProperty);
    case "type":
      return String(params.type) === (Array.isArray(value) ? value.join(",") : String(value));
    default:
      return !("limit" in params) || params.limit === value;
  }
}

/** Schema keywords whose subschemas apply to any one member or item of the value: a segment of any name. */
const ANY_SEGMENT = new Set(["items", "additionalProperties", "unevaluatedProperties", "unevaluatedItems", "contains"]);
/** Keywords whose subschemas, one per index or name, apply to the value itself. */
const SAME_VALUE_LISTS = new Set(["allOf", "anyOf", "oneOf", "dependentSchemas"]);
/** Keywords whose one subschema applies to the value itself. */
const SAME_VALUE = new Set(["not", "if", "then", "else"]);

/**
 * The instance paths a subschema at `path` (schema tokens below a function root) applies to, or
 * undefined when they cannot be told; below any whole number of segments unless `anchored`.
 */
function instancePattern(path: readonly string[], anchored: boolean): RegExp | undefined {
  let source = "";
  const segment = (literal?: string) => {
    source += literal === undefined ? "/[^/]*" : `/${regexLiteral(escapeToken(literal))}`;
  };
  for (let i = 0; i < path.length; i++) {
    const t = path[i]!;
    if (t === "properties" || t === "prefixItems") segment(path[++i]);
    else if (t === "patternProperties") {
      i++;
      segment();
    } else if (ANY_SEGMENT.has(t)) segment();
    else if (SAME_VALUE_LISTS.has(t)) i++;
    else if (!SAME_VALUE.has(t)) return undefined;
  }
  return new RegExp(`^${anchored ? "" : "(?:/[^/]*)*"}${source}$`);
}

/** `text` matched literally in a regex. */
const regexLiteral = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
