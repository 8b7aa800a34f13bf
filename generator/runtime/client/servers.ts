/**
 * Which origin an operation is sent to: the client's `baseUrl` (the spec's document-level
 * servers), or the operation's own server of another origin, which the client may map elsewhere.
 *
 * @module
 */
import { own } from "./own.js";
import type { ClientOptions, Operation } from "./types.js";

/** The URL an operation's `base` and path are added to (a trailing `/` not yet removed). */
export function operationOrigin(client: Pick<ClientOptions, "baseUrl" | "servers">, op: Operation): string {
  if (!op.server) return client.baseUrl;
  const mapped = own(client.servers, op.server) as string | undefined;
  return mapped ?? op.server;
}
