/**
 * The client runtime's part for bodies in several media types and answers that are not JSON,
 * shipped as `client/runtime-media.js` beside `client/runtime.js` only in packages with an
 * operation that needs it. Generated descriptors name its functions ({@link prepareBody},
 * {@link formBody}, {@link multipartBody}, {@link readMedia}), so a bundler keeps only those used.
 *
 * @module
 */
import { prepareRequest, readBody, readBytes, serializeParam, validate } from "./index.js";
import type { CallOptions, ClientOptions, Operation, ParamStyle, Params, Validator } from "./index.js";

/** A JSON media type (`application/json`, `…+json`), parameters aside: not `json-seq` or `jsonl`. */
const JSON_TYPE = /^application\/([^;/]+\+)?json[ \t]*(;|$)/i;

/** `record[name]` if it is an own property (a spec's `constructor` or `__proto__` key is never inherited). */
const own = (record: unknown, name: string): unknown =>
  record != null && Object.hasOwn(record, name) ? (record as Record<string, unknown>)[name] : undefined;

/** The fields of an OpenAPI Encoding Object applied to one property of a form or multipart body. */
export interface PartEncoding extends ParamStyle {
  /**
   * Form: a JSON type (with no `style`) sends the property JSON-encoded. Multipart: the type of
   * a part given as bytes (an object's part is `application/json`).
   */
  contentType?: string;
}

/** A media type's `encoding`: the Encoding Object of each property that has one. */
export type Encodings = Readonly<Record<string, PartEncoding>>;

/** One media type an operation's request body may be sent in (see {@link prepareBody}). */
export interface BodyMedia {
  /** The Content-Type declared unless the call's headers set one; `""` for none (a FormData brings its boundary). */
  type: string;
  /** The body is sent JSON-encoded. */
  json?: boolean;
  /** Encodes a plain-object body: {@link formBody} or {@link multipartBody}. Any other body is sent as given. */
  encode?: (body: Readonly<Record<string, unknown>>, encoding?: Encodings) => BodyInit;
  /** The media type's `encoding` (OpenAPI Encoding Objects) by property, where the spec gives one. */
  encoding?: Encodings;
}

/** An {@link Operation} with the fields read by the functions of this block. */
export interface MediaOperation extends Operation {
  /**
   * The media types a call's `body` may be sent in, by media type as the spec writes it (`image/*`
   * accepts any `image/…` the call names); the first is the default. Read by {@link prepareBody}.
   */
  bodies?: Readonly<Record<string, BodyMedia>>;
  /**
   * What {@link readMedia} makes of a success answer that is not JSON: its `ReadableStream`
   * (`stream`, the default), a string (`text`) or a `Blob` (`bytes`).
   */
  media?: "stream" | "text" | "bytes";
  /**
   * Present when the operation may also answer JSON: the validators of its JSON success bodies
   * by status (`{}` for none), applied by {@link readMedia} to an answer whose Content-Type is JSON.
   */
  jsonAnswers?: Readonly<Record<number, Validator>>;
}

/** The options of a call whose body may be sent in several media types: `contentType` picks one. */
export interface BodyOptions extends CallOptions {
  body?: unknown;
  /** One of the operation's media types (default: the first it lists, JSON where offered). */
  contentType?: string;
}

/** A string property of a multipart body (a file part, `format: binary`) may be a Blob or bytes too. */
type FilePart<V> = V extends string ? (string extends V ? V | Blob | ArrayBufferView : V) : V;

/** One property of a multipart body: an array is one part per item. Distributes over `undefined`. */
type PartOf<V> = V extends readonly (infer I)[] ? ReadonlyArray<FilePart<I>> : FilePart<V>;

/**
 * A `multipart/form-data` body object typed from its schema: each property is a part (an array,
 * one part per item), a string property may be given as a `Blob` (a file) or bytes.
 */
export type Multipart<T> = T extends object ? { [K in keyof T]: PartOf<T[K]> } : T;

/** Whether a body is a plain object (one the spec's schema describes), not a FormData, Blob, string… */
function plainObject(body: unknown): body is Record<string, unknown> {
  if (body == null || typeof body !== "object") return false;
  const proto = Object.getPrototypeOf(body) as unknown;
  return proto === Object.prototype || proto == null;
}

/**
 * The body entry of the media type a call picks (exact, else a wildcard such as `image/*` that
 * matches it, then sent as the call names it).
 * @throws TypeError for a media type the operation does not offer
 */
function bodyMedia(op: MediaOperation, contentType?: string): BodyMedia {
  const types = Object.keys(op.bodies ?? {});
  const key = contentType ?? types[0] ?? "";
  const exact = own(op.bodies, key) as BodyMedia | undefined;
  if (exact) return exact;
  const wild = types.find((t) => t === "*/*" || (t.endsWith("/*") && key.startsWith(t.slice(0, -1))));
  if (wild && key && !key.includes("*")) return { ...(own(op.bodies, wild) as BodyMedia), type: key };
  throw new TypeError(`Bad contentType ${key}`);
}

