/** The normalized model every emitter reads: built once from the bundled specs. */
import type { OverlayRule } from "../load/overlay.js";
import type { DocumentFacts } from "./facts.js";
import type { MediaKind } from "./media.js";

export interface Model {
  specs: SpecModel[];
  warnings: string[];
  /** The kind of each warning made with one (by its text), for a summary per kind (see warnings.ts). */
  warningKinds?: ReadonlyMap<string, string>;
  /** Identity of the generated npm package. */
  pkg: PackageInfo;
}

export interface PackageInfo {
  name: string;
  /** Follows the Matrix spec version of the sources (config `package.version`). */
  version: string;
  license: string;
  /** Licence/copyright header comments of the source files, for the package's LICENSE. */
  notices: Array<{ source: string; text: string }>;
}

export interface SpecModel {
  /** Path relative to the specs root, `/`-separated, e.g. `client-server/auth_metadata.yaml`. */
  source: string;
  /** Output module path without extension, e.g. `client-server/auth_metadata`. */
  module: string;
  kind: "openapi" | "json-schema";
  /** The bundled OpenAPI document (refs kept as components); a synthetic one for a bare schema. */
  document: Record<string, unknown>;
  /** Base path from the first `servers` entry (its `basePath` variable default, or URL path). */
  basePath: string;
  operations: OperationModel[];
  /** Named exports for schemas: components, standalone schema files and their collection items. */
  schemas: NamedSchema[];
  /** Operations under `webhooks` (OpenAPI 3.1): requests the API makes, so they get types and validators, no client. */
  webhooks: OperationModel[];
  /**
   * What its schemas use (`format`s, patterns, a discriminator, readOnly/writeOnly), found in one
   * walk over `document` when the model is built (model/facts.ts): emitters read these instead
   * of walking the document again.
   */
  facts: DocumentFacts;
  /**
   * The `$defs` and `definitions` maps of its component schemas, nested ones included
   * (model/definitions.ts): named schemas that are no export of their own.
   */
  definitions: DefinitionsModel[];
  /** Unknown keywords of its Schema Objects that the struct gate tolerated with a warning (load/tolerance.ts). */
  ignoredKeywords?: string[];
  /** Keywords the spec's overlays added to its schemas, each with the rule it cites (pointers into `document`). */
  overlayRules?: OverlayRule[];
  /** Where site-relative links in its prose point (model/docs.ts); absent: they stay as written. */
  linkBase?: string;
  /**
   * The same spec without its overlays, when it has some and the build asked for it: the
   * validators emitter compiles its schemas too (`validateXAsWritten`), for checks without the
   * overlays' prose rules at run time.
   */
  asWritten?: SpecModel;
}

/**
 * Where a named schema's type is in its types module: a component of openapi-typescript's
 * `components["schemas"]` by key, or the element type of an array property of another named
 * schema, `of` (read on the object part of `of` when `objectPart`: a root without `type` may be
 * no object).
 */
export type SchemaTypeRef =
  | { kind: "component"; key: string }
  | { kind: "items"; of: string; property: string; objectPart: boolean };

export interface NamedSchema {
  name: string;
  /** For a component (`components/schemas/X`, a bare schema's `$defs/X`): its key as written. */
  component?: string;
  /** Its type over the types module's own declarations (emit/types/named-exports.ts writes it). */
  type: SchemaTypeRef;
  /** JSON pointer of the schema inside `document`. */
  pointer: string;
}

/** One `$defs` (or `definitions`) map inside a component schema, and the schemas it names. */
export interface DefinitionsModel {
  /** JSON pointer in `document` of the schema that holds the map (a component, or an entry of another map). */
  owner: string;
  keyword: "$defs" | "definitions";
  /** Its entries in the spec's order: each name as written, and the entry's JSON pointer in `document`. */
  entries: Array<{ name: string; pointer: string }>;
}

export interface ParameterModel {
  /** The name on the wire. */
  name: string;
  /**
   * The parameter's key in a call's flat `params`: its name, or `<location><Name>` in camelCase
   * (`queryId`) for a non-path parameter whose name another location of the operation uses too.
   */
  key: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** OpenAPI `style`, defaulted: `form` for query and cookie, `simple` for path and header. */
  style: string;
  /** OpenAPI `explode`, defaulted: true for `form`, false otherwise. */
  explode: boolean;
  /** OpenAPI `allowReserved` (query only; false elsewhere). */
  allowReserved: boolean;
  /**
   * The value may be an object, or an array in the path: the default runtime sends scalars
   * (and query or header arrays) only, so the client needs the runtime's style serializer.
   */
  structured: boolean;
}

