/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { Operation, ParamPlace, ParamStyle, Params, SerializedParams } from "./types.js";
/**
 * Serializes one parameter as OpenAPI's `style`, `explode` and `allowReserved` say, for every
 * style of the OpenAPI 3.1 table: arrays and objects (of scalars) included. Returns the text that
 * replaces `{name}` in a path, the `name=...` part(s) of a query (RFC 3986 percent-encoding,
 * `""` to leave the parameter out) or a header's value (see {@link serializeParams}).
 *
 * @throws TypeError for a nested object or array, or a lone surrogate.
 */
export declare function serializeParam(place: ParamPlace, name: string, value: unknown, style?: ParamStyle): string;
/**
 * The path, query, header and cookie parameters of a call serialized as the operation's `styles`
 * say (see {@link serializeParam}; cookies as query parameters are, in a `Cookie` header).
 * Generated descriptors of operations with object, path array, cookie or non-default style
 * parameters name it as their `serialize`, so other bundles leave it out.
 */
export declare function serializeParams(op: Operation, params: Params): SerializedParams;
