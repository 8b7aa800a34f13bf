/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Which origin an operation is sent to: the client's `baseUrl` (the spec's document-level
 * servers), or the operation's own server of another origin, which the client may map elsewhere.
 *
 * @module
 */
import { own } from "./own.js";
/** The URL an operation's `base` and path are added to (a trailing `/` not yet removed). */
export function operationOrigin(client, op) {
    if (!op.server)
        return client.baseUrl;
    const mapped = own(client.servers, op.server);
    return mapped ?? op.server;
}
