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
export class HttpError extends Error {
  override name = "HttpError";
  declare readonly status: number;
  /** Excerpt (first 200 characters) of the body, or the refused `Location`. */
  declare readonly body: string;
  /** The parsed JSON body of a failure status; undefined when it has none or it is not JSON. */
  declare readonly data: unknown;
  /**
   * @param body response body or Location, cut to 200 characters
   * @param reason appended to the message `HTTP <status>`
   */
  constructor(status: number, body = "", reason = "", data?: unknown) {
    super(`HTTP ${status}` + (reason && ": " + reason));
    Object.assign(this, { status, body: body.slice(0, 200), data });
  }
}

/**
 * Non-2xx answer with a Matrix error body: an object whose `errcode` is a string. Its `error`
 * is the body's `error` when that is a string, otherwise `""` (clients branch on `errcode`,
 * so a server's malformed message does not hide it).
 */
export class MatrixError extends Error {
  override name = "MatrixError";
  declare readonly status: number;
  declare readonly errcode: string;
  declare readonly error: string;
  /** The whole parsed body (e.g. for `retry_after_ms`). */
  declare readonly data: unknown;
  constructor(status: number, errcode: string, error: string, data: unknown) {
    super(errcode + ": " + error);
    Object.assign(this, { status, errcode, error, data });
  }
}

/**
 * Whether `error` is the {@link HttpError} or {@link MatrixError} of one of `statuses`: generated
 * `is<Op>Error` guards call it with an operation's error statuses, ranges (`"4XX"`) and
 * `"default"` (any status but 2xx) declared with a JSON body, and those declared without one
 * (`untyped`), which a broader key does not cover: the most specific declared key decides.
 */
export function isStatusError(
  error: unknown,
  statuses: readonly (number | string)[],
  untyped: readonly (number | string)[] = [],
): boolean {
  if (!(error instanceof HttpError || error instanceof MatrixError)) return false;
  const declared = statusKeys(error.status).find((key) => statuses.includes(key) || untyped.includes(key));
  return declared !== undefined && statuses.includes(declared);
}

/**
 * The keys an answer's status is declared under, most specific first: itself, then (but for a
 * 2xx, whose range and `default` describe no typed answer) its range (`4XX`) and `default`.
 * Descriptors of operations with range or `default` error bodies name it as their `statuses`, so
 * other bundles leave it out.
 */
export function statusKeys(status: number): (number | string)[] {
  const range = ((status / 100) | 0) + "XX";
  return range === "2XX" ? [status] : [status, range, "default"];
}

/**
 * The response body does not match the schema declared for its status, or could not be checked
 * (a validator that throws, e.g. a RangeError on a deeply nested body, is reported here).
 */
export class ResponseValidationError extends Error {
  override name = "ResponseValidationError";
  declare readonly status: number;
  /** JSON pointers into the body and messages, from the validator. */
  declare readonly errors: { pointer: string; message: string }[];
  constructor(status: number, errors: { pointer: string; message: string }[]) {
    super(`HTTP ${status}: invalid body`);
    Object.assign(this, { status, errors });
  }
}

