/**
 * How an answer's status finds what the spec declares for it: the exact status, then (for a
 * failure) its range and `default`. Only descriptors that declare ranges or `default`, and
 * generated error guards, name these functions, so other bundles leave them out.
 *
 * @module
 */
import { HttpError, MatrixError } from "./errors.js";

/**
 * The keys an answer's status is declared under, most specific first: itself, then (but for a
 * 2xx, whose range and `default` describe no typed answer) its range (`4XX`) and `default`.
 * Descriptors of operations with range or `default` error bodies name it as their `statuses`, so
 * other bundles leave it out.
 */
export function statusKeys(status: number): (number | string)[] {
  const range = `${Math.floor(status / 100)}XX`;
  if (range === "2XX") return [status];
  return [status, range, "default"];
}

/**
 * Whether `error` is the {@link HttpError} or {@link MatrixError} of one of `statuses`: generated
 * `is<Op>Error` guards call it with an operation's error statuses, ranges (`"4XX"`) and
 * `"default"` (any status but 2xx) declared with a JSON body, and those declared without one
 * (`untyped`), which a broader key does not cover: the most specific declared key decides. An
 * error without `data` (its body was empty or not JSON) is not narrowed: its type promises the
 * declared body.
 */
export function isStatusError(
  error: unknown,
  statuses: readonly (number | string)[],
  untyped: readonly (number | string)[] = [],
): boolean {
  if (!(error instanceof HttpError || error instanceof MatrixError)) return false;
  if (error.data === undefined) return false;
  const declared = statusKeys(error.status).find((key) => statuses.includes(key) || untyped.includes(key));
  return declared !== undefined && statuses.includes(declared);
}
