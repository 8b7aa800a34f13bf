/**
 * The one table of what the keys of an OpenAPI document or JSON Schema are, for the walks over
 * whole documents (load/walk.ts and its callers: the types' copy, the validators' copy, lint's
 * pattern and example checks, the schema-file bundling) that must tell keywords from names and
 * schemas from data: which keys hold a list of schemas, a map of names (to schemas or to OpenAPI
 * objects), and data that is never a schema.
 *
 * @module
 */

/** Values of these keys are data (examples, defaults, allowed values), never schemas or prose. */
export const DATA_KEYS: ReadonlySet<string> = new Set(["example", "examples", "default", "enum", "const"]);

/** Whether a key in keyword position holds data: one of {@link DATA_KEYS}, or an `x-` extension (the project's own). */
export function isDataKey(key: string): boolean {
  return DATA_KEYS.has(key) || key.startsWith("x-");
}

/** Keywords whose value is a list of schemas. */
export const SCHEMA_LISTS: ReadonlySet<string> = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);

/** Keywords whose value maps names (or regexes) to schemas; all are {@link NAME_MAPS} too. */
export const SCHEMA_MAPS: ReadonlySet<string> = new Set([
  "properties",
  "patternProperties",
  "$defs",
  "definitions",
  "dependentSchemas",
  "schemas",
]);

/**
 * Keys whose values map names to values (schema properties, components, paths, responses, media
 * types, discriminator mappings, …): an entry named `enum`, `pattern` or `x-foo` there is a name,
 * not a keyword.
 */
export const NAME_MAPS: ReadonlySet<string> = new Set([
  ...SCHEMA_MAPS,
  "dependentRequired",
  "dependencies",
  "mapping",
  "responses",
  "parameters",
  "headers",
  "content",
  "paths",
  "pathItems",
  "requestBodies",
  "callbacks",
  "links",
  "encoding",
  "variables",
  "webhooks",
]);

/** OpenAPI 3.1 Schema Object keywords that JSON Schema 2020-12 does not define; all are annotations. */
export const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"] as const;

/**
 * What a validator never reads, left out of the copy Ajv compiles: JSON Schema's and OpenAPI's
 * annotations (prose, examples, `default` (useDefaults is off), `deprecated`, `readOnly`,
 * `writeOnly`, the content keywords, `xml`, `externalDocs`, `discriminator`, whose constraints
 * the copy gets from model/discriminators.ts) and every `x-*` extension. Ajv's standalone code
 * declares each compiled schema as a constant, so anything left in would ship in the package's
 * `validators/*.js`: every description, twice for a small spec (both compiles), and whatever a
 * project keeps in an extension (a token in `x-…` would be published). Keys of name maps
 * (`properties`, …) are names and stay, whatever they are called.
 */
export const ANNOTATION_KEYS: ReadonlySet<string> = new Set([
  "description",
  "title",
  "$comment",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "contentMediaType",
  "contentEncoding",
  "contentSchema",
  ...OPENAPI_ANNOTATIONS,
]);

/** Whether a key in keyword position is an annotation no validator reads (see {@link ANNOTATION_KEYS}). */
export function isAnnotationKey(key: string): boolean {
  return ANNOTATION_KEYS.has(key) || key.startsWith("x-");
}
