/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
/**
 * Client runtime shipped inside generated packages and called by the generated
 * fetch stubs. Runs unchanged in Node >= 20 and browsers: it only uses the
 * standard `fetch`, `URL`, `URLSearchParams`, `Headers`, `AbortSignal` and
 * `Blob` globals. Everything is a plain exported function so bundlers
 * can drop what a package does not use.
 *
 * Calling convention for generated code: one constant {@link Operation}
 * descriptor per operation, and one exported function per operation that
 * forwards to {@link request} (JSON endpoints, and 3xx endpoints fetched
 * without following) or {@link buildUrl} (URL for a browser to navigate to).
 * specgen's `test/runtime/example-stub.ts` is a complete example.
 *
 * @example
 * ```ts
 * import { buildUrl, createClient, request } from "./runtime.js";
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
 *   request<Result<GetAuthMetadataResponse>>(client, getAuthMetadataOp, {}, init);
 * export const redirectToIdP = (client: Client, params: { idpId: string; redirectUrl: string }, init?: CallOptions) =>
 *   request<RedirectResult<{ location?: string }>>(client, redirectToIdPOp, params, init);
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
/** Ajv-style error entry; `instancePath` is a JSON pointer into the body. */
export interface ValidatorError {
    instancePath: string;
    message?: string | undefined;
}
/**
 * Ajv-compatible validator: returns whether `value` matches the schema and,
 * after a failed call, exposes the reasons on its `errors` property (as Ajv's
 * compiled and standalone validators do).
 */
export interface Validator {
    (value: unknown): boolean;
    errors?: readonly ValidatorError[] | null | undefined;
}
/** Static description of one operation, emitted once per operation. */
export interface Operation {
    /** HTTP method, upper case (`"GET"`, `"POST"`...). */
    method: string;
    /** Base path from the spec's `servers` entry, e.g. `/_matrix/client/v1`, added to the client's `baseUrl`. */
    base?: string;
    /**
     * The origin of an operation whose server (its own or its path's) has another origin than the
     * document's servers, e.g. `https://engine.lichess.ovh`: it replaces the client's `baseUrl`,
     * unless the client's {@link ClientOptions.servers} maps it elsewhere.
     */
    server?: string;
    /**
     * Path template relative to `base`, e.g. `/login/sso/redirect/{idpId}`;
     * every `{name}` is a required path parameter taken from the call's params.
     */
    path: string;
    /** Keys of the query parameters in the call's params (their names, unless {@link Operation.wire} says otherwise). */
    query?: readonly string[];
    /** Keys of the header parameters in the call's params (arrays comma-joined); see {@link Operation.wire}. */
    header?: readonly string[];
    /**
     * Keys of the cookie parameters in the call's params, sent in one `Cookie` header by
     * {@link serializeParams}. Browsers forbid setting `Cookie` from `fetch` (they drop it): there,
     * the browser's own cookies are sent (with `credentials: "include"` for another origin).
     */
    cookie?: readonly string[];
    /**
     * The parameters' OpenAPI serialization where it differs from the default (query: `form`,
     * exploded; path and header: `simple`, not exploded), by name; read by {@link serializeParam}.
     */
    styles?: Readonly<Record<string, ParamStyle>>;
    /**
     * Serializes the path, query and header parameters: {@link serializeParams} for operations
     * with object, path array or non-default `styles` parameters. Without it, the runtime sends
     * scalars and arrays in the default styles only (query arrays repeated, with `+` for a space).
     */
    serialize?: typeof serializeParams;
    /**
     * The names on the wire of the parameters whose key in the call's params differs (`queryId`
     * for a query parameter `id` beside a path parameter `id`); read by {@link serializeParams}.
     */
    wire?: Readonly<Record<string, string>>;
    /** The operation answers with a 3xx + `Location` (see {@link RedirectResult}). */
    redirect?: boolean;
    /**
     * A GET whose 200 answers may be kept in the client's {@link Cache}. specgen sets it only for
     * the operations a project lists in its config's `cache` or marks `x-specgen-cache: true`.
     */
    cache?: boolean;
    /**
     * Validators of the (JSON) response body, by status: exact success and error statuses (`200`,
     * `404`), and error ranges (`"4XX"`, `"5XX"`) and `"default"` (see {@link statusKeys}); `null` for
     * a declared error status without a JSON body, so that its range's or `default`'s is not used.
     */
    validate?: Readonly<Record<number | string, Validator | null>>;
    /** The call's `body` is JSON: it is sent JSON-encoded (by {@link prepareRequest}). */
    json?: boolean;
    /** The Content-Type a call's `body` is declared with, unless the call's headers set one. */
    bodyType?: string;
    /**
     * Builds what a call sends from its params and init: {@link prepareRequest} for operations with
     * a body or header parameters.
     */
    prepare?: typeof prepareRequest;
    /**
     * The keys a status is looked up by in `validate`: {@link statusKeys} for operations that declare
     * error ranges or `default` with a JSON body; otherwise the exact status only.
     */
    statuses?: typeof statusKeys;
    /** Reads a response instead of the JSON reader: {@link readBytes} for operations that answer with bytes. */
    read?: typeof readBytes;
}
/** OpenAPI serialization settings of one parameter, each given only where it is not the default. */
export interface ParamStyle {
    /**
     * Query: `form` (default), `spaceDelimited`, `pipeDelimited`, `deepObject`; path: `simple`
     * (default), `label`, `matrix`; header: `simple`.
     */
    style?: string;
    /** Default: true for `form`, false for the others. */
    explode?: boolean;
    /** A query value keeps the reserved characters (RFC 3986) that a query may hold, and `%XX` escapes. */
    allowReserved?: boolean;
}
/** Where a parameter goes. */
export type ParamPlace = "path" | "query" | "header";
/** What the parameters of a call become: the path (filled in), the query (without `?`), header values. */
export interface SerializedParams {
    path: string;
    query: string;
    headers?: Record<string, string>;
}
/** Values of the path, query and header parameters of one call, by name. */
export type Params = Readonly<Record<string, unknown>>;
/** A stored 200 response, as kept by a {@link Cache}. */
export interface CacheEntry {
    /** Parsed JSON body (validated again on every use, copied for every caller). */
    data: unknown;
    /** Lower-cased response headers (validators `etag`/`last-modified` included). */
    headers: Record<string, string>;
    /** Epoch milliseconds until which the entry is fresh (0 = always revalidate). */
    expires: number;
}
/**
 * Storage for cacheable GET responses, keyed by absolute request URL. It may be asynchronous and
 * may be shared between clients (a `Map` is a valid Cache, but an unbounded one). The runtime
 * treats it as a shared cache: it only stores answers that anyone asking the URL may see (see
 * {@link request}), so the key needs no user in it.
 */
