/**
 * The options of every Ajv instance the validators are compiled with: pinned so that neither
 * Ajv's defaults nor a polluted Object.prototype change what the generated code accepts.
 *
 * @module
 */
import { Name, _ } from "ajv/dist/2020.js";
import { setOwn } from "../../load/pointer.js";
import { isLargeSpec } from "../../model/size.js";
import type { SpecModel } from "../../model/types.js";

/** Name under which a compiled module imports ajv-formats' `fullFormats`. */
export const FORMATS_BINDING = "fullFormats";

/**
 * How close to a whole number `value / multipleOf` must be (Ajv's `multipleOfPrecision`: 1e-6).
 * Ajv's tolerance is absolute, and a quotient's rounding error grows with it: 1234567.89 / 0.01
 * is off by 1.5e-8, so 1e-9 would still refuse that price. 1e-6 holds for quotients up to about
 * 1e9; it accepts a value within a millionth of a step of a multiple (0.070000001 for 0.01), which
 * lint's example check (@cfworker/json-schema, exact decimal arithmetic) refuses.
 */
const MULTIPLE_OF_PRECISION = 6;

/**
 * Ajv options (and code options) left unset, given as own `undefined` members (see
 * {@link AJV_OPTIONS}): Ajv copies its options with a spread and then reads an unset one through
 * Object.prototype, where a polluted key would be found.
 */
const UNSET_OPTIONS = [
  "$comment",
  "timestamp",
  "parseDate",
  "allowDate",
  "logger",
  "loadSchema",
  "keywords",
  "schemas",
  "formats",
  "defaultMeta",
  "next",
  "unevaluated",
  "dynamicRef",
  "jtd",
] as const;
const UNSET_CODE_OPTIONS = ["regExp"] as const;

/**
 * What Ajv evaluates of each function it compiles: a stand-in, not its code. Ajv hands every
 * function's code to the Function constructor to return a working validator, but this toolkit
 * only prints that code (standalone output, read from the `source` Ajv keeps beside it, which
 * this does not change) and never runs it here, so parsing it was wasted: about a sixth of
 * Ajv's compile time on a large spec. Ajv's `code.process` is its hook on that code.
 */
export function notEvaluated(): string {
  return 'return function notEvaluated() { throw new Error("specgen prints Ajv\'s code; it never runs it"); };';
}

/** `options` with an own `undefined` member for each of `unset` it does not set. */
function withUnset<T extends object>(options: T, unset: readonly string[]): T {
  const out = { ...options };
  for (const key of unset) {
    if (!Object.hasOwn(out, key)) {
      setOwn(out, key, undefined);
    }
  }
  return out;
}

/**
 * The Ajv options of every compile (exported so the benchmark's run-time compile uses the same).
 * Ajv reads an option it is not given through the object's prototype, so every option that
 * changes what a validator accepts or what code is emitted is set here (to its default where
 * that is what we want, see {@link UNSET_OPTIONS}): a key added to Object.prototype (prototype
 * pollution elsewhere in a build) cannot turn on `useDefaults`, `coerceTypes` or `$data` in the
 * generated validators.
 */
export const AJV_OPTIONS = withUnset(
  {
    // Strict mode stays on (an unknown keyword is an error); the annotation keywords a document
    // uses are left out of what Ajv compiles (see ANNOTATION_KEYS) or declared.
    strict: true,
    strictSchema: true,
    strictNumbers: true,
    // The strict checks that refuse legal, meaningful schemas are off; strictSchema (unknown
    // keywords, unknown formats) and strictNumbers stay on. strictTypes is about style: Matrix
    // schemas declare `properties` without `type: object` in allOf branches. strictRequired
    // refuses `required` naming a property declared elsewhere (another allOf branch: DigitalOcean's
    // API; or nowhere: "must have this key" needs no schema for it). strictTuples refuses
    // `prefixItems` without `minItems` and `items`, i.e. a tuple whose tail and length are open,
    // which is what JSON Schema means by it (29 groups of the JSON-Schema-Test-Suite).
    // allowMatchingProperties: a key that matches both `properties` and `patternProperties` must
    // satisfy both, as the spec says; Ajv only flags it in case one of them was a typo.
    strictTypes: false,
    strictRequired: false,
    strictTuples: false,
    allowMatchingProperties: true,
    // `required` and `properties` look at own properties only, so a value whose prototype
    // (e.g. via a `__proto__` key) carries a field never satisfies `required`.
    ownProperties: true,
    allErrors: true,
    // A `$ref` target is always its own function, so shared components are emitted once.
    inlineRefs: false,
    // No meta-schema pass: it compiles the 2020-12 meta-schema in every instance, ~10 ms each and
    // most of the emitter's time over the 120 client-server specs. The struct gate has checked the
    // documents, and Ajv still rejects a keyword value of the wrong type while compiling.
    validateSchema: false,
    // `multipleOf: 0.01` must accept 0.07 and 19.99, whose quotients by 0.01 are not whole numbers
    // in binary floating point (7.000000000000001, 1998.9999999999998): a quotient close enough
    // to a whole number counts as whole (see MULTIPLE_OF_PRECISION).
    multipleOfPrecision: MULTIPLE_OF_PRECISION,
    // Defaults pinned (see above): a validator only reads its value, never changes it, and the
    // emitted code depends on these options alone. (Ajv gives the options it always resolves,
    // such as `loopEnum`, values of its own.)
    useDefaults: false,
    coerceTypes: false,
    removeAdditional: false,
    $data: false,
    verbose: false,
    passContext: false,
    discriminator: false,
    allowUnionTypes: false,
    validateFormats: true,
  } as const,
  UNSET_OPTIONS,
);

/**
 * What a compile is for: `all` collects every problem (the raw `validateX`, and `assertX`, which
 * lists them); `first` is for `isX`, which only answers yes or no.
 */
export type CompileMode = "all" | "first";

/**
 * The `first` compile stops at the first problem: on the auth-metadata corpus, where most real
 * documents miss a field the spec requires, it runs three times as fast. (Inlining `$ref`s as
 * well gains another 4% there, and makes the compile a quarter larger.)
 */
export const FIRST_ERROR_OPTIONS = { allErrors: false } as const;

/**
 * Ajv's code options for one spec's compile. Standalone ESM; format functions come from the
 * shared formats module, imported under FORMATS_BINDING (ajv-formats would otherwise emit a
 * `require` of its own file). The `first` compile is CommonJS-shaped, to run inside a factory
 * (see compile.ts). One statement per line (`lines`), for reading and for linkHelpers. A large
 * spec skips Ajv's optimising pass (dropping unused names, folding constants): it is a quarter
 * of the compile time there, for a tenth of the code size.
 */
export function codeOptions(spec: SpecModel, mode: CompileMode) {
  return withUnset(
    {
      source: true,
      esm: mode === "all",
      lines: true,
      optimize: !isLargeSpec(spec),
      formats: _`${new Name(FORMATS_BINDING)}`,
      es5: false,
      process: notEvaluated,
    },
    UNSET_CODE_OPTIONS,
  );
}
