/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { ClientOptions, Operation, Params } from "./types.js";
/**
 * Absolute URL of an operation: `baseUrl` (or `op.server`, or what the client's
 * `servers` maps it to) + `op.base` + `op.path` with the path parameters
 * filled in (encodeURIComponent) and the query appended (form style, arrays
 * repeated, null/undefined omitted), unless the operation's `serialize` says otherwise.
 * For redirect operations this is the URL a browser should navigate to. Only the params'
 * own properties are read.
 *
 * @throws TypeError if a path parameter is missing, empty, `.` or `..`, or a
 *   parameter holds a lone surrogate.
 */
export declare function buildUrl(client: Pick<ClientOptions, "baseUrl" | "servers">, op: Operation, params?: Params): string;
