/**
 * What the keys of an OpenAPI document are, for the walks over whole documents (the types'
 * comment pass, the validators' copy, lint's example check) that must tell keywords from names
 * and schemas from data.
 *
 * @module
 */

/** Values of these keys are data (examples, defaults, allowed values), never schemas or prose. */
export const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);

/**
 * Keys whose values map names to values (schema properties, components, media types, …): an
 * entry named `enum`, `example` or `x-foo` there is a name, not a keyword.
 */
export const NAME_MAPS = new Set([
  "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependentRequired", "dependencies", "mapping",
  "schemas", "responses", "parameters", "headers", "content", "paths", "pathItems", "requestBodies", "callbacks", "links",
  "encoding", "variables", "webhooks",
]);
