/**
 * Parameters serialized as OpenAPI's `style`, `explode` and `allowReserved` say, for every style
 * of the OpenAPI 3.1 table (RFC 6570 for path and header parameters). Descriptors of operations
 * with object, path array, cookie, renamed or non-default style parameters name
 * {@link serializeParams}, so bundles without such operations leave this module out.
 *
 * @module
 */
import { own } from "./own.js";
import { fillPath, paramText, pathSegment } from "./params.js";
import type { Operation, ParamPlace, ParamStyle, Params, SerializedParams } from "./types.js";

/** A key and its text: an object's member, or an array item or a scalar (key `""`). */
type Member = [key: string, text: string];

/** Characters encodeURIComponent leaves as they are but RFC 3986 reserves: `!'()*`. */
const SUB_DELIMS_KEPT = /[!'()*]/g;
/**
 * The escapes an `allowReserved` value keeps as characters: `%21` `%24` `%28` `%29` `%2A`
 * `%2C` `%2F` `%3A` `%3B` `%3F` `%40` (`!`, `$`, `(`, `)`, `*`, `,`, `/`, `:`, `;`, `?`, `@`),
 * and a `%` that starts an escape of its own (`%25` before two hex digits).
 */
const RESERVED_ESCAPES = /%(2[1489ACF]|3[ABF]|40)|%25(?=[0-9A-Fa-f]{2})/g;
/** The separator of a non-exploded query array or object, by style (`form`: a comma). */
const QUERY_SEPARATORS: Readonly<Record<string, string>> = { spaceDelimited: "%20", pipeDelimited: "|" };
/** What starts a path parameter's text, and each exploded item's, by style (`simple`: nothing). */
const PATH_PREFIXES: Readonly<Record<string, string>> = { label: ".", matrix: ";" };

/** `c` as a percent-escape with upper-case hex digits. */
function percentEscape(c: string): string {
  return `%${c.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * Percent-encodes all but RFC 3986's unreserved characters. With `reserved` (a query value
 * with `allowReserved`), `:/?@!$()*,;` and existing `%XX` escapes stay as they are; `[]#&=+`
 * (and `'`, which fetch would encode anyway) are still encoded, since they would change what
 * the query says.
 */
function escapeParam(text: string, reserved = false): string {
  const strict = encodeURIComponent(text).replace(SUB_DELIMS_KEPT, percentEscape);
  if (!reserved) return strict;
  return strict.replace(RESERVED_ESCAPES, (sequence) => decodeURIComponent(sequence));
}

/** Whether a (non-null) parameter value is an object, not an array or a scalar. */
function isObject(value: unknown): boolean {
  return typeof value === "object" && !Array.isArray(value);
}

/** The members of a parameter value as [key, text] pairs (key "" for array items and scalars), nulls left out. */
function members(name: string, value: unknown): Member[] {
  let entries: Array<[string, unknown]>;
  if (Array.isArray(value)) entries = value.map((item) => ["", item]);
  else if (value !== null && typeof value === "object") entries = Object.entries(value);
  else entries = [["", value]];
  const present = entries.filter(([, item]) => item !== null && item !== undefined);
  return present.map(([key, item]) => {
    // OpenAPI defines no serialization of a nested value: refuse it rather than send "[object Object]".
    if (typeof item === "object") throw new TypeError(`Bad param ${name}: nested value`);
    return [key, paramText(name, item)];
  });
}

/** A query parameter: `form` (default), `spaceDelimited`, `pipeDelimited` or `deepObject`. */
function queryParam(name: string, value: unknown, style: ParamStyle): string {
  const kind = style.style ?? "form";
  const explode = style.explode ?? kind === "form";
  const object = isObject(value);
  const pairs = members(name, value);
  const text = (part: string) => escapeParam(part, style.allowReserved);
  let fields: string[];
  if (object && kind === "deepObject") fields = pairs.map(([k, v]) => `${escapeParam(`${name}[${k}]`)}=${text(v)}`);
  else if (object && explode) fields = pairs.map(([k, v]) => `${escapeParam(k)}=${text(v)}`);
  else if (explode || pairs.length === 0) fields = pairs.map(([, v]) => `${escapeParam(name)}=${text(v)}`);
  else {
    const items = pairs.flatMap(([k, v]) => (object ? [escapeParam(k), text(v)] : [text(v)]));
    fields = [`${escapeParam(name)}=${items.join(QUERY_SEPARATORS[kind] ?? ",")}`];
  }
  return fields.join("&");
}

/**
 * A path (`simple` default, `label`, `matrix`) or header (`simple`) parameter, RFC 6570 style:
 * `blue,black`, `.blue.black`, `;color=blue;color=black`, `R=100,G=200`... Header values are
 * not percent-encoded.
 */
function pathParam(place: ParamPlace, name: string, value: unknown, style: ParamStyle): string {
  const kind = style.style ?? "simple";
  const explode = style.explode ?? false;
  const object = isObject(value);
  const pairs = members(name, value);
  const text = (part: string) => (place === "header" ? part : escapeParam(part));
  // matrix: `;name=value`, or `;name` for an empty value
  const named = (key: string, encoded: string) =>
    kind === "matrix" && encoded === "" ? text(key) : `${text(key)}=${encoded}`;
  const prefix = PATH_PREFIXES[kind] ?? "";
  let parts: string[];
  if (object && explode) parts = pairs.map(([k, v]) => named(k, text(v)));
  else if (explode) parts = pairs.map(([, v]) => (kind === "matrix" ? named(name, text(v)) : text(v)));
  else {
    const list = pairs.flatMap(([k, v]) => (object ? [text(k), text(v)] : [text(v)])).join(",");
    parts = [kind === "matrix" ? named(name, list) : list];
  }
  const separator = explode && kind !== "simple" ? prefix : ",";
  return prefix + parts.join(separator);
}

/**
 * Serializes one parameter as OpenAPI's `style`, `explode` and `allowReserved` say, for every
 * style of the OpenAPI 3.1 table: arrays and objects (of scalars) included. Returns the text that
 * replaces `{name}` in a path, the `name=...` part(s) of a query (RFC 3986 percent-encoding,
 * `""` to leave the parameter out) or a header's value (see {@link serializeParams}).
 *
 * @throws TypeError for a nested object or array, or a lone surrogate.
 */
export function serializeParam(place: ParamPlace, name: string, value: unknown, style: ParamStyle = {}): string {
  if (value === null || value === undefined) return "";
  if (place === "query") return queryParam(name, value, style);
  return pathParam(place, name, value, style);
}

/** The name on the wire of the parameter a call's params hold under `key`. */
function wireName(op: Operation, key: string): string {
  return (own(op.wire, key) as string | undefined) ?? key;
}

/** Serializes the parameter a call's params hold under `key`, as the operation's `styles` say. */
function serializer(op: Operation, params: Params): (place: ParamPlace, key: string) => string {
  return (place, key) => {
    const style = own(op.styles, key) as ParamStyle | undefined;
    return serializeParam(place, wireName(op, key), own(params, key), style);
  };
}

/** The header parameters present in `params`, by their names on the wire, and the cookies in one `Cookie`. */
function headerParams(op: Operation, params: Params): Record<string, string> {
  const text = serializer(op, params);
  const headers: Record<string, string> = {};
  for (const key of op.header ?? []) {
    const value = own(params, key);
    if (value !== null && value !== undefined) headers[wireName(op, key)] = text("header", key);
  }
  // A cookie is `form` style, as a query parameter is (`name=value`), one `; ` between cookies (RFC 6265)
  const cookies = (op.cookie ?? []).map((key) => text("query", key)).filter((cookie) => cookie !== "");
  if (cookies.length > 0) headers.cookie = cookies.join("; ");
  return headers;
}

/**
 * The path, query, header and cookie parameters of a call serialized as the operation's `styles`
 * say (see {@link serializeParam}; cookies as query parameters are, in a `Cookie` header).
 * Generated descriptors of operations with object, path array, cookie or non-default style
 * parameters name it as their `serialize`, so other bundles leave it out.
 */
export function serializeParams(op: Operation, params: Params): SerializedParams {
  const text = serializer(op, params);
  const path = fillPath(op.path, (name) => pathSegment(name, text("path", name)));
  const fields = (op.query ?? []).map((key) => text("query", key));
  const query = fields.filter((field) => field !== "").join("&");
  return { path, query, headers: headerParams(op, params) };
}
