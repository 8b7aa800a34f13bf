/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Client runtime shipped inside generated packages and called by the generated
 * fetch stubs. Runs unchanged in Node >= 20 and browsers: it only uses the
 * standard `fetch`, `URL`, `URLSearchParams`, `Headers`, `AbortSignal` and
 * `Blob` globals. Everything is a plain exported function, one concept per module
 * (the list below), so bundlers can drop what a package does not use.
 *
 * Calling convention for generated code: one constant {@link Operation}
 * descriptor per operation, and one exported function per operation that
 * forwards to the request flow it needs: {@link send} (JSON endpoints),
 * {@link sendCached} (`cache: true`), {@link sendNoFollow} (3xx endpoints fetched
 * without following), or {@link buildUrl} (URL for a browser to navigate to).
 * {@link request} picks among the three from the descriptor, for hand-written ones.
 * specgen's `test/runtime/example-stub.ts` is a complete example.
 *
 * @example
 * ```ts
 * import { buildUrl, createClient, sendCached, sendNoFollow } from "./runtime.js";
 * import type { CallOptions, Client, Operation, RedirectResult, Result } from "./runtime.js";
 * import { isGetAuthMetadataResponse, type GetAuthMetadataResponse } from "./validators.js";
 * export { createClient };
 * const getAuthMetadataOp: Operation = {
 *   method: "GET", base: "/_matrix/client/v1", path: "/auth_metadata",
 *   cache: true, validate: { 200: isGetAuthMetadataResponse },
 * };
 * const redirectToIdPOp: Operation = {
 *   method: "GET", base: "/_matrix/client/v3", path: "/login/sso/redirect/{idpId}",
 *   query: ["redirectUrl"], redirect: true,
 * };
 * export const getAuthMetadata = (client: Client, init?: CallOptions) =>
 *   sendCached<Result<GetAuthMetadataResponse>>(client, getAuthMetadataOp, {}, init);
 * export const redirectToIdP = (client: Client, params: { idpId: string; redirectUrl: string }, init?: CallOptions) =>
 *   sendNoFollow<RedirectResult<{ location?: string }>>(client, redirectToIdPOp, params, init);
 * export const redirectToIdPUrl = (client: Client, params: { idpId: string; redirectUrl: string }) =>
 *   buildUrl(client, redirectToIdPOp, params);
 * // user code
 * const client = createClient({ baseUrl: "https://matrix.example.org" });
 * const { data } = await getAuthMetadata(client, { signal: AbortSignal.timeout(10_000) });
 * location.assign(redirectToIdPUrl(client, { idpId: "oidc-github", redirectUrl: location.href }));
 * ```
 *
 * @module
 */
export type { Cache, CacheEntry, CallOptions, ClientOptions, Operation, ParamPlace, ParamStyle, Params, RedirectResult, Result, SendOptions, SerializedParams, Validator, ValidatorError, } from "./runtime/types.js";
export { type Client, createClient } from "./runtime/client.js";
export { createMemoryCache } from "./runtime/memory-cache.js";
export { type Hooks, withHooks } from "./runtime/hooks.js";
export { type BodyProblem, HttpError, MatrixError, ResponseValidationError } from "./runtime/errors.js";
export { isStatusError, statusKeys } from "./runtime/statuses.js";
export { buildUrl } from "./runtime/url.js";
export { serializeParam, serializeParams } from "./runtime/styles.js";
export { prepareRequest } from "./runtime/prepare.js";
export { readBody, readBytes } from "./runtime/body.js";
export { validate } from "./runtime/validate.js";
export { send } from "./runtime/send.js";
export { sendCached } from "./runtime/cached.js";
export { sendNoFollow } from "./runtime/redirect.js";
export { request } from "./runtime/request.js";
