/**
 * An operation's parameters: those of its path item and its own merged, each with its
 * serialization (OpenAPI's defaults filled in) and its key in a call's flat `params`.
 *
 * @module
 */
import { deref, isObject } from "../load/refs.js";
import { camelCase } from "./names.js";
import { mayHold } from "./schema-shape.js";
import type { ParameterModel } from "./types.js";

/**
 * The parameters of `lists` (the path item's, then the operation's): a later one replaces one
 * with the same name and location.
 */
export function collectParameters(document: Record<string, unknown>, ...lists: unknown[]): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = deref(document, raw);
      if (!isObject(p) || typeof p.name !== "string" || typeof p.in !== "string") continue;
      const where = p.in as ParameterModel["in"];
      // Operation-level parameters override path-level ones with the same name and location.
      const required = where === "path" || p.required === true;
      const model = { name: p.name, key: p.name, in: where, required, ...serialization(document, p, where) };
      byKey.set(`${where}:${p.name}`, model);
    }
  }
  return [...byKey.values()];
}

/**
 * A call's `params` is one flat object: a name used in more than one location (a path and a
 * query parameter both named `id`) keys its non-path parameters `<location><Name>` (`queryId`,
 * `headerId`, `cookieId`), a free name (`_` appended while another parameter has it).
 */
export function separateParamKeys(parameters: ParameterModel[], warn: (message: string) => void): void {
  const shared = (p: ParameterModel) => parameters.some((o) => o !== p && o.name === p.name);
  const taken = new Set(parameters.map((p) => p.name));
  for (const p of parameters) {
    if (p.in === "path" || !shared(p)) continue;
    let key = camelCase(`${p.in} ${p.name}`);
    while (taken.has(key)) key += "_";
    taken.add(key);
    p.key = key;
    const name = JSON.stringify(p.name);
    warn(`${p.in} parameter ${name} shares its name with another location's; its key in params is ${key}`);
  }
}

/**
 * A parameter's `style`, `explode` and `allowReserved` with OpenAPI's defaults, and whether its
 * value may be structured.
 */
function serialization(
  document: Record<string, unknown>,
  p: Record<string, unknown>,
  where: ParameterModel["in"],
): Pick<ParameterModel, "style" | "explode" | "allowReserved" | "structured"> {
  const style = typeof p.style === "string" ? p.style : where === "query" || where === "cookie" ? "form" : "simple";
  const explode = typeof p.explode === "boolean" ? p.explode : style === "form";
  const allowReserved = where === "query" && p.allowReserved === true;
  const pathArray = where === "path" && mayHold(document, p.schema, "array");
  const structured = pathArray || mayHold(document, p.schema, "object");
  return { style, explode, allowReserved, structured };
}