/** What {@link withHooks} calls around every request. */
export interface Hooks {
  /**
   * Called before every request (a retry too) with its URL and `init`, whose `headers` (a
   * `Headers`) it may change in place: e.g. `init.headers.set("authorization", "Bearer " + await
   * freshToken())`. The cache sees such headers: an answer to a request with a token is kept
   * only if `public`.
   */
  onRequest?: (url: string, init: RequestInit & { headers: Headers }) => unknown;
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
export function withHooks(hooks: Hooks, base: typeof fetch = (url, init) => fetch(url, init)): typeof fetch {
  return async (url, init = {}) => {
    // the runtime passes a Headers: changed in place, its cache rules see what is sent
    const headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    const sent = Object.assign(init, { headers });
    const send = async () => {
      await hooks.onRequest?.(url instanceof Request ? url.url : String(url), sent);
      return base(url, sent);
    };
    const res = await send();
    return (await hooks.onResponse?.(res, send)) ?? res;
  };
}

/** Client returned by {@link createClient}. */
export interface Client extends ClientOptions {
  cache: Cache | false;
}

/** Resolves defaults; the result is what stubs take as first argument. */
export function createClient(options: ClientOptions): Client {
  return { ...options, cache: options.cache ?? createMemoryCache() };
}

/**
 * In-memory {@link Cache} holding at most `maxEntries` entries (default 100), dropping the least
 * recently used first; share one between clients if wanted.
 */
export function createMemoryCache(maxEntries = 100): Cache {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, CacheEntry>();
  return {
    get(url) {
      const entry = entries.get(url);
      if (entry) {
        entries.delete(url);
        entries.set(url, entry);
      }
      return entry;
    },
    set(url, entry) {
      entries.delete(url);
      entries.set(url, entry);
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
    },
    delete: (url) => entries.delete(url),
  };
}

/**
 * `record[name]` if `record` has it as an own property. Parameter and validator maps are read
 * through it, so that an omitted `constructor` or `__proto__` is not taken from Object.prototype.
 */
function own(record: unknown, name: string | number): unknown {
  return record != null && Object.hasOwn(record, name) ? (record as Record<string, unknown>)[name] : undefined;
}

/**
 * A parameter value as text. A lone surrogate (which no UTF-8 URL or header can carry) is a
 * TypeError naming the parameter, rather than encodeURIComponent's URIError or URLSearchParams'
 * silent U+FFFD.
 */
function paramText(name: string, value: unknown): string {
  const text = String(value);
  if (/\p{Cs}/u.test(text)) throw new TypeError("Bad param " + name + ": lone surrogate");
  return text;
}

/** `text` as the path segment of path parameter `name`, refused when a URL would drop it. */
function segment(name: string, text: string): string {
  // No encoding of "." or ".." survives WHATWG URL normalisation, which would remove the segment.
  if (text === "" || text === "." || text === "..") throw new TypeError("Bad path param " + name);
  return text;
}

/** The query string (without `?`): form style, arrays repeated, null/undefined omitted. */
function queryString(op: Operation, params: Params): string {
  const query = new URLSearchParams();
  for (const name of op.query ?? []) {
    for (const value of [own(params, name)].flat()) {
      if (value != null) query.append(name, paramText(name, value));
    }
  }
  return query.toString();
}

/** The path (parameters percent-encoded) and query of a call, for operations without a `serialize`. */
function urlParts(op: Operation, params: Params): SerializedParams {
  const path = op.path.replace(/{(.+?)}/g, (_, name: string) => {
    const value = own(params, name);
    return segment(name, encodeURIComponent(value == null ? "" : paramText(name, value)));
  });
  return { path, query: queryString(op, params) };
}

/**
 * Percent-encodes all but RFC 3986's unreserved characters. With `reserved` (a query value
 * with `allowReserved`), `:/?@!$()*,;` and existing `%XX` escapes stay as they are; `[]#&=+`
 * (and `'`, which fetch would encode anyway) are still encoded, since they would change what
 * the query says.
 */
function escapeParam(text: string, reserved?: boolean): string {
  const strict = encodeURIComponent(text).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  return reserved ? strict.replace(/%(2[1489ACF]|3[ABF]|40)|%25(?=[0-9A-Fa-f]{2})/g, decodeURIComponent) : strict;
}

/** The members of a parameter value as [key, text] pairs (key "" for array items and scalars), nulls left out. */
function members(name: string, value: unknown): Array<[string, string]> {
  const list: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item) => ["", item])
    : value != null && typeof value === "object"
      ? Object.entries(value)
      : [["", value]];
  return list
    .filter(([, item]) => item != null)
    .map(([key, item]) => {
      // OpenAPI defines no serialization of a nested value: refuse it rather than send "[object Object]".
      if (typeof item === "object") throw new TypeError("Bad param " + name + ": nested value");
      return [key, paramText(name, item)];
    });
}

