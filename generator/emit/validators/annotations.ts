/**
 * The keywords no validator reads: JSON Schema's and OpenAPI's annotations and `x-*`
 * extensions. Ajv is told the OpenAPI ones exist; the copy it compiles leaves all of them out.
 *
 * @module
 */

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
const ANNOTATION_KEYS: ReadonlySet<string> = new Set([
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
