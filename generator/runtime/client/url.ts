/**
 * The URL of one call of an operation.
 *
 * @module
 */
import { defaultParams } from "./params.js";
import { operationOrigin } from "./servers.js";
import type { ClientOptions, Operation, Params } from "./types.js";

/** The slashes that end a base URL, dropped before the operation's path is added. */
const TRAILING_SLASHES = /\/+$/;

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
export function buildUrl(
  client: Pick<ClientOptions, "baseUrl" | "servers">,
  op: Operation,
  params: Params = {},
): string {
  const serialize = op.serialize ?? defaultParams;
  const { path, query } = serialize(op, params);
  const origin = operationOrigin(client, op).replace(TRAILING_SLASHES, "");
  const search = query ? `?${query}` : "";
  return origin + (op.base ?? "") + path + search;
}