/** A query parameter: `form` (default), `spaceDelimited`, `pipeDelimited` or `deepObject`. */
function queryParam(name: string, value: unknown, style: ParamStyle): string {
  const kind = style.style ?? "form";
  const explode = style.explode ?? kind === "form";
  const object = !Array.isArray(value) && typeof value === "object";
  const pairs = members(name, value);
  const text = (part: string) => escapeParam(part, style.allowReserved);
  if (object && kind === "deepObject") {
    return pairs.map(([k, v]) => escapeParam(name + "[" + k + "]") + "=" + text(v)).join("&");
  }
  if (object && explode) return pairs.map(([k, v]) => escapeParam(k) + "=" + text(v)).join("&");
  if (explode || !pairs.length) return pairs.map(([, v]) => escapeParam(name) + "=" + text(v)).join("&");
  const separator = kind === "spaceDelimited" ? "%20" : kind === "pipeDelimited" ? "|" : ",";
  return (
    escapeParam(name) +
    "=" +
    pairs.flatMap(([k, v]) => (object ? [escapeParam(k), text(v)] : [text(v)])).join(separator)
  );
}

/**
 * A path (`simple` default, `label`, `matrix`) or header (`simple`) parameter, RFC 6570 style:
 * `blue,black`, `.blue.black`, `;color=blue;color=black`, `R=100,G=200`... Header values are
 * not percent-encoded.
 */
function pathParam(place: ParamPlace, name: string, value: unknown, style: ParamStyle): string {
  const kind = style.style ?? "simple";
  const explode = style.explode ?? false;
  const object = !Array.isArray(value) && typeof value === "object";
  const pairs = members(name, value);
  const text = (part: string) => (place === "header" ? part : escapeParam(part));
  // matrix: `;name=value`, or `;name` for an empty value
  const named = (key: string, encoded: string) =>
    text(key) + (kind === "matrix" && encoded === "" ? "" : "=" + encoded);
  const prefix = kind === "label" ? "." : kind === "matrix" ? ";" : "";
  let parts: string[];
  if (object && explode) parts = pairs.map(([k, v]) => named(k, text(v)));
  else if (explode) parts = pairs.map(([, v]) => (kind === "matrix" ? named(name, text(v)) : text(v)));
  else {
    const list = pairs.flatMap(([k, v]) => (object ? [text(k), text(v)] : [text(v)])).join(",");
    parts = [kind === "matrix" ? named(name, list) : list];
  }
  return prefix + parts.join(explode && kind !== "simple" ? prefix : ",");
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
  if (value == null) return "";
  return place === "query" ? queryParam(name, value, style) : pathParam(place, name, value, style);
}

/**
 * The path, query, header and cookie parameters of a call serialized as the operation's `styles`
 * say (see {@link serializeParam}; cookies as query parameters are, in a `Cookie` header).
 * Generated descriptors of operations with object, path array, cookie or non-default style
 * parameters name it as their `serialize`, so other bundles leave it out.
 */
