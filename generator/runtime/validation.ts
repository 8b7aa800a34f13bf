/**
 * Validation runtime shipped inside generated packages as `validators/runtime.js`.
 *
 * The generated validators are Ajv standalone functions; this module turns their raw
 * `errors` into a list of `{ pointer, message }` problems and defines the
 * {@link ValidationError} thrown by the generated `assertX` functions. It uses no Node
 * API, so it runs unchanged in Node >= 20 and in browsers.
 *
 * @module
 */
import { escapePointerToken } from "./pointer.js";

export { escapePointerToken };

/** One raw error as reported by an Ajv validate function (the fields this module reads). */
export interface AjvErrorObject {
  /** JSON pointer to the value that failed, e.g. `/response_types_supported/1`. */
  instancePath: string;
  /** The schema keyword that failed, e.g. `required`, `type`, `format`. */
  keyword: string;
  /** Keyword-specific details, e.g. `{ missingProperty: "issuer" }`. */
  params: Record<string, unknown>;
  /** Location of the keyword in the schema. */
  schemaPath: string;
  message?: string | undefined;
}

/**
 * A precompiled validate function: a type guard for `T` that, after a failed call, exposes the
 * reasons on `errors` (and resets it to `null` after a successful one).
 */
export interface ValidateFunction<T> {
  (value: unknown): value is T;
  errors?: AjvErrorObject[] | null | undefined;
}

/** One problem found in a value. */
export interface ValidationProblem {
  /** JSON pointer (RFC 6901) to the offending value; `""` is the value itself. */
  pointer: string;
  message: string;
}

/** How many problems a {@link ValidationError} message spells out before summarising. */
const MESSAGE_PROBLEMS = 10;

/** A pointer for display: the root (`""`) reads as `(root)`. */
export function displayPointer(pointer: string): string {
  return pointer === "" ? "(root)" : pointer;
}

function stringParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  return typeof value === "string" ? value : undefined;
}

/**
 * Converts Ajv errors into problems, in Ajv's order, without duplicates. Problems about a
 * member that is missing or not allowed point at that member (`/issuer is required`) rather
 * than at its parent object, so every pointer names what must change. A failed `contains`
 * is one problem: the per-item errors Ajv reports under it (every item that did not match)
 * are folded into its message, e.g. `must contain "code"`.
 */
export function problemsOf(errors: readonly AjvErrorObject[] | null | undefined): ValidationProblem[] {
  return problemSources(errors).map((p) => p.problem);
}

/**
 * The schema paths of the `contains` keywords that failed, each with the values its items had
 * to equal (`const` errors under it, or `""` for any other error): one pass over the errors, so
 * that an answer with many failed `contains` costs time linear in its errors, not quadratic.
 */
function failedContains(list: readonly AjvErrorObject[]): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  for (const e of list) if (e.keyword === "contains") wanted.set(e.schemaPath, new Set());
  if (!wanted.size) return wanted;
  for (const e of list) {
    const value = e.keyword === "const" ? JSON.stringify(e.params.allowedValue) : "";
    for (const at of containsAbove(e, wanted)) wanted.get(at)!.add(value);
  }
  return wanted;
}

/** The failed `contains` schema paths (keys of `failed`) that `error`'s schema path lies strictly below. */
function containsAbove(error: AjvErrorObject, failed: ReadonlyMap<string, unknown>): string[] {
  const found: string[] = [];
  const path = error.schemaPath;
  for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) {
    if (failed.has(path.slice(0, i))) found.push(path.slice(0, i));
  }
  return found;
}

