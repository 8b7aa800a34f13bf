/**
 * Client runtime shipped inside generated packages and called by the generated
 * fetch stubs. Runs unchanged in Node >= 20 and browsers: it only uses the
 * standard `fetch`, `URL`, `URLSearchParams`, `Headers`, `AbortSignal` and
 * `TextDecoder` globals. Everything is a plain exported function so bundlers
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
 * import { buildUrl, createClient, request, type CallOptions, type Client, type Operation, type RedirectResult, type Result } from "./runtime.js";
 * import { isGetAuthMetadataResponse, type GetAuthMetadataResponse } from "./validators.js";
 * export { createClient };
 * const getAuthMetadataOp: Operation = { method: "GET", base: "/_matrix/client/v1", path: "/auth_metadata", cache: true, validate: { 200: isGetAuthMetadataResponse } };
 * const redirectToIdPOp: Operation = { method: "GET", base: "/_matrix/client/v3", path: "/login/sso/redirect/{idpId}", query: ["redirectUrl"], redirect: true };
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
  /** Base path from the spec's `servers` entry, e.g. `/_matrix/client/v1`. */
  base?: string;
  /**
   * Path template relative to `base`, e.g. `/login/sso/redirect/{idpId}`;
   * every `{name}` is a required path parameter taken from the call's params.
   */
  path: string;
  /** Names of the query parameters, looked up in the call's params. */
  query?: readonly string[];
  /** Names of the header parameters, looked up in the call's params (arrays comma-joined). */
  header?: readonly string[];
  /** The operation answers with a 3xx + `Location` (see {@link RedirectResult}). */
  redirect?: boolean;
  /** A GET whose 200 answers may be kept in the client's {@link Cache}. */
  cache?: boolean;
  /** Per-status validator of the (JSON) response body. */
  validate?: Readonly<Record<number, Validator>>;
  /** The call's `body` is JSON: it is sent JSON-encoded (by {@link prepareRequest}). */
  json?: boolean;
  /** The Content-Type a call's `body` is declared with, unless the call's headers set one. */
  bodyType?: string;
  /** Builds what a call sends from its params and init: {@link prepareRequest} for operations with a body or header parameters. */
  prepare?: typeof prepareRequest;
  /** Reads a response instead of the JSON reader: {@link readBytes} for operations that answer with bytes. */
  read?: typeof readBytes;
}

/** Values of the path, query and header parameters of one call, by name. */
export type Params = Readonly<Record<string, unknown>>;

/** A stored 200 response, as kept by a {@link Cache}. */
export interface CacheEntry {
  /** Parsed JSON body (validated again on every use). */
  data: unknown;
  /** Lower-cased response headers (validators `etag`/`last-modified` included). */
  headers: Record<string, string>;
  /** Epoch milliseconds until which the entry is fresh (0 = always revalidate). */
  expires: number;
}

/**
 * Storage for cacheable GET responses, keyed by absolute request URL. It may
 * be asynchronous and may be shared between clients; a `Map` is a valid Cache.
 * Key is the URL only (no `Vary`), so only cache public discovery endpoints.
 */
