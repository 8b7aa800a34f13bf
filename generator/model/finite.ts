/**
 * The number guard: JSON has no Infinity or NaN.
 *
 * @module
 */
import { walk, type Place } from "../load/walk.js";
import { SpecError } from "../errors.js";
import { shownPointer } from "./located.js";

/**
 * Refuses a document holding a number with no JSON form (YAML's `.inf`, `.nan`, `1e999`): no
 * emitter can print it as the same value. Every value is read, data and extensions too.
 */
export function rejectNonFinite(doc: unknown, source: string): void {
  const refuse = (value: number, at: readonly string[]): never => {
    const message = `the number ${String(value)} has no JSON form; use a finite number or a string`;
    throw new SpecError(message, source, undefined, undefined, shownPointer(at));
  };
  if (typeof doc === "number" && !Number.isFinite(doc)) refuse(doc, []);
  const check = (place: Place) => {
    for (const [key, value] of Object.entries(place.node))
      if (typeof value === "number" && !Number.isFinite(value)) refuse(value, [...place.tokens(), key]);
  };
  walk(doc, check, { names: false, skip: () => false });
}
