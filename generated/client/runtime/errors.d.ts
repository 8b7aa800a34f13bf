/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Non-2xx answer, unreadable body or refused redirect, without a Matrix error body. For a status
 * the spec declares with a JSON body, `data` has passed that body's validator; a generated
 * `is<Op>Error` guard narrows `status` and `data` to the operation's declared errors.
 */
export declare class HttpError extends Error {
    name: string;
    readonly status: number;
    /** Excerpt (first 200 characters) of the body, or the refused `Location`. */
    readonly body: string;
    /** The parsed JSON body of a failure status; undefined when it has none or it is not JSON. */
    readonly data: unknown;
    /**
     * @param body response body or Location, cut to 200 characters
     * @param reason appended to the message `HTTP <status>`
     */
    constructor(status: number, body?: string, reason?: string, data?: unknown);
}
/**
 * Non-2xx answer with a Matrix error body: an object whose `errcode` is a string. Its `error`
 * is the body's `error` when that is a string, otherwise `""` (clients branch on `errcode`,
 * so a server's malformed message does not hide it).
 */
export declare class MatrixError extends Error {
    name: string;
    readonly status: number;
    readonly errcode: string;
    readonly error: string;
    /** The whole parsed body (e.g. for `retry_after_ms`). */
    readonly data: unknown;
    constructor(status: number, errcode: string, error: string, data: unknown);
}
/** One problem found in a response body: a JSON pointer into it and a message. */
export interface BodyProblem {
    pointer: string;
    message: string;
}
/**
 * The response body does not match the schema declared for its status, or could not be checked
 * (a validator that throws, e.g. a RangeError on a deeply nested body, is reported here).
 */
export declare class ResponseValidationError extends Error {
    name: string;
    readonly status: number;
    /** JSON pointers into the body and messages, from the validator. */
    readonly errors: BodyProblem[];
    constructor(status: number, errors: BodyProblem[]);
}
/**
 * The error a non-2xx answer is thrown as: MatrixError when its body's `errcode` is a string,
 * otherwise HttpError with an excerpt of the body's text.
 */
export declare function failureError(status: number, text: string, data: unknown, reason?: string): Error;
