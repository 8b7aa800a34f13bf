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
  override name = "HttpError";
  declare readonly status: number;
  /** Excerpt (first 200 characters) of the body, or the refused `Location`. */
  declare readonly body: string;
  /** The parsed JSON body of a failure status; undefined when it has none or it is not JSON. */
  declare readonly data: unknown;
  /**
   * @param body response body or Location, cut to 200 characters
   * @param reason appended to the message `HTTP <status>`
   */
  constructor(status: number, body = "", reason = "", data?: unknown) {
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
  override name = "MatrixError";
  declare readonly status: number;
  declare readonly errcode: string;
  declare readonly error: string;
  /** The whole parsed body (e.g. for `retry_after_ms`). */
  declare readonly data: unknown;
  constructor(status: number, errcode: string, error: string, data: unknown) {
    super(`${errcode}: ${error}`);
    this.status = status;
    this.errcode = errcode;
    this.error = error;
    this.data = data;
  }
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
export class ResponseValidationError extends Error {
  override name = "ResponseValidationError";
  declare readonly status: number;
  /** JSON pointers into the body and messages, from the validator. */
  declare readonly errors: BodyProblem[];
  constructor(status: number, errors: BodyProblem[]) {
    super(`HTTP ${status}: invalid body`);
    this.status = status;
    this.errors = errors;
  }
}

/**
 * The error a non-2xx answer is thrown as: MatrixError when its body's `errcode` is a string,
 * otherwise HttpError with an excerpt of the body's text.
 */
export function failureError(status: number, text: string, data: unknown, reason = ""): Error {
  const errcode = own(data, "errcode");
  if (typeof errcode !== "string") return new HttpError(status, text, reason, data);
  const error = own(data, "error");
  return new MatrixError(status, errcode, typeof error === "string" ? error : "", data);
}
