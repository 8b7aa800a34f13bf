/* The specgen client runtime (hand-written, see specgen's generator/runtime/). */
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
/** Non-2xx answer, unreadable body or refused redirect, without a Matrix error body. */
export class HttpError extends Error {
    name = "HttpError";
    /**
     * @param body response body or Location, cut to 200 characters
     * @param reason appended to the message `HTTP <status>`
     */
    constructor(status, body = "", reason = "") {
        super(`HTTP ${status}${reason && ": " + reason}`);
        Object.assign(this, { status, body: body.slice(0, 200) });
    }
}
/** Non-2xx answer with a Matrix error body `{"errcode": ..., "error": ...}`. */
export class MatrixError extends Error {
    name = "MatrixError";
    constructor(status, errcode, error, data) {
        super(errcode + ": " + error);
        Object.assign(this, { status, errcode, error, data });
    }
}
/** The response body does not match the schema declared for its status. */
export class ResponseValidationError extends Error {
    name = "ResponseValidationError";
    constructor(status, errors) {
        super(`HTTP ${status}: invalid body`);
        Object.assign(this, { status, errors });
    }
}
/** Resolves defaults; the result is what stubs take as first argument. */
export const createClient = (options) => ({ ...options, cache: options.cache ?? new Map() });
/** Unbounded in-memory {@link Cache}; share one between clients if wanted. */
export const createMemoryCache = () => new Map();
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
export function buildUrl(client, op, params = {}) {
    const q = new URLSearchParams();
    const path = op.path.replace(/{(.+?)}/g, (_, k) => {
        const v = "" + (params[k] ?? "");
        if (/^\.{0,2}$/.test(v))
            throw TypeError("Bad path param " + k);
        return encodeURIComponent(v);
    });
    for (const k of op.query ?? [])
        for (const v of [params[k]].flat())
            if (v != null)
                q.append(k, v);
    const qs = "" + q;
    return client.baseUrl.replace(/\/+$/, "") + (op.base ?? "") + path + (qs && "?" + qs);
}
/** Reads a size-capped JSON body; throws the typed error of a non-2xx answer. */
async function readBody(res, c) {
    const max = c.maxBodyBytes ?? 1 << 20;
    const s = res.status;
    const r = res.body?.getReader();
    const d = new TextDecoder();
    let text = "";
    let n = 0;
    let data;
    for (let chunk; r && !(chunk = await r.read()).done;) {
        if ((n += chunk.value.length) > max) {
            void r.cancel(); // cannot reject: the stream just delivered a chunk
            throw new HttpError(s, "", "body over " + max);
        }
        text += d.decode(chunk.value, { stream: true });
    }
    text += d.decode();
    try {
        data = text ? JSON.parse(text) : undefined;
    }
    catch {
        // A failure status is the news, whatever its body (a proxy's or Synapse's HTML error page):
        // "not JSON" is said of a 2xx only.
        throw new HttpError(s, text, res.ok ? "not JSON" : res.statusText);
    }
    if (res.ok)
        return data;
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
export async function readBytes(res, c) {
    if (!res.ok)
        return readBody(res, c);
    const max = c.maxBodyBytes ?? 1 << 20;
    const r = res.body?.getReader();
    const parts = [];
    let n = 0;
    // The same capped read as readBody's; kept apart so that JSON-only bundles stay small.
    for (let chunk; r && !(chunk = await r.read()).done; parts.push(chunk.value)) {
        if ((n += chunk.value.length) > max) {
            void r.cancel();
            throw new HttpError(res.status, "", "body over " + max);
        }
    }
    return new Blob(parts, { type: res.headers.get("content-type") ?? "" });
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
export function prepareRequest(c, op, params = {}, init = {}) {
    const headers = {};
    for (const k of op.header ?? [])
        if (params[k] != null)
            headers[k] = [params[k]].flat().join();
    Object.assign(headers, init.headers);
    const { body } = init;
    if (body === undefined)
        return { ...init, headers };
    if (op.bodyType && !Object.keys({ ...c.headers, ...headers }).some((k) => /^content-type$/i.test(k)))
        headers["content-type"] = op.bodyType;
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
export async function request(c, op, params, init = {}) {
    const url = buildUrl(c, op, params);
    const now = c.now ?? Date.now;
    const cache = op.cache && c.cache;
    const hit = cache ? await cache.get(url) : undefined;
    let status = hit && 200;
    let { data, headers = {} } = hit ?? {};
    if (!hit || hit.expires <= now()) {
        const sent = op.prepare?.(c, op, params, init) ?? init;
        const res = await (c.fetch ?? fetch)(url, {
            ...sent,
            method: op.method,
            headers: {
                ...c.headers,
                ...sent.headers,
                // conditional request when revalidating a stale entry
                ...(headers.etag && { "if-none-match": headers.etag }),
                ...(headers["last-modified"] && { "if-modified-since": headers["last-modified"] }),
            },
            // otherwise fetch's default, "follow"
            ...(op.redirect && { redirect: "manual" }),
        });
        const s = res.status;
        // lower-cased names; a repeated header is one comma-joined value (set-cookie: the last)
        const got = Object.fromEntries(res.headers);
        if (op.redirect) {
            // browsers: opaque redirect, status 0, nothing readable
            if (!s)
                return { status: 0, headers: got };
            let u;
            if (/^30[12378]$/.test("" + s))
                try {
                    u = new URL(got.location || "x:", url);
                }
                catch { }
            else
                await readBody(res, c); // throws for error answers
            // no redirect, or a missing / unparsable / non-http(s) Location
            if (!/^https?:$/.test(u?.protocol))
                throw new HttpError(s, got.location, "bad redirect");
            return { status: s, location: u.href, headers: got };
        }
        if (hit && s == 304)
            headers = { ...headers, ...got };
        else
            (data = await (op.read ?? readBody)(res, c)), (status = s), (headers = got);
        // Checked before it is stored: a body that fails its validator is never kept for max-age.
        check(c, op, status, data);
        const cc = headers["cache-control"]; // regexps see "undefined" if absent
        const m = /no-cache/i.test(cc) ? 0 : /max-age=(\d+)/i.exec(cc)?.[1] ?? 0;
        if (cache && status == 200 && !/no-store/i.test(cc))
            await cache.set(url, { data, headers, expires: now() + (+m - ~~headers.age) * 1e3 });
    }
    else
        check(c, op, status, data);
    return { status, data, headers };
}
/**
 * Throws {@link ResponseValidationError} when `data` fails the operation's
 * validator for `status` (unless `validate: false`).
 */
function check(c, op, status, data) {
    const v = c.validate !== false && op.validate?.[status];
    if (v && !v(data)) {
        const problems = (v.errors ?? []).map((e) => ({ pointer: e.instancePath, message: e.message ?? "" }));
        throw new ResponseValidationError(status, problems);
    }
}