export interface Cache {
  get(url: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  set(url: string, entry: CacheEntry): unknown;
}

/** Options of a client, passed to {@link createClient}. */
export interface ClientOptions {
  /** Homeserver URL, may include a path prefix; a trailing `/` is ignored. */
  baseUrl: string;
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

/** Non-2xx answer, unreadable body or refused redirect, without a Matrix error body. */
export class HttpError extends Error {
  override name = "HttpError";
  declare readonly status: number;
  /** Excerpt (first 200 characters) of the body, or the refused `Location`. */
  declare readonly body: string;
  /**
   * @param body response body or Location, cut to 200 characters
   * @param reason appended to the message `HTTP <status>`
   */
  constructor(status: number, body = "", reason = "") {
    super(`HTTP ${status}${reason && ": " + reason}`);
    Object.assign(this, { status, body: body.slice(0, 200) });
  }
}

/** Non-2xx answer with a Matrix error body `{"errcode": ..., "error": ...}`. */
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

/** The response body does not match the schema declared for its status. */
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

/** Client returned by {@link createClient}. */
export interface Client extends ClientOptions {
  cache: Cache | false;
}

/** Resolves defaults; the result is what stubs take as first argument. */
export const createClient = (options: ClientOptions): Client => ({ ...options, cache: options.cache ?? new Map() });

/** Unbounded in-memory {@link Cache}; share one between clients if wanted. */
export const createMemoryCache = (): Cache => new Map<string, CacheEntry>();

/**
 * Absolute URL of an operation: `baseUrl` + `op.base` + `op.path` with the
 * path parameters filled in (encodeURIComponent) and the query appended
 * (form style, arrays repeated, null/undefined omitted). For redirect
 * operations this is the URL a browser should navigate to.
 *
 * @throws TypeError if a path parameter is missing, empty, `.` or `..` (no
 *   encoding of the last two survives WHATWG URL normalisation, which treats
 *   `%2E%2E` like `..` and would remove the segment).
 */
export function buildUrl(client: { baseUrl: string }, op: Operation, params: Params = {}): string {
  const q = new URLSearchParams();
  const path = op.path.replace(/{(.+?)}/g, (_, k: string) => {
    const v = "" + (params[k] ?? "");
    if (/^\.{0,2}$/.test(v)) throw TypeError("Bad path param " + k);
    return encodeURIComponent(v);
  });
  for (const k of op.query ?? []) for (const v of [params[k]].flat()) if (v != null) q.append(k, v as string);
  const qs = "" + q;
  return client.baseUrl.replace(/\/+$/, "") + (op.base ?? "") + path + (qs && "?" + qs);
}

/** Reads a size-capped JSON body; throws the typed error of a non-2xx answer. */
async function readBody(res: Response, c: ClientOptions): Promise<unknown> {
  const max = c.maxBodyBytes ?? 1 << 20;
  const s = res.status;
  const r = res.body?.getReader();
  const d = new TextDecoder();
  let text = "";
  let n = 0;
  let data: any;
  for (let chunk; r && !(chunk = await r.read()).done; ) {
    if ((n += chunk.value.length) > max) {
      void r.cancel(); // cannot reject: the stream just delivered a chunk
      throw new HttpError(s, "", "body over " + max);
    }
    text += d.decode(chunk.value, { stream: true });
  }
  text += d.decode();
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // A failure status is the news, whatever its body (a proxy's or Synapse's HTML error page):
    // "not JSON" is said of a 2xx only.
    throw new HttpError(s, text, res.ok ? "not JSON" : res.statusText);
  }
  if (res.ok) return data;
  throw typeof data?.errcode == "string"
    ? new MatrixError(s, data.errcode, data.error, data)
    : new HttpError(s, text, res.statusText);
}

/**
 * Reads a 2xx body as bytes, a `Blob` of the response's Content-Type, capped at
 * `maxBodyBytes` like a JSON body; a failure status is read as JSON (Matrix
 * errors). Generated descriptors of operations that answer with bytes (media
 * downloads) name it as their `read`, so other bundles leave it out.
 */
export async function readBytes(res: Response, c: ClientOptions): Promise<unknown> {
  if (!res.ok) return readBody(res, c);
  const max = c.maxBodyBytes ?? 1 << 20;
  const r = res.body?.getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  // The same capped read as readBody's; kept apart so that JSON-only bundles stay small.
  for (let chunk; r && !(chunk = await r.read()).done; parts.push(chunk.value)) {
    if ((n += chunk.value.length) > max) {
      void r.cancel();
      throw new HttpError(res.status, "", "body over " + max);
    }
  }
  return new Blob(parts as BlobPart[], { type: res.headers.get("content-type") ?? "" });
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
export function prepareRequest(c: ClientOptions, op: Operation, params: Params = {}, init: CallOptions & { body?: unknown } = {}): CallOptions & { body?: unknown } {
  const headers: Record<string, string> = {};
  for (const k of op.header ?? []) if (params[k] != null) headers[k] = [params[k]].flat().join();
  Object.assign(headers, init.headers);
  const { body } = init;
  if (body === undefined) return { ...init, headers };
  if (op.bodyType && !Object.keys({ ...c.headers, ...headers }).some((k) => /^content-type$/i.test(k))) headers["content-type"] = op.bodyType;
  return { ...init, headers, body: op.json ? JSON.stringify(body) : body };
}

/**
 * Performs an operation.
 *
 * JSON operations resolve to a {@link Result} for a 2xx answer. For `cache`
 * operations (and a client cache) a fresh entry is returned without any
 * request; a stale one is revalidated with `If-None-Match` /
 * `If-Modified-Since` and reused on 304 (with freshness from the 304's
 * headers). Freshness: `Cache-Control: max-age` minus `Age`; `no-cache` stores
 * but always revalidates, `no-store` never stores; `s-maxage`, `Expires` and
 * `stale-*` are ignored (no max-age = revalidate). Only 200 answers whose body
 * passed validation are stored.
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
 *   ResponseValidationError if the body fails the validator for its status
 *   (unless `validate: false`); TypeError for bad path parameters. Network and
 *   abort/timeout errors are passed through unchanged.
 */
export async function request<R = Result<unknown>>(c: ClientOptions, op: Operation, params?: Params, init: CallOptions & { body?: unknown } = {}): Promise<R> {
  const url = buildUrl(c, op, params);
  const now = c.now ?? Date.now;
  const cache = op.cache && c.cache;
  const hit = cache ? await cache.get(url) : undefined;
  let status = hit && 200;
  let { data, headers = {} } = hit ?? ({} as Partial<CacheEntry>);
  if (!hit || hit.expires <= now()) {
    const sent = op.prepare?.(c, op, params, init) ?? init;
    const res = await (c.fetch ?? fetch)(url, {
      ...(sent as RequestInit),
      method: op.method,
      headers: {
        ...c.headers,
        ...sent.headers,
        // conditional request when revalidating a stale entry
        ...(headers.etag && { "if-none-match": headers.etag }),
        ...(headers["last-modified"] && { "if-modified-since": headers["last-modified"] }),
      },
      // otherwise fetch's default, "follow"
      ...(op.redirect && { redirect: "manual" as const }),
    });
    const s = res.status;
    // lower-cased names; a repeated header is one comma-joined value (set-cookie: the last)
    const got: Record<string, string> = Object.fromEntries(res.headers as unknown as Iterable<[string, string]>);
    if (op.redirect) {
      // browsers: opaque redirect, status 0, nothing readable
      if (!s) return { status: 0, headers: got } as R;
      let u: URL | undefined;
      if (/^30[12378]$/.test("" + s))
        try {
          u = new URL(got.location || "x:", url);
        } catch {}
      else await readBody(res, c); // throws for error answers
      // no redirect, or a missing / unparsable / non-http(s) Location
      if (!/^https?:$/.test(u?.protocol!)) throw new HttpError(s, got.location, "bad redirect");
      return { status: s, location: u!.href, headers: got } as R;
    }
    if (hit && s == 304) headers = { ...headers, ...got };
    else (data = await (op.read ?? readBody)(res, c)), (status = s), (headers = got);
    // Checked before it is stored: a body that fails its validator is never kept for max-age.
    check(c, op, status!, data);
    const cc = headers["cache-control"] as string; // regexps see "undefined" if absent
    const m = /no-cache/i.test(cc) ? 0 : /max-age=(\d+)/i.exec(cc)?.[1] ?? 0;
    if (cache && status == 200 && !/no-store/i.test(cc))
      await cache.set(url, { data, headers, expires: now() + (+m - ~~(headers.age as unknown as number)) * 1e3 });
  } else check(c, op, status!, data);
  return { status, data, headers } as R;
}

/**
 * Throws {@link ResponseValidationError} when `data` fails the operation's
 * validator for `status` (unless `validate: false`).
 */
function check(c: ClientOptions, op: Operation, status: number, data: unknown): void {
  const v = c.validate !== false && op.validate?.[status];
  if (v && !v(data)) {
    const problems = (v.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? "" }));
    throw new ResponseValidationError(status, problems);
  }
}
