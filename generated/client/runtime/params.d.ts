/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { Operation, Params, SerializedParams } from "./types.js";
/**
 * A parameter value as text. A lone surrogate is a TypeError naming the parameter, rather than
 * encodeURIComponent's URIError or URLSearchParams' silent U+FFFD.
 */
export declare function paramText(name: string, value: unknown): string;
/** `text` as the path segment of path parameter `name`, refused when a URL would drop it. */
export declare function pathSegment(name: string, text: string): string;
/** `template` with each `{name}` replaced by what `fill` makes of `name`. */
export declare function fillPath(template: string, fill: (name: string) => string): string;
/** The path (parameters percent-encoded) and query of a call, for operations without a `serialize`. */
export declare function defaultParams(op: Operation, params: Params): SerializedParams;