export function serializeParams(op: Operation, params: Params): SerializedParams {
  const wireName = (key: string) => (own(op.wire, key) as string | undefined) ?? key;
  const text = (place: ParamPlace, key: string) =>
    serializeParam(place, wireName(key), own(params, key), own(op.styles, key) as ParamStyle | undefined);
  const path = op.path.replace(/{(.+?)}/g, (_, name: string) => segment(name, text("path", name)));
  const query = (op.query ?? [])
    .map((key) => text("query", key))
    .filter(Boolean)
    .join("&");
  const headers: Record<string, string> = {};
  for (const key of op.header ?? []) if (own(params, key) != null) headers[wireName(key)] = text("header", key);
  // A cookie is `form` style, as a query parameter is (`name=value`), one `; ` between cookies (RFC 6265)
  const cookies = (op.cookie ?? []).map((key) => text("query", key)).filter(Boolean);
  if (cookies.length) headers.cookie = cookies.join("; ");
  return { path, query, headers };
}

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
export function buildUrl(
  client: Pick<ClientOptions, "baseUrl" | "servers">,
  op: Operation,
  params: Params = {},
): string {
  const { path, query } = (op.serialize ?? urlParts)(op, params);
  const origin = op.server ? ((own(client.servers, op.server) as string | undefined) ?? op.server) : client.baseUrl;
  return origin.replace(/\/+$/, "") + (op.base ?? "") + path + (query ? "?" + query : "");
}

/** Reads a whole body as chunks, refusing one over `maxBodyBytes` (default 1 MiB). */
async function readChunks(res: Response, c: ClientOptions): Promise<Uint8Array[]> {
  const max = c.maxBodyBytes ?? 1 << 20;
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const chunk = await reader.read();
    if (chunk.done) break;
    size += chunk.value.length;
    if (size > max) {
      void reader.cancel(); // cannot reject: the stream just delivered a chunk
      throw new HttpError(res.status, "", "body over " + max);
    }
    chunks.push(chunk.value);
  }
  return chunks;
}

/** The error a non-2xx answer is thrown as: MatrixError when `errcode` is a string. */
function failure(status: number, text: string, data: unknown, reason = ""): Error {
  const errcode = own(data, "errcode");
  const error = own(data, "error");
  if (typeof errcode !== "string") return new HttpError(status, text, reason, data);
  return new MatrixError(status, errcode, typeof error === "string" ? error : "", data);
}

/**
 * Reads a size-capped JSON body; throws the typed error of a non-2xx answer, after checking its
 * body with the operation's validator for the status, if it declares one. (Exported for
 * runtime-media's readMedia.)
 */
export async function readBody(res: Response, c: ClientOptions, op?: Operation): Promise<unknown> {
  // Blob's text() decodes UTF-8 as a whole (a character split between chunks stays whole), a byte order mark dropped
  const text = await new Blob((await readChunks(res, c)) as BlobPart[]).text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // A failure status is the news, whatever its body (a proxy's or Synapse's HTML error page):
    // "not JSON" is said of a 2xx only.
    throw new HttpError(res.status, text, res.ok ? "not JSON" : res.statusText);
  }
  if (res.ok) return data;
  if (op) validate(c, op, res.status, data);
  throw failure(res.status, text, data, res.statusText);
}

/**
 * Reads a 2xx body as bytes, a `Blob` of the response's Content-Type, capped at
 * `maxBodyBytes` like a JSON body; a failure status is read as JSON (Matrix
 * errors). Generated descriptors of operations that answer with bytes (media
 * downloads) name it as their `read`, so other bundles leave it out.
 */
export async function readBytes(res: Response, c: ClientOptions, op?: Operation): Promise<unknown> {
  if (!res.ok) return readBody(res, c, op);
  return new Blob((await readChunks(res, c)) as BlobPart[], { type: res.headers.get("content-type") ?? "" });
}

/**
 * The `init` a call sends for an operation with a request body or header
 * parameters (generated descriptors name it as their `prepare`, so a bundle
 * without such operations leaves it out): `init.headers` after the header
 * parameters from `params` (arrays comma-joined), and `init.body`
 * JSON-encoded for a `json` operation (otherwise sent as given), declared with
 * the operation's `bodyType` unless the call's or client's headers set a
 * Content-Type.
 */
