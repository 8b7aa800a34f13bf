/**
 * The copy of a spec's document that openapi-typescript is given: the same types, rewritten
 * where openapi-typescript (7.13, pinned) would misread or throw on what the spec says. The
 * spec's own document is never changed (the validators compile it as written).
 *
 * @module
 */
import type { OpenAPI3 } from "openapi-typescript";
import { SCHEMA_LISTS } from "../../load/keys.js";
import { deref, isObject } from "../../load/refs.js";
import { walk } from "../../load/walk.js";
import { addDeclaredTags } from "../../model/discriminators.js";
import type { SpecModel } from "../../model/types.js";
import { keyedOperationId } from "../module.js";
import { hoistDefinitions, typeableRefs } from "./bare-schema.js";
import { typesAsValidated } from "./json-schema.js";
import { nameMemberRefs } from "./member-refs.js";
import { inlinePathRefs } from "./path-refs.js";
import { readerDocs } from "./reader-docs.js";

type Node = Record<string, unknown>;

/**
 * openapi-typescript (7.13) types a webhook given as a `$ref` to a path item as having no
 * operations; the copy gets the path item itself (whose own `$ref`s still resolve), without
 * operationIds: those operations are typed once, under `operations`, from the component.
 */
function inlineWebhooks(copy: Node): Node {
  const webhooks = isObject(copy.webhooks) ? copy.webhooks : {};
  for (const [name, item] of Object.entries(webhooks)) {
    if (!isObject(item) || !("$ref" in item)) continue;
    const inline = structuredClone(deref(copy, item));
    for (const op of isObject(inline) ? Object.values(inline) : []) if (isObject(op)) delete op.operationId;
    webhooks[name] = inline;
  }
  return webhooks;
}

/** Operations whose id openapi-typescript cannot key stay inline in `paths` (see keyedOperationId). */
function dropUnkeyedIds(copy: Node, webhooks: Node): void {
  const components = isObject(copy.components) ? copy.components : {};
  const items = [copy.paths, webhooks, components.pathItems].flatMap((map) =>
    isObject(map) ? Object.values(map) : [],
  );
  for (const item of items) {
    for (const op of isObject(item) ? Object.values(item) : [])
      if (isObject(op) && "operationId" in op && !keyedOperationId(op.operationId)) delete op.operationId;
  }
}

/** Keywords whose value maps names to subschemas that openapi-typescript walks as schemas. */
const DEFINITION_MAPS = new Set(["$defs", "definitions"]);

/**
 * JSON Schema allows `true` and `false` wherever a schema stands; openapi-typescript (7.13)
 * handles them as a whole schema, a property or `additionalProperties`, and throws a TypeError
 * on one in `allOf`/`anyOf`/`oneOf` or in `$defs`. The copy gets `{}` for `true` and
 * `{ not: {} }` for `false` there: the same meaning, typed `unknown` (wider than `never`, so
 * every value the validator accepts still fits). A node reached twice (a shared YAML alias) is
 * rewritten once.
 */
function objectSubschemas(document: Node): void {
  const asObject = (v: unknown): unknown => (v === true ? {} : v === false ? { not: {} } : v);
  walk(document, ({ node, names }) => {
    if (names || Array.isArray(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_LISTS.has(key) && Array.isArray(value)) node[key] = value.map(asObject);
      else if (DEFINITION_MAPS.has(key) && isObject(value)) {
        for (const [name, member] of Object.entries(value)) value[name] = asObject(member);
      }
    }
  });
}

/** The document openapi-typescript prints `spec`'s types from. */
export function typesCopy(spec: SpecModel): OpenAPI3 {
  const copy = structuredClone(spec.document);
  if (spec.facts.pathRefs) inlinePathRefs(copy);
  dropUnkeyedIds(copy, inlineWebhooks(copy));
  // Members that fix their discriminator tag themselves are typed with it (see model/discriminators.ts).
  addDeclaredTags(copy, spec.facts.declaredTags);
  if (spec.kind === "json-schema") {
    hoistDefinitions(copy, spec.definitions);
    typeableRefs(copy);
    typesAsValidated(copy);
  } else nameMemberRefs(copy);
  objectSubschemas(copy);
  return readerDocs(copy, spec.linkBase) as unknown as OpenAPI3;
}
