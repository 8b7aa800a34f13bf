/**
 * The headers a call sends and the headers of its answer, as plain records.
 *
 * @module
 */
import type { CallOptions, ClientOptions } from "./types.js";

/** `headers` with each of `over` set (replacing a header of the same name, compared case-insensitively). */
function setAll(headers: Headers, over: HeadersInit | undefined): Headers {
  new Headers(over).forEach((value, name) => {
    headers.set(name, value);
  });
  return headers;
}

/**
 * The headers of a call: the client's, then the call's (names compared case-insensitively), then
 * `conditions` (those of a revalidation).
 */
export function requestHeaders(c: ClientOptions, sent: CallOptions, conditions?: Record<string, string>): Headers {
  return setAll(setAll(new Headers(c.headers), sent.headers), conditions);
}

/** An answer's headers: lower-cased names; a repeated header is one comma-joined value (set-cookie: the last). */
export function responseHeaders(res: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}
