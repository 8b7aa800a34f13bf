/**
 * Ajv's standalone code linked to the shared helper modules instead of the `require()`s it
 * writes for its run-time helpers (ajv issues #1976, #2209).
 *
 * @module
 */

/** The bindings a compiled module imports, filled by {@link linkHelpers}. */
export interface LinkedHelpers {
  /** From the shared helpers module (Ajv's own helpers). */
  helpers: Set<string>;
  /** From the validation runtime (see {@link RUNTIME_HELPERS}). */
  runtime: Set<string>;
}

/**
 * Ajv's run-time helpers that its JSON Schema keywords use, by module under `ajv/dist/runtime/`:
 * the name the shared helpers module exports each under.
 */
export const AJV_HELPERS: Readonly<Record<string, string>> = {
  ucs2length: "ucs2length",
  validation_error: "AjvValidationError",
};

/**
 * Ajv's run-time helpers replaced by the validation runtime's own: `equal` (for `enum`, `const`
 * and `uniqueItems`) is fast-deep-equal, which reads `constructor` and `valueOf` through the
 * values it compares, so a JSON object with such a member is never equal to one (`constructor`)
 * or makes the validator throw (`valueOf`). `jsonEqual` compares own members only.
 * `duplicateItems` is the linear `uniqueItems` check (see unique-items.ts).
 */
export const RUNTIME_HELPERS: Readonly<Record<string, string>> = {
  equal: "jsonEqual",
  duplicateItems: "duplicateItems",
};

/**
 * Ajv's standalone code declares each helper it uses at the top level of its scope, on a line
 * of its own: `const func1 = require("ajv/dist/runtime/ucs2length").default;`. Such a line is
 * code, never the inside of a string (Ajv writes strings with JSON.stringify, so they hold no
 * line break), and becomes `const func1 = ucs2length;`, the binding imported from the helpers
 * module (or from the runtime, see {@link RUNTIME_HELPERS}). A helper not listed stays, and the
 * caller's `require(` check stops the run.
 */
export function linkHelpers(code: string, linked: LinkedHelpers): string {
  return code.replace(
    /^(const|var) (\w+) = require\("ajv\/dist\/runtime\/(\w+)"\)\.default;$/gm,
    (line, kind: string, name: string, helper: string) => {
      const own = (table: Readonly<Record<string, string>>) =>
        Object.hasOwn(table, helper) ? table[helper] : undefined;
      const runtime = own(RUNTIME_HELPERS);
      const binding = runtime ?? own(AJV_HELPERS);
      if (binding === undefined) return line;
      (runtime === undefined ? linked.helpers : linked.runtime).add(binding);
      return `${kind} ${name} = ${binding};`;
    },
  );
}