/**
 * The `init` a call sends for an operation whose body comes in several media types, or as a form
 * (generated descriptors name it as their `prepare`): the media type named by `init.contentType`
 * (default: the operation's first), a plain-object body encoded for it (JSON, {@link formBody},
 * {@link multipartBody}), any other body (FormData, URLSearchParams, Blob, string…) sent as given;
 * then as {@link prepareRequest}.
 */
export function prepareBody(
  c: ClientOptions,
  op: MediaOperation,
  params: Params = {},
  init: BodyOptions = {},
): CallOptions & { body?: unknown } {
  const { contentType, ...sent } = init;
  const media = bodyMedia(op, contentType);
  const { body } = sent;
  if (media.encode && plainObject(body)) sent.body = media.encode(body, media.encoding);
  return prepareRequest(c, { ...op, json: !!media.json, bodyType: media.type }, params, sent);
}

/**
 * An `application/x-www-form-urlencoded` body, as OpenAPI encodes one: each own property as a
 * query parameter of its `encoding` (default `form`, exploded: arrays repeated, an object's
 * members as `key=value`; `deepObject` as `name[key]=value`), RFC 3986 percent-encoding (a space
 * is `%20`, `+` is `%2B`); null and undefined left out. A property whose encoding names a JSON
 * `contentType` (and no `style`) is sent JSON-encoded.
 * @throws TypeError for a nested object or array (which OpenAPI gives no form encoding), or a lone
 *   surrogate.
 */
export function formBody(body: Readonly<Record<string, unknown>>, encoding?: Encodings): string {
  const field = (name: string): string => {
    const value = body[name];
    const style = own(encoding, name) as PartEncoding | undefined;
    const json = !style?.style && JSON_TYPE.test(style?.contentType ?? "");
    // as a query parameter whose value is the JSON text
    if (json && value != null) return serializeParam("query", name, JSON.stringify(value));
    return serializeParam("query", name, value, style);
  };
  return Object.keys(body).map(field).filter(Boolean).join("&");
}

/** One multipart part: a Blob as given, bytes as a Blob, an object as JSON, a scalar as text. */
function formPart(value: unknown, type = ""): string | Blob {
  if (value instanceof Blob) return value;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    // a single concrete type only (`image/*` or a list names none)
    return new Blob([value as BlobPart], { type: /^[^*,]+$/.test(type) ? type : "application/octet-stream" });
  }
  if (typeof value === "object") return new Blob([JSON.stringify(value)], { type: "application/json" });
  return String(value);
}

/**
 * A `multipart/form-data` body: a `FormData` with one part per own property, or per item of an
 * array; a Blob (a file) as given, bytes as a Blob of the property's `encoding` contentType, an
 * object as an `application/json` part (a Blob, so FormData gives it the file name `blob`), a
 * scalar as text; null and undefined left out.
 */
export function multipartBody(body: Readonly<Record<string, unknown>>, encoding?: Encodings): FormData {
  const form = new FormData();
  for (const name of Object.keys(body)) {
    const type = (own(encoding, name) as PartEncoding | undefined)?.contentType;
    for (const value of [body[name]].flat()) if (value != null) form.append(name, formPart(value, type));
  }
  return form;
}

/**
 * Reads a success answer of an operation whose answers are not (only) JSON; a failure status is
 * read as JSON (typed errors, as for any operation). An answer whose Content-Type is JSON, when
 * the operation declares one, is parsed and validated; any other becomes what `op.media` says:
 * - `stream` (NDJSON, JSON Lines, JSON text sequences, server-sent events): the response's
 *   `ReadableStream`, handed over as soon as the headers arrive, never read here (so neither
 *   capped nor waited for: a stream the server keeps open resolves at once; cancel it, or abort
 *   the call's `signal`, to close it);
 * - `text` (`text/*`, XML, YAML): a string, at most `maxBodyBytes`;
 * - `bytes`: a `Blob` of the response's Content-Type, at most `maxBodyBytes`.
 */
export async function readMedia(res: Response, c: ClientOptions, op: MediaOperation): Promise<unknown> {
  if (!res.ok) return readBody(res, c, op);
  const json = JSON_TYPE.test(res.headers.get("content-type") ?? "");
  if (op.jsonAnswers && json) {
    const data = await readBody(res, c, op);
    validate(c, { ...op, validate: op.jsonAnswers }, res.status, data);
    return data;
  }
  if (op.media === "bytes") return readBytes(res, c, op);
  if (op.media !== "text") return res.body ?? new Blob().stream();
  // read under the same cap as bytes; Blob.text() decodes UTF-8, a byte order mark dropped
  return ((await readBytes(res, c, op)) as Blob).text();
}