export function prepareRequest(
  c: ClientOptions,
  op: Operation,
  params: Params = {},
  init: CallOptions & { body?: unknown } = {},
): CallOptions & { body?: unknown } {
  const headers: Record<string, string> = {};
  // an operation's `serialize` also gives its header values (and their names on the wire)
  for (const name of op.serialize ? [] : (op.header ?? [])) {
    const value = own(params, name);
    if (value != null)
      headers[name] = [value]
        .flat()
        .map((v) => paramText(name, v))
        .join();
  }
  Object.assign(headers, op.serialize?.(op, params).headers, init.headers);
  const { body } = init;
  if (body === undefined) return { ...init, headers };
  const typed = Object.keys({ ...c.headers, ...headers }).some((name) => name.toLowerCase() === "content-type");
  if (op.bodyType && !typed) headers["content-type"] = op.bodyType;
  // fetch sends a stream only when told that the answer may wait for its end ("half" duplex)
  const stream = body instanceof ReadableStream && { duplex: "half" };
  return { ...init, headers, body: op.json ? JSON.stringify(body) : body, ...stream };
}

/**
 * Cache-Control directives (RFC 9111 §5.2) by lower-cased name, with their values unquoted (`""`
 * for none). A directive repeated with another value gets `""` (so a conflicting `max-age`
 * counts as absent: stale). Names are compared whole, so `x-max-age` or `no-cache-x` are other
 * directives; a comma inside a quoted value separates nothing.
 */
function cacheDirectives(field = ""): Map<string, string> {
  const directives = new Map<string, string>();
  for (const element of field.match(/(?:"(?:[^"\\]|\\.)*"|[^",])+/g) ?? []) {
    // a malformed element (`a b`, `max-age = 5`) names nothing
    const [, name = "", quoted] = /^\s*([^=\s]*)(?:=(.*?))?\s*$/.exec(element) ?? [];
    const value = (quoted ?? "").replace(/^"(.*)"$/, "$1");
    const key = name.toLowerCase();
    directives.set(key, directives.has(key) && directives.get(key) !== value ? "" : value);
  }
  return directives;
}

/** delta-seconds (RFC 9111 §1.2.2): digits only, capped at 2^31; undefined when invalid. */
function deltaSeconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Math.min(Number(value), 2 ** 31) : undefined;
}

/** Epoch milliseconds until which an answer is fresh: `max-age` minus `Age`; 0 = revalidate. */
function freshUntil(directives: Map<string, string>, age: string | undefined, now: number): number {
  const maxAge = deltaSeconds(directives.get("max-age"));
  const ageSeconds = deltaSeconds(age ?? "0");
  if (directives.has("no-cache") || maxAge === undefined || ageSeconds === undefined) return 0;
  return now + (maxAge - ageSeconds) * 1000;
}

/**
 * Whether a shared cache may keep an answer (RFC 9111 §3): not `no-store` or `private`; to a
 * request with credentials only if `public`; and varying on nothing but Accept-Encoding, since
 * entries are keyed by URL alone.
 */
function storable(directives: Map<string, string>, vary = "", credentials: boolean): boolean {
  if (directives.has("no-store") || directives.has("private")) return false;
  if (credentials && !directives.has("public")) return false;
  return vary.split(",").every((name) => /^\s*(accept-encoding)?\s*$/i.test(name));
}

/** A copy of cached data for one caller, or undefined when it cannot be copied (too deep). */
function copy(data: unknown): { data: unknown } | undefined {
  try {
    return { data: structuredClone(data) };
  } catch {
    return undefined;
  }
}

/**
 * Checks `data` with the operation's validator for `status` (unless `validate: false`).
 * @throws ResponseValidationError when it fails, or when the validator throws.
 */
export function validate(c: ClientOptions, op: Operation, status: number, data: unknown): void {
  // the most specific key the operation declares (a `null` one has no body to check)
  const key = (op.statuses?.(status) ?? [status]).find((k) => own(op.validate, k) !== undefined);
  const validator = c.validate === false || key === undefined ? null : (own(op.validate, key) as Validator | null);
  if (!validator) return;
  let valid: boolean;
  try {
    valid = validator(data);
  } catch (error) {
    throw new ResponseValidationError(status, [{ pointer: "", message: String(error) }]);
  }
  if (valid) return;
  const errors = (validator.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? "" }));
  throw new ResponseValidationError(status, errors);
}