export interface Cache {
    get(url: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
    set(url: string, entry: CacheEntry): unknown;
    /** Drops an entry whose revalidation said it may no longer be kept. */
    delete?(url: string): unknown;
}
/** Options of a client, passed to {@link createClient}. */
export interface ClientOptions {
    /**
     * The API's URL, standing for the spec's document-level servers; may include a path prefix; a
     * trailing `/` is ignored. Each operation adds its server's path (relative servers, and those
     * of a document server's origin). An operation whose spec names a server of another origin
     * (e.g. `https://engine.lichess.ovh` beside `https://lichess.org`) goes there instead, unless
     * {@link ClientOptions.servers} maps that origin.
     */
    baseUrl: string;
    /**
     * URLs that replace the origins of operations whose spec names a server of another origin than
     * `baseUrl` stands for, keyed by that origin (as the operation's docs show it), e.g.
     * `{ "https://engine.lichess.ovh": "http://localhost:9000" }` (a path prefix allowed, as in
     * `baseUrl`). For one call, pass the operation's function options with other `servers`.
     */
    servers?: Readonly<Record<string, string>>;
    /** `fetch` implementation; default: the global `fetch`. */
    fetch?: typeof fetch;
    /** Headers added to every request (e.g. `authorization`). */
    headers?: Record<string, string>;
    /** Validate response bodies with the operation's validators (default true). */
    validate?: boolean;
    /**
     * Cache for operations with `cache: true`. {@link createClient} defaults it
     * to a new {@link createMemoryCache}; `false` disables caching.
     */
    cache?: Cache | false;
    /** Maximum response body size in bytes (default 1 MiB). */
    maxBodyBytes?: number;
    /** Clock in epoch milliseconds, for cache freshness (default `Date.now`). */
    now?: () => number;
}
/**
 * Per-call options. A stub whose operation takes a request body types it as
 * `CallOptions & { body: … }`: JSON-encoded for a JSON operation, otherwise
 * (bytes, `Blob`, `FormData`…) sent as given.
 */
export interface CallOptions {
    /** Abort/timeout signal, e.g. `AbortSignal.timeout(10_000)`. */
    signal?: AbortSignal;
    /** Extra request headers for this call. */
    headers?: Record<string, string>;
}
/** Result of {@link request}: a 2xx answer whose body passed validation. */
export interface Result<T, H = Record<string, string>> {
    status: number;
    /** Parsed JSON body; `undefined` for an empty body. */
    data: T;
    /** Response headers, names lower-cased. */
    headers: H;
}
/**
 * Result of {@link request} for a `redirect` operation. In browsers `fetch`
 * cannot see a redirect's target (the response is "opaqueredirect"): then
 * `status` is 0, `location` is absent and `headers` is empty; browsers should
 * navigate to {@link buildUrl} instead.
 */
export interface RedirectResult<H = Record<string, string>> {
    status: number;
    /** Absolute http(s) URL the server redirects to (absent in browsers). */
    location?: string;
    headers: H;
}
/**
 * Non-2xx answer, unreadable body or refused redirect, without a Matrix error body. For a status
 * the spec declares with a JSON body, `data` has passed that body's validator; a generated
 * `is<Op>Error` guard narrows `status` and `data` to the operation's declared errors.
 */
export declare class HttpError extends Error {
    name: string;
    readonly status: number;
    /** Excerpt (first 200 characters) of the body, or the refused `Location`. */
    readonly body: string;
    /** The parsed JSON body of a failure status; undefined when it has none or it is not JSON. */
    readonly data: unknown;
    /**
     * @param body response body or Location, cut to 200 characters
     * @param reason appended to the message `HTTP <status>`
     */
    constructor(status: number, body?: string, reason?: string, data?: unknown);
}
/**
 * Non-2xx answer with a Matrix error body: an object whose `errcode` is a string. Its `error`
 * is the body's `error` when that is a string, otherwise `""` (clients branch on `errcode`,
 * so a server's malformed message does not hide it).
 */
export declare class MatrixError extends Error {
    name: string;
    readonly status: number;
    readonly errcode: string;
    readonly error: string;
    /** The whole parsed body (e.g. for `retry_after_ms`). */
    readonly data: unknown;
    constructor(status: number, errcode: string, error: string, data: unknown);
}
/**
 * Whether `error` is the {@link HttpError} or {@link MatrixError} of one of `statuses`: generated
 * `is<Op>Error` guards call it with an operation's error statuses, ranges (`"4XX"`) and
 * `"default"` (any status but 2xx) declared with a JSON body, and those declared without one
 * (`untyped`), which a broader key does not cover: the most specific declared key decides.
 */
export declare function isStatusError(error: unknown, statuses: readonly (number | string)[], untyped?: readonly (number | string)[]): boolean;
/**
 * The keys an answer's status is declared under, most specific first: itself, then (but for a
 * 2xx, whose range and `default` describe no typed answer) its range (`4XX`) and `default`.
 * Descriptors of operations with range or `default` error bodies name it as their `statuses`, so
 * other bundles leave it out.
 */
export declare function statusKeys(status: number): (number | string)[];
/**
 * The response body does not match the schema declared for its status, or could not be checked
 * (a validator that throws, e.g. a RangeError on a deeply nested body, is reported here).
 */
export declare class ResponseValidationError extends Error {
    name: string;
    readonly status: number;
    /** JSON pointers into the body and messages, from the validator. */
    readonly errors: {
        pointer: string;
        message: string;
    }[];
    constructor(status: number, errors: {
        pointer: string;
        message: string;
    }[]);
}
/** What {@link withHooks} calls around every request. */
export interface Hooks {
    /**
     * Called before every request (a retry too) with its URL and `init`, whose `headers` (a
     * `Headers`) it may change in place: e.g. `init.headers.set("authorization", "Bearer " + await
     * freshToken())`. The cache sees such headers: an answer to a request with a token is kept
     * only if `public`.
     */
    onRequest?: (url: string, init: RequestInit & {
        headers: Headers;
    }) => unknown;
    /**
     * Called with every response before it is read; the Response it resolves to (if any) replaces
     * it. `retry()` calls `onRequest` and fetches again, e.g. once after a 401 with a refreshed
     * token: `(res, retry) => (res.status == 401 ? refresh().then(retry) : res)`. A retry sends the
     * same body, so a stream body cannot be retried.
     */
    onResponse?: (res: Response, retry: () => Promise<Response>) => Response | undefined | Promise<Response | undefined>;
}
/**
 * A `fetch` for {@link ClientOptions.fetch} that runs `hooks` around `base` (default: the global
 * `fetch`), e.g. to send a fresh access token with each request and retry once on a 401:
 * `createClient({ baseUrl, fetch: withHooks({ onRequest, onResponse }) })`. A separate function
 * rather than client options, so bundles that use no hooks leave it out.
 */
export declare function withHooks(hooks: Hooks, base?: typeof fetch): typeof fetch;
/** Client returned by {@link createClient}. */
export interface Client extends ClientOptions {
    cache: Cache | false;
}
/** Resolves defaults; the result is what stubs take as first argument. */
export declare function createClient(options: ClientOptions): Client;
/**
 * In-memory {@link Cache} holding at most `maxEntries` entries (default 100), dropping the least
 * recently used first; share one between clients if wanted.
 */
export declare function createMemoryCache(maxEntries?: number): Cache;
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
/**
 * Absolute URL of an operation: `baseUrl` (or `op.server`, or what the client's
 * `servers` maps it to) + `op.base` + `op.path` with the path parameters
 * filled in (encodeURIComponent) and the query appended (form style, arrays
 * repeated, null/undefined omitted). For redirect operations this is the URL a
 * browser should navigate to. Only the params' own properties are read.
 *
 * @throws TypeError if a path parameter is missing, empty, `.` or `..`, or a
 *   parameter holds a lone surrogate.
 */
export declare function buildUrl(client: Pick<ClientOptions, "baseUrl" | "servers">, op: Operation, params?: Params): string;
/**
 * Reads a size-capped JSON body; throws the typed error of a non-2xx answer, after checking its
 * body with the operation's validator for the status, if it declares one. (Exported for
 * runtime-media's readMedia.)
 */
export declare function readBody(res: Response, c: ClientOptions, op?: Operation): Promise<unknown>;
/**
 * Reads a 2xx body as bytes, a `Blob` of the response's Content-Type, capped at
 * `maxBodyBytes` like a JSON body; a failure status is read as JSON (Matrix
 * errors). Generated descriptors of operations that answer with bytes (media
 * downloads) name it as their `read`, so other bundles leave it out.
 */
export declare function readBytes(res: Response, c: ClientOptions, op?: Operation): Promise<unknown>;
/**
 * The `init` a call sends for an operation with a request body or header
 * parameters (generated descriptors name it as their `prepare`, so a bundle
 * without such operations leaves it out): `init.headers` after the header
 * parameters from `params` (arrays comma-joined), and `init.body`
 * JSON-encoded for a `json` operation (otherwise sent as given), declared with
 * the operation's `bodyType` unless the call's or client's headers set a
 * Content-Type.
 */
export declare function prepareRequest(c: ClientOptions, op: Operation, params?: Params, init?: CallOptions & {
    body?: unknown;
}): CallOptions & {
    body?: unknown;
};
/**
 * Checks `data` with the operation's validator for `status` (unless `validate: false`).
 * @throws ResponseValidationError when it fails, or when the validator throws.
 */
export declare function validate(c: ClientOptions, op: Operation, status: number, data: unknown): void;
/**
 * Performs an operation.
 *
 * JSON operations resolve to a {@link Result} for a 2xx answer. For `cache`
 * operations (and a client cache) a fresh entry is returned without any
 * request; a stale one is revalidated with `If-None-Match` /
 * `If-Modified-Since` and reused on 304 (with freshness from the 304's
 * headers). Every caller gets its own copy of cached data.
 *
 * What is stored: only 200 answers that passed validation (or `validate: false`), and only
 * those a shared cache may keep: not `no-store` or `private`; when the request carried
 * `Authorization` or `Cookie` (or `credentials: "include"`), only `public` answers; none with a
 * `Vary` other than `Accept-Encoding`. Freshness: `max-age` minus `Age` (both delta-seconds,
 * anything else makes the answer stale); `no-cache` stores but always revalidates; `s-maxage`,
 * `Expires` and `stale-*` are ignored (no max-age = revalidate).
 *
 * `init` goes to `fetch` (after the operation's `prepare`, if any), its
 * headers after the client's.
 *
 * Redirect operations use `redirect: "manual"` (never following) and resolve
 * to a {@link RedirectResult} for a 301/302/303/307/308 answer, with
 * `Location` resolved against the request URL.
 *
 * @typeParam R {@link Result} or {@link RedirectResult}, declared by the stub.
 * @throws MatrixError / HttpError for non-2xx answers; HttpError for an
 *   oversized or non-JSON body, for a redirect operation answering without a
 *   redirect, or with a missing or non-http(s) `Location` (e.g. `javascript:`);
 *   ResponseValidationError if the body fails (or breaks) the validator for its
 *   status (unless `validate: false`); TypeError for bad parameters (see
 *   {@link buildUrl}). Network and abort/timeout errors are passed through unchanged.
 */
export declare function request<R = Result<unknown>>(c: ClientOptions, op: Operation, params?: Params, init?: CallOptions & {
    body?: unknown;
}): Promise<R>;
