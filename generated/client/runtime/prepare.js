/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * What a call of an operation with a request body or header parameters sends. Generated
 * descriptors name {@link prepareRequest} as their `prepare`, so a bundle without such operations
 * leaves this module out.
 *
 * @module
 */
import { own } from "./own.js";
import { paramText } from "./params.js";
/** Header parameters in the default style: arrays comma-joined, null and undefined left out. */
function defaultHeaderParams(op, params) {
    const headers = {};
    for (const name of op.header ?? []) {
        const value = own(params, name);
        if (value === null || value === undefined)
            continue;
        const values = Array.isArray(value) ? value : [value];
        headers[name] = values.map((item) => paramText(name, item)).join(",");
    }
    return headers;
}
/** The header parameters of a call: the operation's `serialize` gives them (and their names on the wire), if any. */
function headerParams(op, params) {
    if (!op.serialize)
        return defaultHeaderParams(op, params);
    return { ...op.serialize(op, params).headers };
}
/**
 * The header parameters, then the call's own headers, as one record: a call's header replaces a
 * parameter's of the same name in any case (`X-Id` and `x-id` are one header, never sent twice).
 */
function callHeaders(fromParams, call = {}) {
    const headers = { ...fromParams };
    for (const [name, value] of Object.entries(call)) {
        for (const prior of Object.keys(headers))
            if (prior.toLowerCase() === name.toLowerCase())
                delete headers[prior];
        Object.defineProperty(headers, name, { value, enumerable: true, writable: true, configurable: true });
    }
    return headers;
}
/** Whether the client's or the call's headers set a Content-Type (names compared case-insensitively). */
function setsContentType(...headers) {
    const names = headers.flatMap((record) => Object.keys(record ?? {}));
    return names.some((name) => name.toLowerCase() === "content-type");
}
/**
 * The `init` a call sends for an operation with a request body or header
 * parameters (generated descriptors name it as their `prepare`, so a bundle
 * without such operations leaves it out): `init.headers` after the header
 * parameters from `params` (arrays comma-joined), and `init.body`
 * JSON-encoded for a `json` operation (otherwise sent as given), declared with
 * the operation's `bodyType` unless the call's or client's headers set a
 * Content-Type.
 */
export function prepareRequest(c, op, params = {}, init = {}) {
    const headers = callHeaders(headerParams(op, params), init.headers);
    const { body } = init;
    if (body === undefined)
        return { ...init, headers };
    if (op.bodyType && !setsContentType(c.headers, headers))
        headers["content-type"] = op.bodyType;
    const sent = op.json ? JSON.stringify(body) : body;
    // fetch sends a stream only when told that the answer may wait for its end ("half" duplex)
    if (body instanceof ReadableStream)
        return { ...init, headers, body: sent, duplex: "half" };
    return { ...init, headers, body: sent };
}
