/**
 * The types of a bare JSON Schema file, read as its validator reads it: every value `validateX`
 * accepts must fit the type `X`. openapi-typescript reads schemas the OpenAPI way, where object
 * keywords make an object; these rewrites of the types' copy of a bare schema (the validators
 * compile the schema as written) widen its output where JSON Schema accepts more:
 *
 * - A schema without `type` whose object keywords (`properties`, `additionalProperties`,
 *   `patternProperties`) openapi-typescript types as an object accepts any non-object too
 *   (`{properties: {a: …}}` accepts `12`): it becomes the object type or `string | number |
 *   boolean | null | unknown[]` (the array member keeps its `items`/`prefixItems`).
 * - An index signature holds every value an undeclared member may have and, since TypeScript
 *   checks declared members against it, every declared member's type too: openapi-typescript
 *   types `additionalProperties: S` as `{a?: A} & {[key: string]: S}`, which refuses `{a: …}`
 *   when A is not S. Members named by a `patternProperties` regex (which TypeScript cannot
 *   express) share the index, and a member matching none of them may be anything unless
 *   `additionalProperties` says otherwise.
 * - An object type whose declared members are all optional is a "weak type" that TypeScript
 *   refuses to assign from a value sharing none of them (`{b: 1}` to `{a?: number}`), though the
 *   schema accepts it: where the schema admits other members, the type says so with
 *   `[key: string]: unknown`.
 *
 * This applies to bare JSON Schema files only, whose contract is the JSON Schema specification
 * (measured by the JSON-Schema-Test-Suite). In an OpenAPI document, a schema with `properties`
 * and no `type` is read as an object by its authors and by every OpenAPI tool, openapi-typescript
 * included; typing each such component as a six-member union would make the types of real specs
 * unusable, so OpenAPI input keeps openapi-typescript's reading (README: Types).
 *
 * @module
 */
import { isObject } from "../../load/refs.js";
import { walk } from "../../load/walk.js";
import { nameRefTargets } from "./member-refs.js";

type Schema = Record<string, unknown>;

/** Keys that document a schema: kept on the outer schema of a rewrite, where its comment is read. */
const ANNOTATIONS = new Set([
  ...["title", "summary", "description", "format", "deprecated"],
  ...["default", "example", "examples", "readOnly", "writeOnly"],
]);
/** What a schema without `type` accepts besides objects, keywords the array member keeps. */
const NON_OBJECT_TYPES = ["string", "number", "boolean", "null", "array"];
const ARRAY_KEYWORDS = ["items", "prefixItems", "minItems", "maxItems"];

/** Whether openapi-typescript (7.13) types this schema as an object (its own test, less `$defs`). */
function hasObjectKeywords(o: Schema): boolean {
  const props = o.properties;
  const named = isObject(props) && Object.keys(props).length > 0;
  return named || Boolean(o.additionalProperties) || Boolean(o.patternProperties);
}

/** A schema every value satisfies, typed `unknown`. */
const isAnything = (s: unknown): boolean => s === true || (isObject(s) && Object.keys(s).length === 0);

/**
 * One index signature that fits every member: `additionalProperties` (when present), each
 * `patternProperties` schema and each declared member's schema, as one `additionalProperties`
 * (openapi-typescript prints it as `[key: string]: …`); `patternProperties` are folded into it.
 */
function compatibleIndex(o: Schema): void {
  const patterns = isObject(o.patternProperties) ? Object.values(o.patternProperties) : [];
  const extra = o.additionalProperties;
  delete o.patternProperties;
  // Without patterns, `false` and `true` already give the right index (none, or `unknown`).
  if (!patterns.length && (extra === undefined || typeof extra === "boolean")) return;
  if (extra === undefined || isAnything(extra)) {
    o.additionalProperties = true;
    return;
  }
  const declared = isObject(o.properties) ? Object.values(o.properties) : [];
  const members = [...(extra === false ? [] : [extra]), ...patterns, ...declared];
  if (members.some(isAnything)) o.additionalProperties = true;
  else o.additionalProperties = members.length === 1 ? members[0] : { anyOf: members };
}

/** Keywords that apply other schemas to the same value: each may evaluate members `properties` does not name. */
const IN_PLACE = ["allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas", "$ref", "$dynamicRef"];

/**
 * Whether the schema admits members it does not declare: `unevaluatedProperties: false` closes
 * it only when no in-place applicator can evaluate more (openapi-typescript ignores
 * `dependentSchemas`, whose members `{properties: {foo}, dependentSchemas: {foo: {properties:
 * {bar}}}}` still admits).
 */
const admitsOthers = (o: Schema): boolean =>
  o.additionalProperties === undefined && (o.unevaluatedProperties !== false || IN_PLACE.some((k) => k in o));

/** An open object type whose declared members are all optional gets `[key: string]: unknown`. */
function openWeakType(o: Schema): void {
  if (!admitsOthers(o) || !isObject(o.properties)) return;
  const names = Object.keys(o.properties);
  const required = Array.isArray(o.required) ? o.required : [];
  if (names.length && !names.some((n) => required.includes(n))) o.additionalProperties = true;
}

/**
 * `o` becomes `{anyOf: [o as an object, string | number | boolean | null | array]}`, its
 * documentation kept outside.
 */
function orNonObjects(o: Schema): void {
  const object: Schema = { type: "object" };
  const other: Schema = { type: NON_OBJECT_TYPES };
  for (const [key, value] of Object.entries(o)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
    object[key] = value;
    if (ARRAY_KEYWORDS.includes(key)) other[key] = value;
    delete o[key];
  }
  o.anyOf = [object, other];
}

/** Rewrites one schema of the types' copy (see the module comment); children are visited by the caller. */
function typeAsValidated(o: Schema): void {
  // openapi-typescript types these by `$ref`, `const` or `enum` alone, before any object keyword.
  if ("$ref" in o || "const" in o || Array.isArray(o.enum)) return;
  const types = Array.isArray(o.type) ? o.type : [o.type];
  const untyped = o.type === undefined;
  if (!(untyped ? hasObjectKeywords(o) : types.includes("object"))) return;
  compatibleIndex(o);
  openWeakType(o);
  if (untyped) orNonObjects(o);
}

/**
 * Applies {@link typeAsValidated} to every schema under `components.schemas` of the types' copy
 * of a bare schema (its `$defs` are hoisted there first). Iterative; a node reached twice (a
 * shared YAML alias) is rewritten once, after all nodes are found, so a rewrite never hides a child.
 */
export function typesAsValidated(document: Schema): void {
  const components = isObject(document.components) ? document.components : undefined;
  if (isObject(components?.schemas)) nameRefTargets(document, components.schemas, schemaNodes(components.schemas));
  for (const o of schemaNodes(components?.schemas)) typeAsValidated(o);
}

/** Every schema object under a `components.schemas` map (each once, in the walker's order). */
function schemaNodes(map: unknown): Schema[] {
  const schemas: Schema[] = [];
  // Walked from a wrapper, so that the map's keys are names (`schemas` is a name map).
  walk({ schemas: map }, ({ node, names, depth }) => {
    if (depth >= 2 && !names && !Array.isArray(node)) schemas.push(node);
  });
  return schemas;
}