/** {@link problemsOf}, each problem with the Ajv error it comes from (for tools that look at the schema path). */
export function problemSources(
  errors: readonly AjvErrorObject[] | null | undefined,
): Array<{ problem: ValidationProblem; error: AjvErrorObject }> {
  const list = errors ?? [];
  const contains = failedContains(list);
  const problems: Array<{ problem: ValidationProblem; error: AjvErrorObject }> = [];
  const seen = new Set<string>();
  for (const error of list) {
    if (contains.size && containsAbove(error, contains).length) continue;
    let pointer = error.instancePath;
    let message = error.message ?? `fails the "${error.keyword}" keyword`;
    const params = error.params ?? {};
    const missing = stringParam(params, "missingProperty");
    const extra = stringParam(params, "additionalProperty") ?? stringParam(params, "unevaluatedProperty");
    if ((error.keyword === "required" || error.keyword === "dependentRequired") && missing !== undefined) {
      pointer = `${pointer}/${escapePointerToken(missing)}`;
      const property = stringParam(params, "property");
      message =
        error.keyword === "required" ? "is required" : `is required when ${JSON.stringify(property ?? "")} is present`;
    } else if (
      (error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties") &&
      extra !== undefined
    ) {
      pointer = `${pointer}/${escapePointerToken(extra)}`;
      message = "is not allowed here";
    } else if (error.keyword === "contains") {
      const wanted = contains.get(error.schemaPath)!;
      const only = wanted.size === 1 ? [...wanted][0] : undefined;
      if (only) message = `must contain ${only}`;
    }
    const key = `${pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ problem: { pointer, message }, error });
  }
  return problems;
}

/** `pointer message` lines for people, e.g. `/issuer must match format "uri"`. */
export function formatProblems(problems: readonly ValidationProblem[]): string[] {
  return problems.map((p) => `${displayPointer(p.pointer)} ${p.message}`);
}

/**
 * Whether two JSON values are equal: the generated validators' `enum`, `const` and `uniqueItems`
 * check, in place of Ajv's helper (fast-deep-equal). That one reads `constructor`, `valueOf` and
 * `toString` through the values, so a parsed JSON object with an own member of such a name is
 * never equal to an allowed value (`constructor`), or throws (`valueOf`: not a function). Here
 * only own members count, as in JSON; written by hand because no small library compares plain
 * JSON data this way. A value nested past the call stack throws a RangeError (see tooDeep).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const own = (o: object, k: string) => Object.hasOwn(o, k);
  const member = (o: object, k: string) => (o as Record<string, unknown>)[k];
  return keys.every((k) => own(b, k) && jsonEqual(member(a, k), member(b, k)));
}

/**
 * A JSON value's text with every object's own keys sorted: two values are equal as JSON exactly when their texts are.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const members = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * The indices `[j, i]` (j < i) of the first item equal, as JSON, to an earlier one, or
 * undefined: `uniqueItems` in time linear in the size of the list (see emit/unique-items.ts).
 */
export function duplicateItems(items: readonly unknown[]): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const key = canonicalJson(items[i]);
    const j = seen.get(key);
    if (j !== undefined) return [j, i];
    seen.set(key, i);
  }
  return undefined;
}

/**
 * For a validator that threw: a value nested deeper than the call stack allows (only a recursive
 * schema recurses with the value) is reported as one problem at the root; any other error is
 * rethrown. Used by the generated `isX` (too deep → `false`) and `assertX` functions.
 */
export function tooDeep(error: unknown): AjvErrorObject[] {
  // V8 and JavaScriptCore throw RangeError on stack overflow, SpiderMonkey InternalError.
  if (!(error instanceof RangeError) && !(error instanceof Error && error.name === "InternalError")) throw error;
  return [
    { instancePath: "", keyword: "depth", params: {}, schemaPath: "#", message: "is nested too deeply to validate" },
  ];
}

/**
 * The generated `isX`: whether `validate` accepts `value`. It never throws for a value: one nested
 * past the call stack (recursive schemas only) is invalid.
 */
export function guard<T>(validate: ValidateFunction<T>): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    try {
      return validate(value);
    } catch (error) {
      tooDeep(error);
      return false;
    }
  };
}

/** The generated `assertX`: throws a {@link ValidationError} naming `schema` unless `validate` accepts `value`. */
export function asserter<T>(schema: string, validate: ValidateFunction<T>): (value: unknown) => asserts value is T {
  return (value: unknown): asserts value is T => {
    let errors: AjvErrorObject[] | null | undefined;
    try {
      if (validate(value)) return;
      errors = validate.errors;
    } catch (error) {
      errors = tooDeep(error);
    }
    throw new ValidationError(schema, errors);
  };
}

/** Thrown by the generated `assertX` functions; `errors` lists every problem found. */
export class ValidationError extends Error {
  override name = "ValidationError";
  /** Every problem, each with the JSON pointer of the offending value. */
  readonly errors: readonly ValidationProblem[];
  /** Name of the schema (generated type) the value was checked against. */
  readonly schema: string;

  constructor(schema: string, errors: readonly AjvErrorObject[] | null | undefined) {
    const problems = problemsOf(errors);
    const shown = formatProblems(problems.slice(0, MESSAGE_PROBLEMS));
    const more = problems.length > MESSAGE_PROBLEMS ? `; … and ${problems.length - MESSAGE_PROBLEMS} more` : "";
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`value is not a valid ${schema} (${count}): ${shown.join("; ")}${more}`);
    this.schema = schema;
    this.errors = Object.freeze(problems);
  }
}
