/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
import type { ClientOptions, Operation } from "./types.js";
/** The URL an operation's `base` and path are added to (a trailing `/` not yet removed). */
export declare function operationOrigin(client: Pick<ClientOptions, "baseUrl" | "servers">, op: Operation): string;
