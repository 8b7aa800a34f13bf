/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * The errors a call rejects with: {@link HttpError} for a failure status (or an unreadable body,
 * or a refused redirect), {@link MatrixError} for a failure with a Matrix error body, and
 * {@link ResponseValidationError} for a body that does not match its declared schema.
 *
 * @module
 */
import { own } from "./own.js";
/** How much of a body an {@link HttpError} keeps. */
const EXCERPT_LENGTH = 200;
/**
 * Non-2xx answer, unreadable body or refused redirect, without a Matrix error body. For a status
 * the spec declares with a JSON body, `data` has passed that body's validator; a generated
 * `is<Op>Error` guard narrows `status` and `data` to the operation's declared errors.
 */
export class HttpError extends Error {
    name = "HttpError";
    /**
     * @param body response body or Location, cut to 200 characters
     * @param reason appended to the message `HTTP <status>`
     */
    constructor(status, body = "", reason = "", data) {
        super(reason ? `HTTP ${status}: ${reason}` : `HTTP ${status}`);
        this.status = status;
        this.body = body.slice(0, EXCERPT_LENGTH);
        this.data = data;
    }
}
/**
 * Non-2xx answer with a Matrix error body: an object whose `errcode` is a string. Its `error`
 * is the body's `error` when that is a string, otherwise `""` (clients branch on `errcode`,
 * so a server's malformed message does not hide it).
 */
export class MatrixError extends Error {
    name = "MatrixError";
    constructor(status, errcode, error, data) {
        super(`${errcode}: ${error}`);
        this.status = status;
        this.errcode = errcode;
        this.error = error;
        this.data = data;
    }
}
/**
 * The response body does not match the schema declared for its status, or could not be checked
 * (a validator that throws, e.g. a RangeError on a deeply nested body, is reported here).
 */
export class ResponseValidationError extends Error {
    name = "ResponseValidationError";
    constructor(status, errors) {
        super(`HTTP ${status}: invalid body`);
        this.status = status;
        this.errors = errors;
    }
}
/**
 * The error a non-2xx answer is thrown as: MatrixError when its body's `errcode` is a string,
 * otherwise HttpError with an excerpt of the body's text.
 */
export function failureError(status, text, data, reason = "") {
    const errcode = own(data, "errcode");
    if (typeof errcode !== "string")
        return new HttpError(status, text, reason, data);
    const error = own(data, "error");
    return new MatrixError(status, errcode, typeof error === "string" ? error : "", data);
}
