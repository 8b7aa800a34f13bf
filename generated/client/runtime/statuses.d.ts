/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * The keys an answer's status is declared under, most specific first: itself, then (but for a
 * 2xx, whose range and `default` describe no typed answer) its range (`4XX`) and `default`.
 * Descriptors of operations with range or `default` error bodies name it as their `statuses`, so
 * other bundles leave it out.
 */
export declare function statusKeys(status: number): (number | string)[];
/**
 * Whether `error` is the {@link HttpError} or {@link MatrixError} of one of `statuses`: generated
 * `is<Op>Error` guards call it with an operation's error statuses, ranges (`"4XX"`) and
 * `"default"` (any status but 2xx) declared with a JSON body, and those declared without one
 * (`untyped`), which a broader key does not cover: the most specific declared key decides. An
 * error without `data` (its body was empty or not JSON) is not narrowed: its type promises the
 * declared body.
 */
export declare function isStatusError(error: unknown, statuses: readonly (number | string)[], untyped?: readonly (number | string)[]): boolean;
