/**
 * What @redocly/openapi-core 1.34 cannot read, caught before it runs or explained after: keys
 * named like `Object.prototype` methods.
 *
 * @module
 */
import type { NormalizedProblem } from "@redocly/openapi-core";
import { walk, type Place } from "../load/walk.js";
import { SpecError } from "../errors.js";
import { shownPointer } from "./located.js";

/**
 * Redocly (openapi-core 1.34) looks keys up on plain objects: a key named like a method of
 * `Object.prototype` makes it throw (`hasOwnProperty`, `valueOf`, …, even inside example values)
 * or misreport a struct error (`constructor` as a schema property). Such specs are rejected here
 * with the key's location instead of a TypeError from inside Redocly. `__proto__` and `toString`
 * pass through Redocly and stay (quoted) keys.
 */
const REDOCLY_TRAPS = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter(
    (k) => k !== "__proto__" && k !== "toString" && k !== "constructor",
  ),
);

/** Refuses a document holding a key Redocly would trip on (see {@link REDOCLY_TRAPS}), naming its place. */
export function rejectRedoclyTraps(doc: unknown, source: string): void {
  const check = (place: Place) => {
    const key = Object.keys(place.node).find((k) => REDOCLY_TRAPS.has(k));
    if (key === undefined) return;
    const message =
      `the key ${JSON.stringify(key)} cannot be read: @redocly/openapi-core 1.34 fails on keys named like ` +
      "Object.prototype methods; rename it";
    throw new SpecError(message, source, undefined, undefined, shownPointer([...place.tokens(), key]));
  };
  // Redocly reads every key, inside example values and extensions too.
  walk(doc, check, { names: false, skip: () => false });
}

/**
 * A Redocly step whose crash (a TypeError from a referenced file's keys, see above) becomes a
 * SpecError naming the spec.
 */
export async function redocly<T>(source: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof SpecError || !(err instanceof TypeError)) throw err;
    const traps = [...REDOCLY_TRAPS].slice(0, 4).join(", ");
    const hint = `a file it references may have a key named like an Object.prototype method (${traps}, …)`;
    throw new SpecError(`cannot bundle: @redocly/openapi-core failed (${err.message}); ${hint}`, source);
  }
}

/** Redocly's struct rule reads a schema property named `constructor` as `Object`: say so beside its message. */
export function explainPrototypeKey(problem: NormalizedProblem): NormalizedProblem {
  const at = problem.location[0]?.pointer ?? "";
  if (!/\/constructor$/.test(at)) return problem;
  return {
    ...problem,
    message: `${problem.message} (the key "constructor" at ${at} is misread by @redocly/openapi-core 1.34; rename it)`,
  };
}
