/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Parameters in their default styles, the only ones most operations use: a path parameter as one
 * percent-encoded segment, query parameters as `form` (arrays repeated). Operations with other
 * styles name `serializeParams` (the styles module) in their descriptor instead.
 *
 * @module
 */
import { own } from "./own.js";
/** A path template's `{name}` placeholders. */
const PLACEHOLDER = /{(.+?)}/g;
/** A lone surrogate, which no UTF-8 URL or header can carry. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * A parameter value as text. A lone surrogate is a TypeError naming the parameter, rather than
 * encodeURIComponent's URIError or URLSearchParams' silent U+FFFD.
 */
export function paramText(name, value) {
    const text = String(value);
    if (LONE_SURROGATE.test(text))
        throw new TypeError(`Bad param ${name}: lone surrogate`);
    return text;
}
/** `text` as the path segment of path parameter `name`, refused when a URL would drop it. */
export function pathSegment(name, text) {
    // No encoding of "." or ".." survives WHATWG URL normalisation, which would remove the segment.
    if (text === "" || text === "." || text === "..")
        throw new TypeError(`Bad path param ${name}`);
    return text;
}
/** `template` with each `{name}` replaced by what `fill` makes of `name`. */
export function fillPath(template, fill) {
    return template.replace(PLACEHOLDER, (_placeholder, name) => fill(name));
}
/** The value of a call's parameter as a list: an array's items, or the value alone. */
function valuesOf(params, name) {
    const value = own(params, name);
    return Array.isArray(value) ? value : [value];
}
/** The query string (without `?`): form style, arrays repeated, null/undefined omitted. */
function defaultQuery(op, params) {
    const query = new URLSearchParams();
    for (const name of op.query ?? []) {
        for (const value of valuesOf(params, name)) {
            if (value !== null && value !== undefined)
                query.append(name, paramText(name, value));
        }
    }
    return query.toString();
}
/** A path parameter in the default style: its text, percent-encoded; a missing one is refused. */
function defaultSegment(params, name) {
    const value = own(params, name);
    const text = value === null || value === undefined ? "" : paramText(name, value);
    return pathSegment(name, encodeURIComponent(text));
}
/** The path (parameters percent-encoded) and query of a call, for operations without a `serialize`. */
export function defaultParams(op, params) {
    const path = fillPath(op.path, (name) => defaultSegment(params, name));
    return { path, query: defaultQuery(op, params) };
}
