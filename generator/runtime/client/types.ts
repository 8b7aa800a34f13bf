/**
 * The types shared by the client runtime's modules: an operation's descriptor (what generated
 * stubs emit once per operation), the client's and a call's options, and what a call resolves to.
 *
 * @module
 */
import type { prepareRequest } from "./prepare.js";
import type { readBytes } from "./body.js";
import type { statusKeys } from "./statuses.js";
import type { serializeParams } from "./styles.js";

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
   * exploded; path and header: `simple`, not exploded), by name; read by `serializeParam`.
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
 * `sendCached`), so the key needs no user in it.
 */
export interface Cache {
  get(url: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(url: string, entry: CacheEntry): unknown;
  /** Drops an entry whose revalidation said it may no longer be kept. */
  delete?(url: string): unknown;
}

/** Options of a client, passed to `createClient`. */
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
   * Cache for operations with `cache: true`. `createClient` defaults it
   * to a new `createMemoryCache()`; `false` disables caching.
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

/** A call's options with the request body it sends, if any. */
export type SendOptions = CallOptions & { body?: unknown };

/** What a call resolves to for a 2xx answer whose body passed validation. */
export interface Result<T, H = Record<string, string>> {
  status: number;
  /** Parsed JSON body; `undefined` for an empty body. */
  data: T;
  /** Response headers, names lower-cased. */
  headers: H;
}

/**
 * What a call of a `redirect` operation resolves to. In browsers `fetch`
 * cannot see a redirect's target (the response is "opaqueredirect"): then
 * `status` is 0, `location` is absent and `headers` is empty; browsers should
 * navigate to `buildUrl`'s URL instead.
 */
export interface RedirectResult<H = Record<string, string>> {
  status: number;
  /** Absolute http(s) URL the server redirects to (absent in browsers). */
  location?: string;
  headers: H;
}