export interface ResponseModel {
  status: string;
  /** The JSON media type key of the response's content, when it has one with a schema. */
  mediaType?: string;
  /** Every media type of the response's content. */
  media: string[];
  /** Pointer to the JSON body schema in `document`, when the response has one. */
  jsonSchemaPointer?: string;
  /** Its headers (`headers`), in the spec's order. */
  headers: HeaderModel[];
  /** The response's description, as written. */
  description?: string;
  /** A failure status whose JSON body has an `errcode` property: the client throws MatrixError for it. */
  matrixError?: true;
}

/** One header of a response (a Header Object, its `$ref` followed). */
export interface HeaderModel {
  /** The header's name as the spec writes it (its key in `headers`; HTTP reads it case-insensitively). */
  name: string;
  required: boolean;
  deprecated: boolean;
  /** The header's description, as written. */
  description?: string;
  /**
   * JSON pointer of its schema in `document`: under `schema`, or under its `content` media type,
   * at the Header Object's own place (a `components/headers` entry for a `$ref`'d one).
   */
  schemaPointer?: string;
}

/** What an operation sends: the media type of its request body, preferring JSON. */
export interface RequestBodyModel {
  /** The media type key as written (e.g. `application/json`). */
  mediaType: string;
  /** A JSON media type: the client JSON-encodes the body. */
  json: boolean;
  /**
   * The Content-Type the client declares when the caller sets none: empty for a wildcard or multipart type (the body,
   * e.g. FormData, brings its own).
   */
  contentType: string;
  required: boolean;
  /** A JSON body with a schema: its type name (`<Op>Body`) and the schema's pointer in `document`. */
  name?: string;
  jsonSchemaPointer?: string;
  /** Every media type offered, the one above (the default) first, then in the spec's order. */
  media: BodyMediaModel[];
}

/** One media type a request body may be sent in. */
export interface BodyMediaModel {
  /** The media type key as written. */
  type: string;
  kind: MediaKind;
  /** Its `encoding` object's serialization fields (form and multipart bodies), by property, where written. */
  encoding?: Record<string, PartEncodingModel>;
}

/**
 * The fields of an OpenAPI Encoding Object the client applies (form: style, explode,
 * allowReserved; multipart: contentType).
 */
export interface PartEncodingModel {
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  contentType?: string;
}

export interface OperationModel {
  /** The spec's operationId, or `<method> <path>` for an operation without one. */
  operationId: string;
  /** The operationId as the spec gives it, if it does. */
  specOperationId?: string;
  /** Where the operation is: an API path, or a webhook (keyed by name in `pathKey`). */
  root: "paths" | "webhooks";
  summary?: string;
  /** The spec's description (Markdown, Matrix shortcodes not yet rendered). */
  description?: string;
  /** `x-addedInMatrixVersion`. */
  since?: string;
  /** `x-changedInMatrixVersion`: notes by version. */
  changed?: Record<string, string>;
  /** Safe camelCase function name. */
  name: string;
  /** PascalCase prefix for the operation's exported type names. */
  typeName: string;
  method: string;
  /** Path template as written in the spec (used to index `paths`). */
  pathKey: string;
  /** Path template used for requests (trimmed). */
  path: string;
  /**
   * Base path of the operation's server: the first of its own `servers`, else its path item's,
   * else the document's (see SpecModel.basePath), with server variables at their defaults.
   */
  basePath: string;
  /**
   * The origin of the operation's server, when it is another origin than every server of the
   * document: requests go there (then `basePath`), not to the client's `baseUrl` (see
   * model/servers.ts).
   */
  serverOrigin?: string;
  parameters: ParameterModel[];
  responses: ResponseModel[];
  /** The request body, if the operation declares one with some content. */
  requestBody?: RequestBodyModel;
  /** Only redirects (3xx + Location) as success: a navigation target rather than data. */
  redirect: boolean;
  /** Its 2xx responses with content have no JSON media type (media downloads): the body is bytes. */
  answersBytes: boolean;
  /** The operation says `x-specgen-cache: true`: the client may cache its answers (see the runtime). */
  cache?: true;
  /** Named response body types, by status. */
  responseTypes: Array<{ status: string; name: string }>;
  deprecated: boolean;
}