/** `location` resolved against the request URL, if it is an http(s) URL. */
function httpUrl(location: string | undefined, base: string): string | undefined {
  try {
    const url = new URL(location!, base);
    return location && /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The answer of a redirect operation: its `Location`, refused unless an http(s) URL. */
async function redirectResult(
  c: ClientOptions,
  op: Operation,
  res: Response,
  url: string,
  headers: Record<string, string>,
): Promise<RedirectResult> {
  const status = res.status;
  // browsers: opaque redirect, status 0, nothing readable
  if (!status) return { status, headers };
  const redirects = [301, 302, 303, 307, 308].includes(status);
  if (!redirects) await readBody(res, c, op); // throws for error answers
  const location = redirects ? httpUrl(headers.location, url) : undefined;
  if (!location) throw new HttpError(status, headers.location, "bad redirect");
  return { status, location, headers };
}

/**
 * The headers of a call: the client's, then the call's (names compared case-insensitively), and
 * the conditions of a revalidation when `stale` (the headers of a stale entry) is given.
 */
function requestHeaders(c: ClientOptions, sent: CallOptions, stale?: Record<string, string>): Headers {
  const headers = new Headers(c.headers);
  new Headers(sent.headers).forEach((value, name) => {
    headers.set(name, value);
  });
  if (stale?.etag) headers.set("if-none-match", stale.etag);
  if (stale?.["last-modified"]) headers.set("if-modified-since", stale["last-modified"]);
  return headers;
}

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
export async function request<R = Result<unknown>>(
  c: ClientOptions,
  op: Operation,
  params?: Params,
  init: CallOptions & { body?: unknown } = {},
): Promise<R> {
  const url = buildUrl(c, op, params);
  const now = c.now ?? Date.now;
  const cache = op.cache ? c.cache : undefined;
  const hit = cache ? await cache.get(url) : undefined;
  const stored = hit && copy(hit.data);
  if (hit && stored && hit.expires > now()) {
    validate(c, op, 200, stored.data);
    return { status: 200, data: stored.data, headers: { ...hit.headers } } as R;
  }
  const sent = op.prepare?.(c, op, params, init) ?? init;
  const headers = requestHeaders(c, sent, stored && hit.headers);
  const res = await (c.fetch ?? fetch)(url, {
    ...(sent as RequestInit),
    method: op.method,
    headers,
    // otherwise fetch's default, "follow"
    ...(op.redirect && { redirect: "manual" as const }),
  });
  // Judged after the fetch: a `fetch` from {@link withHooks} may have added a token to `headers`.
  const withCookies = (sent as RequestInit).credentials === "include";
  const credentials = headers.has("authorization") || headers.has("cookie") || withCookies;
  // lower-cased names; a repeated header is one comma-joined value (set-cookie: the last)
  const got: Record<string, string> = Object.fromEntries(res.headers as unknown as Iterable<[string, string]>);
  if (op.redirect) return (await redirectResult(c, op, res, url, got)) as R;
  const revalidated = stored && res.status === 304;
  const status = revalidated ? 200 : res.status;
  const data = revalidated ? stored.data : await (op.read ?? readBody)(res, c, op);
  const answer = revalidated ? { ...hit.headers, ...got } : got;
  validate(c, op, status, data);
  const directives = cacheDirectives(answer["cache-control"]);
  const entry = status === 200 && storable(directives, answer.vary, credentials) && copy(data);
  const expires = freshUntil(directives, answer.age, now());
  if (cache && entry) await cache.set(url, { data: entry.data, headers: { ...answer }, expires });
  else if (cache && hit) await cache.delete?.(url);
  return { status, data, headers: answer } as R;
}
