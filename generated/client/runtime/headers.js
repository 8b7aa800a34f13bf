/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/** `headers` with each of `over` set (replacing a header of the same name, compared case-insensitively). */
function setAll(headers, over) {
    new Headers(over).forEach((value, name) => {
        headers.set(name, value);
    });
    return headers;
}
/**
 * The headers of a call: the client's, then the call's (names compared case-insensitively), then
 * `conditions` (those of a revalidation).
 */
export function requestHeaders(c, sent, conditions) {
    return setAll(setAll(new Headers(c.headers), sent.headers), conditions);
}
/** An answer's headers: lower-cased names; a repeated header is one comma-joined value (set-cookie: the last). */
export function responseHeaders(res) {
    const headers = {};
    res.headers.forEach((value, name) => {
        headers[name] = value;
    });
    return headers;
}
